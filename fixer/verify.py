"""Proof by synthesis: run a project's app the way `cdktf synth` does and say how it went.

The app command is cdktf.json's `app` (else `python tap.py` / `python main.py`), run from the project
root with the interpreter asked for (default: the project's .venv, else this one), its output sent to a
temporary folder through CDKTF_OUTDIR so the user's cdktf.out is never touched. Synth needs no network:
it neither runs terraform nor calls AWS.

A failure is classified by how far the app got: syntax, import, name, attribute, type/arguments,
jsii validation, other. Those stages are the pipeline's order, which is what lets `fix --verify` say
whether a change made things worse; and a fix that makes a file it changed fail to import or name
something undefined is worse whatever the stage before was.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Failure stages in the order an app meets them; a later stage means the app got further.
STAGES = ("syntax", "import", "name", "attribute", "type/arguments", "other", "jsii validation", "synthesized")
_EXCEPTION = re.compile(r"^(?:[\w.]+\.)?(\w+(?:Error|Exception|Warning)|KeyboardInterrupt)(?::|$)")
_BY_EXCEPTION = {
    "SyntaxError": "syntax", "IndentationError": "syntax", "TabError": "syntax",
    "ModuleNotFoundError": "import", "ImportError": "import",
    "NameError": "name", "UnboundLocalError": "name", "AttributeError": "attribute",
    "TypeError": "type/arguments",
}
_JSII = ("JSIIError", "JavaScriptError")


class VerifyError(Exception):
    """The project cannot be run at all (no app command, no interpreter): a usage error."""


@dataclass
class SynthResult:
    synthesized: bool
    stage: str  # one of STAGES
    key_line: str = ""  # the line that says what went wrong
    stacks: dict[str, dict[str, int]] = field(default_factory=dict)  # stack -> resource type -> count
    addresses: dict[str, tuple[str, str]] = field(default_factory=dict)  # construct path -> (stack, type.name)
    seconds: float = 0.0
    command: str = ""
    where: str = ""  # the project file of the innermost traceback frame, relative to the project root
    # each stack's cdk.tf.json as synthesized, and the absolute folders it may mention (the project root the
    # app ran in, the temporary output folder): what `migrate --verify` compares side by side
    documents: dict[str, dict] = field(default_factory=dict, repr=False)
    folders: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        return STAGES.index(self.stage)

    def summary(self) -> str:
        if self.synthesized:
            resources = sum(sum(types.values()) for types in self.stacks.values())
            return f"synthesized: {len(self.stacks)} stack{'s' * (len(self.stacks) != 1)}, {resources} resources"
        return f"fails ({self.stage}): {self.key_line}"

    def to_json(self) -> dict:
        data = asdict(self)
        data["addresses"] = {path: list(where) for path, where in self.addresses.items()}
        del data["documents"], data["folders"]
        return data


def app_command(root: Path) -> list[str]:
    """cdktf.json's `app`, else the entry the rules assume: tap.py or main.py at the root, else the
    shallowest script that calls `.synth()`."""
    from fixer.project import ProjectContext

    try:
        app = json.loads((root / "cdktf.json").read_text(encoding="utf-8")).get("app")
    except FileNotFoundError:
        app = None
    except (OSError, ValueError, AttributeError) as exc:
        raise VerifyError(f"{root / 'cdktf.json'}: {exc}") from exc
    if app:
        return shlex.split(app)
    entry = ProjectContext(root=root.resolve(), has_cdktf_json=False).entry
    if entry is None:
        raise VerifyError(f"{root}: no cdktf.json `app`, no tap.py or main.py, and no script that calls .synth()")
    return ["python", entry.as_posix()]


def default_python(root: Path) -> str:
    for candidate in (root / ".venv" / "bin" / "python", root / ".venv" / "Scripts" / "python.exe"):
        if candidate.is_file():
            return str(candidate)
    return sys.executable


def _with_interpreter(command: list[str], python: str) -> list[str]:
    """`python x.py`, `python3 -m app`, `pipenv run python x.py`: the interpreter becomes `python`."""
    for position, token in enumerate(command):
        if re.fullmatch(r"python[\d.]*(?:\.exe)?", Path(token).name):
            return [python, *command[position + 1 :]]
    return command


def classify(stderr: str) -> tuple[str, str]:
    """(stage, key line) of a failed run's stderr."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    if "Found resources without a matching provider construct" in stderr or any(j in stderr for j in _JSII):
        jsii = [line.strip() for line in lines if "Error" in line or "Found resources" in line]
        message = next((line for line in jsii if "Found resources" in line), None) or next(
            (line for line in jsii if "Validation" in line), None)
        if message is not None and message.endswith(":"):  # "Validation failed with the following errors:"
            following = lines[[line.strip() for line in lines].index(message) + 1:][:1]
            message = " ".join([message, *(line.strip() for line in following)])
        return "jsii validation", message or (jsii[-1] if jsii else lines[-1] if lines else "")
    for line in reversed(lines):
        match = _EXCEPTION.match(line.strip())
        if match:
            return _BY_EXCEPTION.get(match.group(1), "other"), line.strip()
    return "other", lines[-1].strip() if lines else "no output"


