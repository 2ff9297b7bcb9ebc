"""What changed in the cdktf core's `Fn` functions between old releases (0.9-0.20) and the last one (0.21.0),
and whether a project uses that last line.

The changes are computed from the jsii assemblies of the releases by `scripts/make_core_changes.py` and
shipped as `fixer/data/core/cdktf-fn-<target>.json`; nothing is downloaded at run time. A finding about
them is right only for a project on the target line: its own environment's cdktf says that best, then
its pins; an unpinned cdktf installs the last release, which is the target (CDKTF is archived).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from fixer.pins import project_pins
from fixer.providers import project_site_packages

DATA_DIR = Path(__file__).parent / "data" / "core"
CORE = "cdktf"
TARGET = "0.21.0"


@dataclass(frozen=True)
class RemovedFunction:
    name: str
    until: str  # the last release compared that has it
    replacement: str  # the `Fn` function to call instead
    why: str
    parameters: dict[str, str] | None = field(default=None, compare=False)  # old keyword -> new, when a rename fixes it


@dataclass(frozen=True)
class FnChanges:
    target: str
    removed: dict[str, RemovedFunction] = field(compare=False)
    renamed: dict[str, tuple[dict[str, str], str]] = field(compare=False)  # function -> (old keyword -> new, until)
    reshaped: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = field(compare=False)  # -> (old, new, until)


@lru_cache(maxsize=None)
def fn_changes(target: str = TARGET) -> FnChanges:
    data = json.loads((DATA_DIR / f"{CORE}-fn-{target}.json").read_text(encoding="utf-8"))
    removed = {name: RemovedFunction(name, entry["until"], entry["function"], entry["why"], entry.get("parameters"))
               for name, entry in data["removed"].items()}
    renamed = {name: (entry["parameters"], entry["until"]) for name, entry in data["renamed"].items()}
    reshaped = {name: (tuple(entry["old"]), tuple(entry["new"]), entry["until"]) for name, entry in data["reshaped"].items()}
    return FnChanges(data["target"], removed, renamed, reshaped)


def next_minor(version: str) -> str:
    """`0.15.5` -> `0.16`: the release line that made the change."""
    parsed = Version(version)
    return f"{parsed.major}.{parsed.minor + 1}"


def core_used(project_root: Path | None) -> dict[str, str | None]:
    """Which cdktf the project uses and where that comes from: part of the results cache key."""
    if project_root is None:
        return {"version": None, "source": "unknown"}
    for site in project_site_packages(project_root):
        for dist_info in sorted(site.glob(f"{CORE}-*.dist-info")):
            return {"version": dist_info.name[len(CORE) + 1: -len(".dist-info")], "source": "project environment"}
    pin = project_pins(project_root).get(CORE)
    if pin is not None:
        return {"version": pin.specifier, "source": str(pin.source)}
    return {"version": None, "source": "unpinned"}


def uses_target(project_root: Path | None, target: str = TARGET) -> bool:
    """Whether the project's cdktf is the target's release line (0.21): installed, pinned to admit it, or
    unpinned (a fresh install gets the last release)."""
    used = core_used(project_root)
    version = used["version"]
    if used["source"] == "unknown" or not version:
        return True
    line = Version(target).release[:2]
    if used["source"] == "project environment":
        try:
            return Version(version).release[:2] == line
        except InvalidVersion:
            return False
    try:
        specifiers = SpecifierSet(version)
    except InvalidSpecifier:
        return False  # a pin we cannot read judges nothing
    return specifiers.contains(target, prereleases=True) or any(
        specifiers.contains(f"{line[0]}.{line[1]}.{patch}", prereleases=True) for patch in range(1, 20))
