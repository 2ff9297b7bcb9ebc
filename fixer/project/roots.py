"""Which project each file belongs to: the nearest folder holding cdktf.json, else the folder the run
was given."""

from __future__ import annotations

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
    for file in files:
        real = resolved(file)
        found = _cdktf_folder(real.parent, memo)
        if found is None:
            found = next((g for g in folders if real.is_relative_to(g)), real.parent)
        roots[file] = found
    return roots
