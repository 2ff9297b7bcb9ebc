"""The rule base of dependency declarations: a rule that rewrites requirements one by one in
`requirements*.txt` (line by line: comments, extras, environment markers and every other line kept),
`Pipfile` and `pyproject.toml` (PEP 621 `dependencies` and `optional-dependencies`, `dependency-groups`,
Poetry's `dependencies` and groups, with tomlkit: the files' layout and comments kept), and reports the
lock files that must be re-locked. A subclass says what each requirement becomes (`replacement`) and
how a change is reported (`judge`); the migrations to CDK Terrain and to the last CDKTF line share it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import PurePath

from fixer.rule import ProjectFileRule

DEPENDENCY_FILES = ("requirements*.txt", "Pipfile", "pyproject.toml")
LOCK_FILES = {"Pipfile.lock": "pipenv lock", "poetry.lock": "poetry lock", "uv.lock": "uv lock"}
_COMMENT = re.compile(r"(^|\s)#")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


class DependencyFileRule(ProjectFileRule):
    """Edits each declared requirement the subclass's `replacement` changes; see the module docstring."""

    file_names = (*DEPENDENCY_FILES, *LOCK_FILES)

    def replacement(self, requirement: str) -> str | None:
        """The requirement as it must read (`cdktf==0.12.3` -> `cdktf>=0.21,<0.22`), extras and markers
        kept; None when it stays."""
        raise NotImplementedError

    def judge(self, line: int, column: int, old: str, new: str | None) -> bool:
        """Report one declaration (`new` None: nothing to rewrite it to); True when its rewrite is applied."""
        raise NotImplementedError

    def lock_file(self, text: str, command: str) -> None:
        """Report a lock file that pins what the rule moves (it is never edited)."""
        raise NotImplementedError

    def fix(self, text: str) -> str:
        name = PurePath(self.context.path).name
        if name in LOCK_FILES:
            self.lock_file(text, LOCK_FILES[name])
            return text
        if name.endswith(".txt"):
            return self._requirements(text)
        return self._toml(text, pipfile=name == "Pipfile")

    @classmethod
    def validate(cls, path: str, text: str) -> None:
        if not path.endswith(".txt"):
            try:
                tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(str(exc)) from exc

    # --- requirements*.txt -----------------------------------------------------------------------------

    def _requirements(self, text: str) -> str:
        lines = text.splitlines(keepends=True)
        hashed = "--hash" in text
        for number, line in enumerate(lines):
            body = line.rstrip("\r\n")
            stripped = body.lstrip()
            if not stripped or stripped.startswith(("#", "-")):
                continue
            comment = _COMMENT.search(body)
            end = comment.start() if comment else len(body)
            requirement = body[:end].rstrip().rstrip("\\").rstrip()
            start = len(body) - len(stripped)
            new = self.replacement(requirement.strip())
            if hashed and new is not None:
                self.report_at(number + 1, start + 1, f"`{requirement.strip()}`: this file is compiled with hashes; "
                               "regenerate it (pip-compile) from the migrated declarations")
                continue
            if self.judge(number + 1, start + 1, requirement.strip(), new):
                lines[number] = line[:start] + new + line[len(requirement):]
        return "".join(lines)

    # --- Pipfile, pyproject.toml -----------------------------------------------------------------------

    def _toml(self, text: str, pipfile: bool) -> str:
        import tomlkit

        document = tomlkit.parse(text)
        changed = False
        tables = []  # Poetry/Pipfile style: {name = specifier or {version = ...}}
        arrays = []  # PEP 621/735 style: ["name>=1"]
        if pipfile:
            tables = [document.get(section) for section in ("packages", "dev-packages")]
        else:
            project = document.get("project", {})
            arrays.append(project.get("dependencies"))
            arrays.extend(project.get("optional-dependencies", {}).values())
            arrays.extend(document.get("dependency-groups", {}).values())
            poetry = document.get("tool", {}).get("poetry", {})
            tables.append(poetry.get("dependencies"))
            tables.append(poetry.get("dev-dependencies"))
            tables.extend(group.get("dependencies") for group in poetry.get("group", {}).values())
        for array in arrays:
            if isinstance(array, list):
                changed |= self._toml_array(text, array)
        for table in tables:
            if isinstance(table, dict):
                changed |= self._toml_table(text, table)
        return tomlkit.dumps(document) if changed else text

    def _toml_array(self, text: str, array: list) -> bool:
        import tomlkit

        changed = False
        for index, item in enumerate(array):
            if not isinstance(item, str):
                continue
            new = self.replacement(item)
            line, column = position(text, item, key=False)
            if self.judge(line, column, item, new):
                array[index] = tomlkit.string(new, literal=item.as_string().startswith("'"))
                changed = True
        return changed

    def _toml_table(self, text: str, table) -> bool:
        import tomlkit

        changed = False
        for key in list(table.keys()):
            value = table[key]
            specifier = value if isinstance(value, str) else value.get("version", "") if isinstance(value, dict) else None
            if specifier is None:
                continue
            spec = "" if specifier.strip() == "*" else specifier.strip()
            pep440 = as_pep440(spec)
            new = self.replacement(key + pep440) if pep440 is not None else self.replacement(key)
            line, column = position(text, key, key=True)
            if not self.judge(line, column, f"{key} = {specifier!s}" if spec else key, new):
                continue
            name = NAME.match(new).group(0)
            range_ = new[len(name):].split(";", 1)[0]
            if isinstance(value, str):
                item = tomlkit.string(range_, literal=value.as_string().startswith("'"))
                for part in ("indent", "comment_ws", "comment", "trail"):  # the line's layout and comment
                    setattr(item.trivia, part, getattr(value.trivia, part))
            else:
                item = value
                item["version"] = range_
            if name == key:
                table[key] = item
            else:
                container = table.value if hasattr(table, "value") else table
                if hasattr(container, "_replace"):  # tomlkit's own rename, which keeps the key's place
                    container._replace(key, name, item)
                else:  # a tomlkit without it: the same entry, appended
                    del table[key]
                    table[name] = item
            changed = True
        return changed


