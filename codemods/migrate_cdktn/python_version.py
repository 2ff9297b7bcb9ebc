"""CTM008: the project declares a Python older than CDK Terrain's packages support."""

from __future__ import annotations

import ast
import configparser
import re
import tomllib
from pathlib import PurePath

from fixer import cdktn
from fixer.dependency_files import as_pep440
from fixer.rule import ProjectFileRule
from fixer.types import Example, FixAvailability

# the Python releases a declaration may still admit that cdktn's line does not support
_OLD_PYTHONS = [f"3.{minor}.{patch}" for minor in range(6, 10) for patch in (0, 99)]


def too_old(specifier: str) -> list[str]:
    """The Python minors below the cdktn floor that a PEP 440 specifier admits (`>=3.8` -> [3.8, 3.9]);
    [] when it admits none or cannot be read."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        declared = SpecifierSet(specifier)
        floor = SpecifierSet(cdktn.target().python)
    except InvalidSpecifier:
        return []
    admitted = [v for v in _OLD_PYTHONS if declared.contains(v, prereleases=True) and not floor.contains(v)]
    return list(dict.fromkeys(".".join(v.split(".")[:2]) for v in admitted))


class PythonVersion(ProjectFileRule):
    """
    ## What it does
    Reports the project's declared Python when it admits a version older than the one CDK Terrain's
    packages need (`cdktn` 0.24 and the newest prebuilt providers: Python >= 3.10): PEP 621
    `requires-python`, Poetry's `python` dependency, Pipfile's `[requires] python_version`, setup.cfg's
    `python_requires` and a literal `python_requires=` in setup.py (reported on cdktf.json, beside it).
    Nothing is changed: which Python runs the project (CI images, developers' machines, Lambda
    runtimes) is not written in these files.

    ## Why is this bad?
    pip refuses to install `cdktn` and `cdktn-provider-<x>` on the older interpreters the declaration
    allows ("requires a different Python"), and a lock file resolved for them cannot hold the migrated
    dependencies.

    ## Options
    None.
    """

    code = "CTM008"
    name = "python-version"
    summary = "The project declares a Python older than CDK Terrain's packages support (>= 3.10)"
    fix_availability = FixAvailability.NONE
    file_names = ("pyproject.toml", "Pipfile", "setup.cfg", "cdktf.json")
    markers = ("python",)

    INVALID = (
        Example('[project]\nname = "infra"\nrequires-python = ">=3.8"\ndependencies = ["cdktf>=0.21"]\n', None,
                path="pyproject.toml"),
    )

    def fix(self, text: str) -> str:
        name = PurePath(self.context.path).name
        try:
            if name == "pyproject.toml":
                self._pyproject(text)
            elif name == "Pipfile":
                self._pipfile(text)
            elif name == "setup.cfg":
                self._setup_cfg(text)
            else:
                self._setup_py()
        except (tomllib.TOMLDecodeError, configparser.Error, ValueError):
            pass  # a file that cannot be read declares nothing we can judge
        return text

    def _judge(self, text: str, needle: str, shown: str, specifier: str | None) -> None:
        if specifier is None:
            return
        old = too_old(specifier)
        if not old:
            return
        line, column = _position(text, needle)
        self.report_at(line, column, f"{shown} admits Python {', '.join(old)}: CDK Terrain's packages need Python "
                       f"{cdktn.target().python} (cdktn {_core_version()} and the newest cdktn providers); raise it, "
                       "and run the app with Python 3.10 or newer")

    def _pyproject(self, text: str) -> None:
        document = tomllib.loads(text)
        requires = document.get("project", {}).get("requires-python")
        if isinstance(requires, str):
            self._judge(text, "requires-python", f'`requires-python = "{requires}"`', requires)
        poetry = document.get("tool", {}).get("poetry", {}).get("dependencies", {})
        python = poetry.get("python") if isinstance(poetry, dict) else None
        if isinstance(python, str):
            self._judge(text, "python", f'Poetry\'s `python = "{python}"`', _poetry(python))

    def _pipfile(self, text: str) -> None:
        requires = tomllib.loads(text).get("requires", {})
        for key in ("python_full_version", "python_version"):
            version = requires.get(key)
            if isinstance(version, str) and re.fullmatch(r"\d+(\.\d+){0,2}", version.strip()):
                parts = version.strip().split(".")
                specifier = f"=={version.strip()}" if len(parts) == 3 else f"=={'.'.join(parts[:2])}.*"
                self._judge(text, key, f'Pipfile\'s `{key} = "{version}"`', specifier)
                return

    def _setup_cfg(self, text: str) -> None:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(text)
        if parser.has_option("options", "python_requires"):
            value = parser.get("options", "python_requires").strip()
            self._judge(text, "python_requires", f"setup.cfg's `python_requires = {value}`", value)

    def _setup_py(self) -> None:
        """A literal `python_requires=` in the setup.py beside cdktf.json, reported on cdktf.json: setup.py is
        Python, which the project-file rules do not read."""
        setup = self.context.project.root / "setup.py"
        if not setup.is_file():
            return
        try:
            tree = ast.parse(setup.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError, RecursionError):
            return
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if (keyword.arg == "python_requires" and isinstance(keyword.value, ast.Constant)
                        and isinstance(keyword.value.value, str)):
                    old = too_old(keyword.value.value)
                    if old:
                        self.report_at(1, 1, f"setup.py:{keyword.value.lineno}: `python_requires="
                                       f"{keyword.value.value!r}` admits Python {', '.join(old)}: CDK Terrain's "
                                       f"packages need Python {cdktn.target().python} (cdktn {_core_version()} and the "
                                       "newest cdktn providers); raise it, and run the app with Python 3.10 or newer")
                    return


def _poetry(constraint: str) -> str | None:
    """Poetry's python constraint as PEP 440 (`^3.8` -> `>=3.8,<4`); `*` admits everything."""
    constraint = constraint.strip()
    if constraint in ("*", ""):
        return ">=0"
    return as_pep440(constraint)


def _core_version() -> str:
    import json

    return json.loads(cdktn.DATA.read_text(encoding="utf-8"))["cdktn"]["version"]


def _position(text: str, key: str) -> tuple[int, int]:
    """Line and column of `key =` (or `key:`) at the start of a line; (1, 1) when not found."""
    match = re.search(rf"^[ \t]*[\"']?({re.escape(key)})[\"']?[ \t]*[=:]", text, re.MULTILINE)
    if match is None:
        return 1, 1
    offset = match.start(1)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
