"""The rules as data: what a run needs to select rules and screen files without importing them.

`fixer/data/rule_index.json` holds, for every rule of every pack, its code, name, pack, whether it runs by
default, its kind (a Python `Rule` or a `ProjectFileRule`), the declarations its cheap test reads
(markers, `cdktf_code_only`, `deployed_resources_only`, `file_names`), whether it makes the engine index
the project's classes, and the dotted name of its screen when it has one of its own (`Rule.screen`).
`scripts/generate_rule_index.py` writes it from the rule classes; a test fails when it is stale, and
another that an indexed screen is not the very function its class uses. Nothing here imports LibCST or
a rule: `IndexedRule.could_match` calls the screen, which lives in LibCST-free code (`fixer.screening`,
the families' `screens.py`).
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixer.screening import Screen, project_file_screen, python_screen
from fixer.screening import reads as reads_file_name

if TYPE_CHECKING:
    from fixer.project import ProjectContext

INDEX = Path(__file__).parent / "data" / "rule_index.json"
PYTHON, PROJECT_FILE = "python", "project_file"
DEFAULT_SCREENS: dict[str, Screen] = {PYTHON: python_screen, PROJECT_FILE: project_file_screen}


@dataclass(frozen=True)
class IndexedRule:
    """A rule as the index knows it: enough to select it by code and to ask its cheap test."""

    code: str
    name: str
    pack: str
    default_enabled: bool
    kind: str  # PYTHON or PROJECT_FILE
    markers: tuple[str, ...]
    cdktf_code_only: bool
    deployed_resources_only: bool
    uses_project_classes: bool
    file_names: tuple[str, ...]  # what a project file rule reads; () for a Python rule
    screen: str | None  # the dotted name of its own cheap test; None: its kind's (DEFAULT_SCREENS)

    def screen_function(self) -> Screen:
        return DEFAULT_SCREENS[self.kind] if self.screen is None else _function(self.screen)

    def could_match(self, text: str, project: ProjectContext, path: str) -> bool:
        """What the rule class's `could_match` answers, without importing the rule."""
        return self.screen_function()(self, text, project, path)

    def reads(self, name: str) -> bool:
        return reads_file_name(self.file_names, name)


def entry(rule: Any, pack: str) -> dict:
    """The index entry of a rule class (`RuleDeclaration`): what `IndexedRule` holds, as JSON."""
    # imports LibCST: only the generator and the tests describe rule classes
    from fixer.rule import ProjectFileRule

    kind = PROJECT_FILE if issubclass(rule, ProjectFileRule) else PYTHON
    screen = rule.screen
    return {
        "code": rule.code,
        "name": rule.name,
        "pack": pack,
        "default_enabled": rule.default_enabled,
        "kind": kind,
        "markers": list(rule.markers),
        "cdktf_code_only": getattr(rule, "cdktf_code_only", False),
        "deployed_resources_only": getattr(rule, "deployed_resources_only", False),
        "uses_project_classes": rule.uses_project_classes,
        "file_names": list(getattr(rule, "file_names", ())),
        "screen": None if screen is DEFAULT_SCREENS[kind] else f"{screen.__module__}.{screen.__qualname__}",
    }


def render(entries: list[dict]) -> str:
    """The index file's text: one rule a line, so a change to a rule is a one-line diff."""
    lines = ",\n".join(f"  {json.dumps(e)}" for e in entries)
    return f"[\n{lines}\n]\n"


@cache
def _function(dotted: str) -> Screen:
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@lru_cache(maxsize=1)
def _load() -> tuple[IndexedRule, ...]:
    rows = json.loads(INDEX.read_text(encoding="utf-8"))
    return tuple(
        IndexedRule(**{**row, "markers": tuple(row["markers"]), "file_names": tuple(row["file_names"])}) for row in rows
    )


def rules(pack: str = "fix") -> tuple[IndexedRule, ...]:
    """Every indexed rule of a pack, in code order (as `registry.all_rules`)."""
    return tuple(sorted((r for r in _load() if r.pack == pack), key=lambda r: r.code))
