"""CTM007: command lines outside the code that call the cdktf CLI, which CDK Terrain names `cdktn`."""

from __future__ import annotations

import json
import re
from pathlib import PurePath

from fixer import cdktn
from fixer.rule import ProjectFileRule
from fixer.types import Applicability, Example, FixAvailability

# The subcommands and options of the cdktf CLI: `cdktf` followed by one of them is the CLI, not a word
# in a sentence, a package (`pip install cdktf`) or a path (`cdktf.out`, `~/.cdktf`, `cdktf.json`).
SUBCOMMANDS = ("synth", "synthesize", "deploy", "apply", "diff", "plan", "get", "destroy", "init", "list", "ls",
               "output", "outputs", "provider", "convert", "watch", "debug", "login", "logout", "force-unlock",
               "help", "completion")
# `cdktf` as a command word: not inside a name or a path (`cdktf_cdktf_provider`, `~/.cdktf`, `cdktf.out`,
# `CDKTF_LOG` is another case), then a subcommand or an option
_SUBCOMMAND = "|".join(re.escape(s) for s in SUBCOMMANDS)
_COMMAND = re.compile(rf"(?<![\w./~@$-])cdktf(?=[ \t]+(?:(?:{_SUBCOMMAND})(?![\w.-])|--?[A-Za-z]))")
# the npm package of the CLI, as a dependency, an install or an npx argument (`cdktf-cli@0.21.0`)
_PACKAGE = re.compile(r"(?<![\w./~@$-])cdktf-cli(?:@[\w.^~<>=*-]+)?(?![\w.-])")
_DEPENDENCY = re.compile(r'"cdktf-cli"(\s*:\s*)"[^"]*"')
CLI_PACKAGE = "cdktn-cli"
NODE = "22.19"


def cli_version() -> str:
    """The cdktn-cli release that goes with the cdktn core `migrate` moves to (they are released together)."""
    return json.loads(cdktn.DATA.read_text(encoding="utf-8"))["cdktn"]["version"]


def rewrite(line: str, in_package_json: bool) -> str:
    """The line with its calls of the cdktf CLI renamed; every other character kept."""
    version = cli_version()
    if in_package_json:
        line = _DEPENDENCY.sub(lambda m: f'"{CLI_PACKAGE}"{m.group(1)}"^{version}"', line)
    line = _PACKAGE.sub(lambda m: CLI_PACKAGE + (f"@{version}" if "@" in m.group(0) else ""), line)
    return _COMMAND.sub(cdktn.NEW_CORE_MODULE, line)


class CliCommandLines(ProjectFileRule):
    """
    ## What it does
    Reports each line that calls the cdktf CLI outside the Python code, with the line CDK Terrain needs:
    `package.json` (a `cdktf-cli` dependency, scripts running `cdktf ...`), Makefiles, shell scripts,
    CI workflows (`.github/workflows/*.yml`, `.gitlab-ci.yml`), Dockerfiles and READMEs (`cdktf synth`,
    `npx cdktf deploy`, `npm install -g cdktf-cli`). The CLI is `cdktn`, from the npm package `cdktn-cli`
    (Node >= 22.19); there is no `cdktf` binary in it. With `--unsafe-fixes` the lines are rewritten:
    only the command word and the package name change, every other byte of the file stays (line endings
    too). Never touched: `cdktf.json`, the `cdktf.out` folder, `CDKTF_*` variables, `~/.cdktf`, the
    Python package `cdktf` (`pip install cdktf` is CTM003's, in the dependency files).

    ## Why is this bad?
    Once the project is on CDK Terrain, `cdktf synth` runs the archived CLI (or none at all) against a
    cdktn app: CI and the documented commands stop working.

    ## Fix safety
    Unsafe (`--unsafe-fixes`): these files are run by tools cdktf-fixer cannot check (a CI runner's
    Node version, an image that installs the CLI), and a README's prose may mention the old command on
    purpose.

    ## Options
    None.
    """

    code = "CTM007"
    name = "cli-command-lines"
    summary = "A command line that calls the cdktf CLI: CDK Terrain's is `cdktn` (npm `cdktn-cli`)"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = frozenset({Applicability.UNSAFE})
    file_names = ("package.json", "Makefile", "makefile", "GNUmakefile", "*.mk", "*.sh", "*.yml", "*.yaml",
                  "Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "README*.md", "Readme*.md",
                  "readme*.md")
    markers = ("cdktf",)

    INVALID = (
        Example('{\n  "scripts": {\n    "synth": "cdktf synth"\n  },\n  "devDependencies": {\n'
                '    "cdktf-cli": "^0.21.0"\n  }\n}\n',
                '{\n  "scripts": {\n    "synth": "cdktn synth"\n  },\n  "devDependencies": {\n'
                '    "cdktn-cli": "^0.24.0"\n  }\n}\n', path="package.json"),
    )

    @classmethod
    def validate(cls, path: str, text: str) -> None:
        if PurePath(path).name == "package.json":
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(str(exc)) from exc

    def fix(self, text: str) -> str:
        path = PurePath(self.context.path)
        if path.suffix in (".yml", ".yaml") and not _is_ci_workflow(path):
            return text
        in_package_json = path.name == "package.json"
        lines = text.splitlines(keepends=True)
        for number, line in enumerate(lines):
            body = line.rstrip("\r\n")
            new = rewrite(body, in_package_json)
            if new == body:
                continue
            column = _first_difference(body, new) + 1
            old_shown, new_shown = _excerpt(body), _excerpt(new)
            if self.report_at(number + 1, column, f"`{old_shown}` calls the cdktf CLI: under CDK Terrain it is "
                              f"`{new_shown}` (npm {CLI_PACKAGE}, Node >= {NODE})", Applicability.UNSAFE):
                lines[number] = new + line[len(body):]
        return "".join(lines)


def _is_ci_workflow(path: PurePath) -> bool:
    parts = path.parts
    return path.name in (".gitlab-ci.yml", ".gitlab-ci.yaml") or (
        len(parts) >= 3 and parts[-3] == ".github" and parts[-2] == "workflows")


def _first_difference(old: str, new: str) -> int:
    return next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))


def _excerpt(line: str, width: int = 100) -> str:
    line = line.strip()
    return line if len(line) <= width else line[: width - 3] + "..."