_POETRY = re.compile(r"^(\^|~(?!=))?\s*(\d+(?:\.\d+)*)$")


def as_pep440(specifier: str) -> str | None:
    """A Pipfile or Poetry version constraint as a PEP 440 specifier: Poetry's bare `10.8.1` is `==10.8.1`,
    `^10.3` is `>=10.3,<11`, `~10.3` is `>=10.3,<10.4`; None when it cannot be read."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    parts = []
    for part in specifier.split(","):
        part = part.strip()
        match = _POETRY.match(part)
        if match:
            operator, version = match.groups()
            numbers = [int(n) for n in version.split(".")]
            if operator is None:
                part = f"=={version}"
            elif operator == "^":
                first = next((i for i, n in enumerate(numbers) if n), len(numbers) - 1)
                upper = [*numbers[:first], numbers[first] + 1]
                part = f">={version},<{'.'.join(map(str, upper))}"
            else:
                upper = [*numbers[:1], numbers[1] + 1] if len(numbers) > 1 else [numbers[0] + 1]
                part = f">={version},<{'.'.join(map(str, upper))}"
        if part:
            parts.append(part)
    joined = ",".join(parts)
    try:
        SpecifierSet(joined)
    except InvalidSpecifier:
        return None
    return joined


def position(text: str, needle: str, key: bool) -> tuple[int, int]:
    """Line and column of a table key (`needle = ...` at a line's start, bare or quoted) or of a quoted
    string in `text` (tomlkit keeps no positions); the first such occurrence."""
    quoted = f"(?:{re.escape(needle)}|\"{re.escape(needle)}\"|'{re.escape(needle)}')"
    pattern = rf"^[ \t]*({quoted})[ \t]*=" if key else rf"(\"{re.escape(needle)}\"|'{re.escape(needle)}')"
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        return 1, 1
    offset = match.start(1)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
