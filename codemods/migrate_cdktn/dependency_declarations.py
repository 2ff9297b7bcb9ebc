"""CTM003: dependency declarations move to cdktn, cdktn-provider-<x> and a compatible constructs range."""

from __future__ import annotations

import re
import tomllib
from pathlib import PurePath

from codemods.migrate_cdktn.helpers import (
    DEPENDENCY_FILES,
    PARTIAL_OPTION,
    as_pep440,
    migration_fix,
    partial_note,
)
from fixer import cdktn
from fixer.rule import ProjectFileRule
from fixer.types import Applicability, Example, FixAvailability

LOCK_FILES = {"Pipfile.lock": "pipenv lock", "poetry.lock": "poetry lock", "uv.lock": "uv lock"}
_COMMENT = re.compile(r"(^|\s)#")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def replacement(requirement: str) -> str | None:
    """The requirement as CDK Terrain needs it (`cdktf==0.21.0` -> `cdktn>=0.24,<0.25`), extras and
    environment markers kept; None when it does not change."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(requirement)
    except InvalidRequirement:
        return None
    if parsed.url:
        return None
    name = cdktn.normalize(parsed.name)
    if name == cdktn.CONSTRUCTS:
        if cdktn.constructs_compatible(str(parsed.specifier)):
            return None
        new_name, specifier = parsed.name, cdktn.target().constructs_range
    else:
        moved = cdktn.new_requirement(name)
        if moved is None:
            return None
        new_name, specifier = moved
    extras = f"[{','.join(sorted(parsed.extras))}]" if parsed.extras else ""
    head, semicolon, tail = requirement.partition(";")
    marker = head[len(head.rstrip()):] + semicolon + tail if semicolon else ""  # as written
    return f"{new_name}{extras}{specifier}{marker}"


class DependencyDeclarations(ProjectFileRule):
    """
    ## What it does
    Moves the project's dependency declarations to CDK Terrain: `cdktf` becomes `cdktn` and
    `cdktf-cdktf-provider-<x>` becomes `cdktn-provider-<x>`, each with the version range of the newest line
    (`cdktn>=0.24,<0.25`, `cdktn-provider-aws>=25.8,<26`), and a `constructs` range that admits no release
    the cdktn line accepts becomes `>=10.6,<10.8`. It edits `requirements*.txt` line by line (comments,
    extras, environment markers and every other line kept), `Pipfile` and `pyproject.toml` (PEP 621
    `dependencies` and `optional-dependencies`, `dependency-groups`, Poetry's `dependencies` and groups),
    keeping the files' layout and comments.

    Reported, never edited: a provider without a cdktn package (generate it with `cdktn get`), lock files
    (Pipfile.lock, poetry.lock, uv.lock) that still pin cdktf packages and must be re-locked, and
    requirements files compiled with `--hash` (regenerate them).

    ## Why is this bad?
    Code migrated to `cdktn` fails at import (`ModuleNotFoundError: No module named 'cdktn'`) while the
    project still installs `cdktf`; and cdktn 0.24's providers require `constructs>=10.6,<10.8`, which the
    `constructs==10.8.1` that cdktf projects often pin refuses to resolve.

    ## Fix safety
    Safe when the whole project can move; unsafe (`migrate --allow-partial`) while a provider it uses has
    no cdktn package. Version ranges are those of the newest cdktn line: check the provider's changelog
    when moving across major versions.

    ## Options
    None.
    """

    code = "CTM003"
    name = "dependency-declarations"
    summary = "Dependency on cdktf packages: CDK Terrain's are `cdktn` and `cdktn-provider-<name>`"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    unsafe_option = PARTIAL_OPTION
    file_names = (*DEPENDENCY_FILES, *LOCK_FILES)
    markers = ("cdktf", "constructs")

    INVALID = (
        Example(
            "cdktf==0.21.0  # the core\ncdktf-cdktf-provider-aws==21.22.1\nconstructs==10.8.1\nboto3\n",
            "cdktn>=0.24,<0.25  # the core\ncdktn-provider-aws>=25.8,<26\nconstructs>=10.6,<10.8\nboto3\n",
            path="requirements.txt",
        ),
    )

    def fix(self, text: str) -> str:
        name = PurePath(self.context.path).name
        if name in LOCK_FILES:
            self._lock_file(text, LOCK_FILES[name])
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

    # --- findings common to every format ---------------------------------------------------------------

    def _judge(self, line: int, column: int, old: str, new: str | None) -> bool:
        """Report one declaration; True when its rewrite is to be applied."""
        project = self.context.project
        provider = cdktn.provider_of_distribution(_NAME.match(old).group(0)) if _NAME.match(old) else None
        if new is None:
            if provider is not None and not cdktn.has_cdktn_package(provider):
                self.report_at(line, column, f"`{old}`: the {provider} provider has no prebuilt CDK Terrain package; "
                               f"generate it with `cdktn get` and drop this dependency; until then `migrate` leaves the "
                               f"project unchanged (--allow-partial migrates the rest)")
            return False
        fix = migration_fix(project)
        note = partial_note(project) if fix is Applicability.UNSAFE else ""
        return self.report_at(line, column, f"`{old}` is `{new}` for CDK Terrain{note}", fix)

    def _lock_file(self, text: str, command: str) -> None:
        match = re.search(r"cdktf[-_.]cdktf[-_.]provider|\bcdktf\b", text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            self.report_at(line, 1, f"lock file pins cdktf packages: re-lock after the migration (`{command}`); "
                           "it is never edited here")

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
            new = replacement(requirement.strip())
            if hashed and new is not None:
                self.report_at(number + 1, start + 1, f"`{requirement.strip()}`: this file is compiled with hashes; "
                               "regenerate it (pip-compile) from the migrated declarations")
                continue
            if self._judge(number + 1, start + 1, requirement.strip(), new):
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
            new = replacement(item)
            line, column = _position(text, item, key=False)
            if self._judge(line, column, item, new):
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
            new = replacement(key + pep440) if pep440 is not None else replacement(key)
            if new is None and cdktn.normalize(key) == cdktn.CONSTRUCTS:
                continue  # a range that admits 10.6/10.7, or one we cannot read
            line, column = _position(text, key, key=True)
            if not self._judge(line, column, f"{key} = {specifier!s}" if spec else key, new):
                continue
            name = _NAME.match(new).group(0)
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


def _position(text: str, needle: str, key: bool) -> tuple[int, int]:
    """Line and column of a table key (`needle = ...` at a line's start, bare or quoted) or of a quoted
    string in `text` (tomlkit keeps no positions); the first such occurrence."""
    quoted = f"(?:{re.escape(needle)}|\"{re.escape(needle)}\"|'{re.escape(needle)}')"
    pattern = rf"^[ \t]*({quoted})[ \t]*=" if key else rf"(\"{re.escape(needle)}\"|'{re.escape(needle)}')"
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        return 1, 1
    offset = match.start(1)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
