"""The hygiene rules' (CTF) cheap tests before parsing, for those with a test of their own: no LibCST here,
so a run can screen files before importing any rule (see `fixer.screening`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fixer.discovery import is_test_path

if TYPE_CHECKING:
    from fixer.project import ProjectContext


def stack_outputs(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTF001: not a test file, the project has no TerraformOutput, and the file defines a main stack."""
    if is_test_path(path, project.root):
        return False
    return not project.mentions("TerraformOutput") and any(
        info.name in project.main_stacks for info in project.classes_in(path)
    )
