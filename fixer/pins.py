"""Which package versions a project declares: its lock files, requirements and manifests.

A finding about provider names or arguments is right only against the provider version the project
uses. The project's own environment says that best (fixer.providers looks there first); without one, the
files that pin its dependencies do. They are read in order of precision (lock files, then requirements,
then manifests), from the project root up to the repository's root, and the nearest file that names a
package answers for it.

`packaging` is imported where a pin is read or compared: it is a fifth of what a run imports before it
reads a file, and a run over clean files, or a worker pool's parent, never reads one.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fixer.discovery import repository_folders
from fixer.paths import resolved


@dataclass(frozen=True)
class Pin:
    distribution: str  # normalized: lower case, `-` separators
    specifier: str  # as a PEP 440 specifier set, e.g. "==5.0.50" or ">=9.0,<10.0"; "" for any version
    source: Path  # the file that says so

    def admits(self, version: str) -> bool:
        """Whether the version cdktf-fixer would answer from is one this pin allows. An exact pin is
        answered by any release of its major version (names and arguments change between majors)."""
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import InvalidVersion, Version

        try:
            available = Version(version)
            specifiers = SpecifierSet(self.specifier)
        except (InvalidVersion, InvalidSpecifier):
            return True  # a pin we cannot read judges nothing
        exact = [s for s in specifiers if s.operator in ("==", "===") and "*" not in s.version]
        if exact:
            try:
                return Version(exact[0].version).major == available.major
            except InvalidVersion:
                return True
        return specifiers.contains(available, prereleases=True)


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project_pins(root: Path) -> dict[str, Pin]:
    """Every pinned distribution of the project at `root`, by normalized name."""
    return dict(_pins(resolved(root)))


_locks_ignored = False


@contextmanager
def lock_files_ignored() -> Iterator[None]:
    """Pins read from manifests only, while lock files are known to be stale: after `migrate --to cdktf` rewrote
    the dependency declarations and before the user re-locks, the locks say the old line."""
    global _locks_ignored
    clear_cache()
    _locks_ignored = True
    try:
        yield
    finally:
        _locks_ignored = False
        clear_cache()


def clear_cache() -> None:
    """Forget every pin read: the dependency files changed (an upgrade rewrote them, a test wrote new ones)."""
    _pins.cache_clear()
    _folder_pins.cache_clear()


@lru_cache(maxsize=8192)
def _pins(root: Path) -> tuple[tuple[str, Pin], ...]:
    found: dict[str, Pin] = {}
    for folder in repository_folders(root):
        for name, pin in _folder_pins(folder, _locks_ignored):
            found.setdefault(name, pin)
    return tuple(found.items())


@lru_cache(maxsize=8192)
def _folder_pins(folder: Path, locks_ignored: bool) -> tuple[tuple[str, Pin], ...]:
    """One folder's pins, read once for every project below it (a monorepo's root manifest)."""
    here: dict[str, Pin] = {}
    try:  # one listing of the folder for every kind of file, not a glob per kind
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.is_file())
    except OSError:
        return ()
    for reader, pattern in READERS:
        if locks_ignored and pattern in LOCK_FILES:
            continue
        for path in (folder / file_name for file_name in names if fnmatch.fnmatchcase(file_name, pattern)):
            try:
                pins = reader(path)
            except (OSError, UnicodeDecodeError, ValueError, tomllib.TOMLDecodeError, TypeError, AttributeError):
                continue  # a file we cannot read pins nothing
            for name, specifier in pins:
                pin = Pin(normalize(name), specifier, path)
                if pin.distribution in here and _stale(here[pin.distribution], pin):
                    here[pin.distribution] = pin
                here.setdefault(pin.distribution, pin)
    return tuple(here.items())


def _stale(locked: Pin, declared: Pin) -> bool:
    """A lock file's version that its folder's manifest no longer allows: the manifest was changed (by hand,
    or by `migrate --to cdktf`) after locking, so the lock no longer says what will be installed."""
    if locked.source.name not in LOCK_FILES or declared.source.name in LOCK_FILES or not declared.specifier:
        return False
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    version = locked.specifier.removeprefix("==")
    try:
        return not SpecifierSet(declared.specifier).contains(Version(version), prereleases=True)
    except (InvalidVersion, InvalidSpecifier):
        return False


def _pipfile_lock(path: Path) -> list[tuple[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(name, entry.get("version", "")) for section in ("default", "develop")
            for name, entry in data.get(section, {}).items() if isinstance(entry, dict)]


def _toml_lock(path: Path) -> list[tuple[str, str]]:
    """poetry.lock and uv.lock: [[package]] tables with name and version."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [(p["name"], f"=={p['version']}") for p in data.get("package", []) if "name" in p and "version" in p]


def _requirements(path: Path) -> list[tuple[str, str]]:
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        pin = _requirement(line)
        if pin:
            pins.append(pin)
    return pins


def _requirement(text: str) -> tuple[str, str] | None:
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        return None
    return requirement.name, str(requirement.specifier)


def _pyproject(path: Path) -> list[tuple[str, str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    pins = [pin for text in data.get("project", {}).get("dependencies", []) for pin in [_requirement(text)] if pin]
    poetry = data.get("tool", {}).get("poetry", {})
    for table in (poetry.get("dependencies", {}), *(g.get("dependencies", {}) for g in poetry.get("group", {}).values())):
        pins.extend((name, _poetry_specifier(value)) for name, value in table.items() if name != "python")
    return pins


def _pipfile(path: Path) -> list[tuple[str, str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [(name, _pipfile_specifier(value)) for section in ("packages", "dev-packages")
            for name, value in data.get(section, {}).items()]


def _pipfile_specifier(value: object) -> str:
    version = value.get("version", "*") if isinstance(value, dict) else value
    return "" if version in ("*", "", None) else str(version)


def _poetry_specifier(value: object) -> str:
    """Poetry's `^1.2`, `~1.2`, `1.2.*`, `>=1,<2` and exact `1.2.3` as PEP 440."""
    version = value.get("version", "*") if isinstance(value, dict) else value
    if not isinstance(version, str) or version.strip() in ("*", ""):
        return ""
    parts = []
    for clause in version.split(","):
        clause = clause.strip()
        if clause.startswith("^"):
            numbers = [int(n) for n in re.findall(r"\d+", clause)] + [0, 0]
            first = next((i for i, n in enumerate(numbers[:3]) if n), 2)  # ^0.2.3 allows <0.3.0
            upper = numbers[: first + 1]
            upper[first] += 1
            parts += [f">={clause[1:]}", f"<{'.'.join(map(str, upper))}"]
        elif clause.startswith("~") and not clause.startswith("~="):
            numbers = [int(n) for n in re.findall(r"\d+", clause)]
            upper = numbers[:2] if len(numbers) > 1 else numbers[:1]
            upper[-1] += 1
            parts += [f">={clause[1:]}", f"<{'.'.join(map(str, upper))}"]
        elif clause[:1].isdigit():
            parts.append(f"=={clause}")
        else:
            parts.append(clause)
    return ",".join(parts)


LOCK_FILES = ("Pipfile.lock", "poetry.lock", "uv.lock")
# Most precise first: a lock file says what is installed, a manifest what is allowed.
READERS = (
    (_pipfile_lock, "Pipfile.lock"),
    (_toml_lock, "poetry.lock"),
    (_toml_lock, "uv.lock"),
    (_requirements, "requirements*.txt"),
    (_pyproject, "pyproject.toml"),
    (_pipfile, "Pipfile"),
)