def read_documents(outdir: Path) -> dict[str, dict]:
    """Each stack's cdk.tf.json, by stack name."""
    return {document.parent.name: json.loads(document.read_text(encoding="utf-8"))
            for document in sorted(outdir.glob("stacks/*/cdk.tf.json"))}


def read_output(outdir: Path) -> tuple[dict[str, dict[str, int]], dict[str, tuple[str, str]]]:
    """Resource counts by stack and type, and each resource's construct path -> (stack, address)."""
    return _summarize(read_documents(outdir))


def _summarize(documents: dict[str, dict]) -> tuple[dict[str, dict[str, int]], dict[str, tuple[str, str]]]:
    stacks: dict[str, dict[str, int]] = {}
    addresses: dict[str, tuple[str, str]] = {}
    for stack, document in documents.items():
        resources = document.get("resource", {})
        stacks[stack] = dict(Counter({kind: len(by_name) for kind, by_name in resources.items()}))
        for kind, by_name in resources.items():
            for name, body in by_name.items():
                path = (body.get("//", {}).get("metadata", {}) or {}).get("path") or f"{stack}/{kind}.{name}"
                addresses[path] = (stack, f"{kind}.{name}")
    return stacks, addresses


def cli_context(root: Path) -> dict[str, str]:
    """The app context the CLI hands the app through CDKTF_CONTEXT_JSON: cdktf.json's `context`, and its
    `targetVersions`, which cdktn validates features against (cdktf ignores the key). Nothing when the
    environment already sets CDKTF_CONTEXT_JSON or cdktf.json has neither."""
    if "CDKTF_CONTEXT_JSON" in os.environ:
        return {}
    try:
        config = json.loads((root / "cdktf.json").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    if not isinstance(config, dict):
        return {}
    context = dict(config.get("context") or {}) if isinstance(config.get("context"), dict) else {}
    if "targetVersions" in config:
        context["targetVersions"] = config["targetVersions"]
    return {"CDKTF_CONTEXT_JSON": json.dumps(context)} if context else {}


def synth(root: Path, python: str | None = None, timeout: float = 300) -> SynthResult:
    """Run the project's app once, output in a temporary folder."""
    command = _with_interpreter(app_command(root), python or default_python(root))
    if shutil.which(command[0]) is None and not Path(command[0]).is_file():
        raise VerifyError(f"cannot run {command[0]!r}: not found")
    with tempfile.TemporaryDirectory(prefix="cdktf-fixer-synth-") as outdir:
        # no __pycache__ in the user's tree either: verifying writes nothing there
        env = {**os.environ, "CDKTF_OUTDIR": outdir, "PYTHONDONTWRITEBYTECODE": "1", **cli_context(root)}
        started = time.monotonic()
        try:
            run = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout,
                                 check=False)
        except subprocess.TimeoutExpired:
            return SynthResult(False, "other", f"timed out after {timeout:g} s", command=shlex.join(command),
                               seconds=round(time.monotonic() - started, 1))
        seconds = round(time.monotonic() - started, 1)
        produced = list(Path(outdir).glob("stacks/*/cdk.tf.json"))
        if run.returncode == 0 and produced:
            documents = read_documents(Path(outdir))
            stacks, addresses = _summarize(documents)
            folders = tuple(dict.fromkeys(str(p) for p in (root, root.resolve(), Path(outdir), Path(outdir).resolve())))
            return SynthResult(True, "synthesized", "", stacks, addresses, seconds, shlex.join(command),
                               documents=documents, folders=folders)
        stage, key = classify(run.stderr)
        if run.returncode == 0:
            stage, key = "other", "the app exited without synthesizing (no app.synth()?)"
        return SynthResult(False, stage, key, seconds=seconds, command=shlex.join(command),
                           where=failing_file(run.stderr, root))


