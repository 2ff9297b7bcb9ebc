"""Which files a run looks at: the paths given, minus generated code, virtualenvs and what git ignores."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pathspec

# Generated or third-party code: provider bindings (`.gen/`), synth output, environments.
ALWAYS_SKIPPED = frozenset(
    {"cdktf.out", ".gen", ".venv", "venv", "node_modules", ".git", "__pycache__", ".tox", ".mypy_cache"}
)
BINDINGS_FOLDER = "imports"


def _is_generated_bindings(folder: Path) -> bool:
    """`cdktf get` writes Python bindings as imports/<provider>/ with a `_jsii` package inside. Some
    projects keep their own modules in a folder named imports/; those are checked like any code."""
    try:
        return any((child / "_jsii").is_dir() for child in folder.iterdir() if child.is_dir())
    except OSError:
        return False


def _gitignore_spec(folder: Path) -> pathspec.PathSpec | None:
    gitignore = folder / ".gitignore"
    if not gitignore.is_file():
        return None
    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _parent_specs(folder: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """.gitignore files above `folder`, up to the enclosing git repository's root."""
    specs = []
    for parent in folder.parents:
        spec = _gitignore_spec(parent)
        if spec:
            specs.append((parent, spec))
        if (parent / ".git").exists():
            break
    else:
        return []  # not inside a git repository: parent .gitignore files do not apply
    return specs


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    for base, spec in specs:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def iter_python_files(
    root: Path, exclude: pathspec.PathSpec | None = None, exclude_base: Path | None = None
) -> Iterator[Path]:
    """Python files below `root`, sorted, honouring .gitignore files and `exclude` (relative to exclude_base)."""
    root = root.resolve()
    base_specs = _parent_specs(root)
    if exclude is not None:
        base_specs.append((exclude_base or root, exclude))
    stack: list[tuple[Path, list[tuple[Path, pathspec.PathSpec]]]] = [(root, base_specs)]
    while stack:
        folder, specs = stack.pop()
        own = _gitignore_spec(folder)
        if own:
            specs = [*specs, (folder, own)]
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        files = []
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if entry.name in ALWAYS_SKIPPED or entry.name.endswith(".egg-info"):
                    continue
                if entry.name == BINDINGS_FOLDER and _is_generated_bindings(path):
                    continue
                if not _ignored(path, True, _applicable(specs, path)):
                    stack.append((path, specs))
            elif entry.name.endswith(".py") and entry.is_file() and not _ignored(path, False, _applicable(specs, path)):
                files.append(path)
        yield from reversed(files)


def _applicable(specs: list[tuple[Path, pathspec.PathSpec]], path: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    return [(base, spec) for base, spec in specs if path.is_relative_to(base)]


def collect(paths: Iterable[Path], exclude: pathspec.PathSpec | None, exclude_base: Path) -> list[Path]:
    """Files named on the command line are always taken; folders are walked."""
    seen: dict[Path, None] = {}
    for given in paths:
        if given.is_dir():
            for path in iter_python_files(given, exclude, exclude_base):
                seen.setdefault(path, None)
        else:
            seen.setdefault(given.resolve(), None)
    return list(seen)
