"""`[tool.cdktf-fixer]` in pyproject.toml: select, ignore, exclude, per-file-ignores."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where an exclude setting is read: most runs have none
    import pathspec

KNOWN_KEYS = {"select", "ignore", "exclude", "per-file-ignores"}


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: Path | None = None  # the pyproject.toml it came from
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def exclude_spec(self) -> pathspec.PathSpec | None:
        if not self.exclude:
            return None
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.exclude)


def _string_list(table: dict, key: str, where: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: [tool.cdktf-fixer] {key} must be a list of strings")
    return value


def load(start: Path, boundary: Path | None = None) -> Config:
    """The nearest pyproject.toml at or above `start` (and not above `boundary`, a repository's root when
    given) that has a [tool.cdktf-fixer] table."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    candidates = [folder, *folder.parents]
    if boundary is not None:
        boundary = boundary.resolve()
        candidates = [c for c in candidates if c.is_relative_to(boundary)]
    for candidate in candidates:
        pyproject = candidate / "pyproject.toml"
        if not pyproject.is_file():
            continue
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{pyproject}: {exc}") from exc
        table = data.get("tool", {}).get("cdktf-fixer")
        if table is None:
            continue
        unknown = set(table) - KNOWN_KEYS
        if unknown:
            raise ConfigError(f"{pyproject}: unknown [tool.cdktf-fixer] keys: {', '.join(sorted(unknown))}")
        per_file = table.get("per-file-ignores", {})
        if not isinstance(per_file, dict):
            raise ConfigError(f"{pyproject}: per-file-ignores must be a table of glob = [codes]")
        return Config(
            path=pyproject,
            select=_string_list(table, "select", pyproject) or None,
            ignore=_string_list(table, "ignore", pyproject),
            exclude=_string_list(table, "exclude", pyproject),
            per_file_ignores={k: _string_list(per_file, k, pyproject) for k in per_file},
        )
    return Config()