_FRAME = re.compile(r'^\s*File "([^"]+)", line \d+')


def failing_file(stderr: str, root: Path) -> str:
    """The innermost traceback frame in a file of the project, as a path relative to its root."""
    root = root.resolve()
    found = ""
    for line in stderr.splitlines():
        match = _FRAME.match(line)
        if match:
            path = (root / match.group(1)).resolve()
            if path.is_relative_to(root):
                found = path.relative_to(root).as_posix()
    return found


@dataclass
class Movement:
    path: str
    before: tuple[str, str] | None
    after: tuple[str, str] | None

    @property
    def kind(self) -> str:
        if self.after is None:
            return "vanished"
        if self.before is None:
            return "added"
        return "moved"


def compare(before: SynthResult, after: SynthResult) -> list[Movement]:
    """Resources whose Terraform address changed (a state move is needed), vanished or appeared. A
    resource is followed by its construct id and type when its construct path changes."""
    changes = []
    unmatched_after = {p: w for p, w in after.addresses.items() if p not in before.addresses}
    for path, where in sorted(before.addresses.items()):
        if path in after.addresses:
            if after.addresses[path] != where:
                changes.append(Movement(path, where, after.addresses[path]))
            continue
        kind, construct_id = where[1].split(".", 1)[0], path.rsplit("/", 1)[-1]
        twin = next((p for p, w in unmatched_after.items()
                     if w[1].split(".", 1)[0] == kind and p.rsplit("/", 1)[-1] == construct_id), None)
        if twin is not None:
            changes.append(Movement(path, where, unmatched_after.pop(twin)))
        else:
            changes.append(Movement(path, where, None))
    changes += [Movement(p, None, w) for p, w in sorted(unmatched_after.items())]
    return changes


# What a copy of a project for an "after" synth leaves out: environments and earlier output.
COPY_IGNORE = shutil.ignore_patterns(".venv", "venv", "node_modules", "cdktf.out", ".git", "__pycache__",
                                     ".cdktf_fixer_cache")


def copy_project(root: Path, into: Path) -> Path:
    target = into / root.name
    shutil.copytree(root, target, ignore=COPY_IGNORE, symlinks=True)
    return target


def no_worse(before: SynthResult, after: SynthResult) -> bool:
    """The fixes may be written: the app synthesizes after, or gets at least as far as before."""
    return after.synthesized or (not before.synthesized and after.rank >= before.rank)


@dataclass
class Verification:
    before: SynthResult
    after: SynthResult
    changed: frozenset[str] = frozenset()  # files the fixes changed, relative to the project root

    @property
    def breaks_a_changed_file(self) -> bool:
        """After the fixes, a file they changed fails to import or names something undefined, and that is
        not the failure the app had before."""
        after = self.after
        return (not after.synthesized and after.stage in ("import", "name") and after.where in self.changed
                and (self.before.stage, self.before.key_line) != (after.stage, after.key_line))

    @property
    def allowed(self) -> bool:
        return no_worse(self.before, self.after) and not self.breaks_a_changed_file

    def to_json(self) -> dict:
        return {"allowed": self.allowed, "before": self.before.summary(), "after": self.after.summary()}


def verify_fixes(root: Path, select: list[str] | None, ignore: list[str] | None, unsafe_fixes: bool,
                 python: str | None = None, timeout: float = 300) -> Verification:
    """Synthesize the project as it is and a fixed copy of it, side by side; nothing in `root` changes."""
    from concurrent.futures import ThreadPoolExecutor

    from fixer import engine
    from fixer.plan import make_plan

    root = root.resolve()
    interpreter = python or default_python(root)
    app_command(root)  # fail early, before copying, when there is nothing to run
    with tempfile.TemporaryDirectory(prefix="cdktf-fixer-verify-") as scratch:
        copy = copy_project(root, Path(scratch))
        plan = make_plan([copy], select, ignore, "fix", unsafe_fixes, config_boundary=copy)
        results = engine.run(plan.files, plan.roots, plan.options, jobs=1)
        changed = frozenset(Path(r.path).resolve().relative_to(copy.resolve()).as_posix() for r in results if r.changed)
        with ThreadPoolExecutor(max_workers=2) as pool:
            before = pool.submit(synth, root, interpreter, timeout)
            after = pool.submit(synth, copy, interpreter, timeout)
            return Verification(before.result(), after.result(), changed)
