"""The provider API rules' (CTB) cheap tests before parsing, for those with a test of their own: no LibCST
here, so a run can screen files before importing any rule (see `fixer.screening`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fixer.project import ProjectContext

PACKAGE = "lib"  # the project package CTB005 knows: modules under lib/


def lib_package_imports(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTB005: an import, in a project whose entry runs from the root and that has a lib/ package."""
    if "import" not in text or "sys.path" in text:
        return False  # a file that puts folders on sys.path itself has chosen how it imports
    if not project.entry_runs_from_root:
        return False  # entry inside lib/ (`python lib/main.py`): lib/ is on sys.path, `stacks.x` is right
    return project.has_package(PACKAGE)
