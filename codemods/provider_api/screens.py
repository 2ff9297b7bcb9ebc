"""The provider API rules' (CTB) cheap tests before parsing, for those with a test of their own: no LibCST
here, so a run can screen files before importing any rule (see `fixer.screening`)."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
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
    if not project.entry_runs_from_root:
        return False
    # the file must name what it would import, as the start of a dotted name: most files of such a project
    # import nothing from lib/, or import it as `lib.x`
    starts = project.derived("CTB005 names", _importable_without_lib)
    return starts is not None and starts.search(text) is not None


def _importable_without_lib(project: ProjectContext) -> re.Pattern[str] | None:
    """Where a file can import what CTB005 finds: a module or package directly under lib/ that is neither a
    module of the project root nor an installed package (the rule's own tests of the imported name's first
    part), as a whole word not after a dot."""
    local = project.local_modules
    under = {module.split(".")[1] for module in local if module.startswith(PACKAGE + ".")}
    names = sorted(name for name in under if name not in local and not _installed(name))
    return re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, names))})\b") if names else None


@cache  # what is installed does not change during a run; every project under lib/ asks
def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False  # the rule asks again, and says what it finds


# `imports.<provider>` as the start of a dotted name (`from imports.aws.vpc import Vpc`): the `imports.`
# marker alone also finds the word ending a sentence ("... handles imports."), in every standard library
_BINDINGS = re.compile(rf"(?<![\w.]){IMPORTS_PACKAGE}\.\w")


def _names_a_provider(text: str) -> bool:
    return any(prefix in text for prefix in PREBUILT_PREFIXES) or _BINDINGS.search(text) is not None


def provider_imports(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTB001, CTB006, CTB007, CTB008: the file names a prebuilt provider package or `imports/` bindings (the
    relative `from .imports` is not one: the rules leave relative imports alone)."""
    return python_screen(rule, text, project, path) and remembered(text, "provider imports", _names_a_provider)
