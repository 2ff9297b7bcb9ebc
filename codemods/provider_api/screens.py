"""The provider API rules' (CTB) cheap tests before parsing, for those with a test of their own: no LibCST
here, so a run can screen files before importing any rule (see `fixer.screening`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fixer.providers import IMPORTS_PACKAGE, PREBUILT_PREFIXES
from fixer.screening import python_screen, remembered

if TYPE_CHECKING:
    from fixer.project import ProjectContext

PACKAGE = "lib"  # the project package CTB005 knows: modules under lib/


def lib_package_imports(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTB005: an import, in a project whose entry runs from the root and that has a lib/ package."""
    if "import" not in text or "sys.path" in text:
        return False  # a file that puts folders on sys.path itself has chosen how it imports
    if not project.has_package(PACKAGE):
        return False  # asked first: finding the entry of a project without cdktf.json reads its every file
    # entry inside lib/ (`python lib/main.py`): lib/ is on sys.path, `stacks.x` is right
    return project.entry_runs_from_root


# `imports.<provider>` as the start of a dotted name (`from imports.aws.vpc import Vpc`): the `imports.`
# marker alone also finds the word ending a sentence ("... handles imports."), in every standard library
_BINDINGS = re.compile(rf"(?<![\w.]){IMPORTS_PACKAGE}\.\w")


def _names_a_provider(text: str) -> bool:
    return any(prefix in text for prefix in PREBUILT_PREFIXES) or _BINDINGS.search(text) is not None


def provider_imports(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTB001, CTB006, CTB007, CTB008: the file names a prebuilt provider package or `imports/` bindings (the
    relative `from .imports` is not one: the rules leave relative imports alone)."""
    return python_screen(rule, text, project, path) and remembered(text, "provider imports", _names_a_provider)
