"""Which project each file belongs to: the nearest folder holding cdktf.json, else the folder the run
was given."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from fixer.paths import resolved


def _cdktf_folder(start: Path, memo: dict[Path, Path | None] | None = None) -> Path | None:
    """Nearest folder at or above `start` with cdktf.json; `memo` spares the files of one run from
    asking the same folders again."""
    if memo is not None and start in memo:
        return memo[start]
    if (start / "cdktf.json").is_file():
        found: Path | None = start
    else:
        found = None if start.parent == start else _cdktf_folder(start.parent, memo)
    if memo is not None:
        memo[start] = found
    return found

def assign_roots(given: Sequence[Path], files: Sequence[Path]) -> dict[Path, Path]:
    """Each file's project root: the nearest folder above it holding cdktf.json, else the folder named on
    the command line that contains it (for a file named directly, its folder)."""
    folders = sorted((resolved(g) for g in given if g.is_dir()), key=lambda g: len(g.parts), reverse=True)
    roots = {}
    memo: dict[Path, Path | None] = {}
    by_folder: dict[str, Path | None] = {}  # the files of a folder share the answer: asked by string, cheaply
    for file in files:
        real = resolved(file)
        folder = os.path.dirname(real)
        if folder in by_folder:
            found = by_folder[folder]
        else:
            found = by_folder[folder] = _cdktf_folder(real.parent, memo)
        if found is None:
            found = next((g for g in folders if real.is_relative_to(g)), real.parent)
        roots[file] = found
    return roots
