"""Running the real CLI in-process and reading what it reports."""
from __future__ import annotations

import importlib.util
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from fixer.cli import app

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "golden"


def load_script(name: str):
    """A script of `scripts/` (not a package) as a module, to call its functions."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def cli(*args: str) -> Outcome:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@dataclass
class GoldenCase:
    path: Path
    code: str

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"

    @property
    def is_tree(self) -> bool:
        return (self.path / "before").is_dir()

    @property
    def spec(self) -> dict:
        return json.loads((self.path / "findings.json").read_text())

    @property
    def select(self) -> str:
        """The case's rule, or the rules it names when several act together."""
        return ",".join(self.spec.get("select", [self.code]))

    @property
    def pack(self) -> str:
        from fixer.registry import pack_of

        return pack_of(self.code)

    def fix_command(self) -> list[str]:
        """How the case's pack is run to fix: `fix` for the fix pack, `migrate --to cdktn` for migrate
        (whose --allow-partial is what `unsafe_fixes` asks for there, unless the case names the options that
        enable its unsafe fixes: `"unsafe_options": ["--unsafe-fixes"]` for command lines)."""
        if self.pack == "migrate":
            options = self.spec.get("unsafe_options", ["--allow-partial"]) if self.spec.get("unsafe_fixes") else []
            return ["migrate", "--to", "cdktn", *options]
        if self.pack == "upgrade":
            return ["migrate", "--to", "cdktf"]
        return ["fix", *(["--unsafe-fixes"] if self.spec.get("unsafe_fixes") else [])]

    def check_command(self) -> list[str]:
        if self.pack == "upgrade":
            return ["migrate", "--to", "cdktf", "--check"]
        return ["migrate", "--to", "cdktn", "--check"] if self.pack == "migrate" else ["check"]

    def materialize(self, which: str, into: Path) -> Path:
        """Copy before/after into `into` (a fresh folder): a tree as is, a single file as case.py."""
        if self.is_tree:
            shutil.copytree(self.path / which, into)
        else:
            into.mkdir(parents=True)
            shutil.copy(self.path / f"{which}.py", into / "case.py")
        return into

    def expected(self, which: str) -> dict[str, bytes]:
        if self.is_tree:
            return snapshot(self.path / which)
        return {"case.py": (self.path / f"{which}.py").read_bytes()}


def golden_cases() -> list[GoldenCase]:
    cases = []
    for rule_dir in sorted(GOLDEN.iterdir()):
        if rule_dir.is_dir():
            code = rule_dir.name.split("-", 1)[0]
            cases.extend(GoldenCase(c, code) for c in sorted(rule_dir.iterdir()) if c.is_dir())
    return cases
