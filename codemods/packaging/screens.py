"""The packaging rules' (CTE) cheap tests before parsing: no LibCST here, so a run can screen files before
importing any rule (see `fixer.screening`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixer.screening import is_cdktf_code, python_screen

if TYPE_CHECKING:
    from fixer.project import ProjectContext

# Files that show the handler's dependencies are bundled with it (or built into a layer).
BUNDLING_FILES = ("requirements.txt", "pyproject.toml", "setup.py", "Pipfile", "poetry.lock")


def _is_handler_folder_name(name: str) -> bool:
    name = name.lower()
    return name.startswith("lambda") or name in ("functions", "handlers")


def handler_folder(path: Path) -> Path | None:
    """The folder of Lambda code a file belongs to: the nearest ancestor named like `lambda`,
    `lambdas`, `lambda_functions`, `functions` or `handlers`, or a folder inside one."""
    for folder in path.parents:
        if _is_handler_folder_name(folder.name):
            return folder
    return None


def lambda_code_asset(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTE001: CDKTF code that creates a LambdaFunction."""
    return python_screen(rule, text, project, path) and "LambdaFunction" in text


def lambda_dependencies(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTE002: a Lambda handler (not CDKTF code) with nothing beside it that bundles its dependencies."""
    # the folder names first, as plain strings: asked of every file of a monorepo, most of them nowhere
    # near a Lambda folder
    if not any(_is_handler_folder_name(name) for name in os.path.dirname(path).split(os.sep)):
        return False
    folder = handler_folder(Path(path))
    if folder is None or is_cdktf_code(text) or not python_screen(rule, text, project, path):
        return False
    return not any((Path(path).parent / name).is_file() or (folder / name).is_file() for name in BUNDLING_FILES)
