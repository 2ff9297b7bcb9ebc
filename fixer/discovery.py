"""Which files a run looks at: the paths given, minus generated code, virtualenvs and what git ignores."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from fixer.paths import resolved, walked

if TYPE_CHECKING:  # imported where an ignore file is read: a run over a tree without one never needs it
    import pathspec

# Generated or third-party code: provider bindings (`.gen/`), synth output, environments.
ALWAYS_SKIPPED = frozenset(
    {"cdktf.out", ".gen", ".venv", "venv", "node_modules", ".git", "__pycache__", ".tox", ".mypy_cache"}
)
BINDINGS_FOLDER = "imports"
TEMPLATE_FOLDER = "{{"


def is_generated_bindings(folder: Path) -> bool:
    """`cdktf get` writes Python bindings as imports/<provider>/ with a `_jsii` package inside. Some
    projects keep their own modules in a folder named imports/; those are checked like any code."""
    try:
        return any((child / "_jsii").is_dir() for child in folder.iterdir() if child.is_dir())
    except OSError:
        return False


class IgnoreRules:
    """One ignore file's patterns (or the `exclude` setting), matched against paths below `base`.

    A pattern matches a path itself, never because it matches one of the path's folders: the walk never
    enters an ignored folder, so git's "everything below an ignored folder is ignored" holds for the
    folders it walks, while a folder the user named is checked even when an ignore file above it
    excludes it (as ruff does). The last matching pattern wins, so `!keep.py` re-includes."""

    def __init__(self, base: Path, spec: pathspec.PathSpec) -> None:
        self.base = base
        # pathspec's regexes match a prefix (a folder pattern matches everything below it); anchored at
        # the end they match the path itself only
        self.patterns = [
            (re.compile(f"(?:{pattern.regex.pattern})\\Z"), pattern.include)
            for pattern in spec.patterns
            if pattern.include is not None and pattern.regex is not None
        ]

    def matches(self, path: Path, is_dir: bool) -> bool:
        if not path.is_relative_to(self.base):
            return False
        relative = path.relative_to(self.base).as_posix() + ("/" if is_dir else "")
        ignored = False
        for regex, include in self.patterns:
            if regex.match(relative):
                ignored = include
        return ignored


def _gitignore(folder: Path) -> IgnoreRules | None:
    gitignore = folder / ".gitignore"
    if not gitignore.is_file():
        return None
    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec

    return IgnoreRules(folder, pathspec.GitIgnoreSpec.from_lines(lines))


def _lists_gitignore(entries: list[os.DirEntry]) -> bool:
    """Whether a listing sorted by name, last name first, holds a .gitignore file: read from its end,
    where the few names sorting before ".gitignore" are (punctuation, dot files)."""
    for entry in reversed(entries):
        if entry.name >= ".gitignore":
            return entry.name == ".gitignore" and entry.is_file()
    return False


# What a run learns of folders while it runs (`folders_fixed`): their listings, and of the folders above
# its files their .gitignore and whether they hold .git. The run's discovery lists every folder, and the
# index of each project walks its folders and the folders above it again. Outside a run nothing is kept.
_FOLDERS: dict[tuple[str, Path], object] | None = None


@contextmanager
def folders_fixed() -> Iterator[None]:
    """Within this block folders are taken not to change: each is listed, and asked about, once."""
    global _FOLDERS
    outer = _FOLDERS
    _FOLDERS = {} if outer is None else outer
    try:
        yield
    finally:
        _FOLDERS = outer


def _known(kind: str, folder: Path, ask: Callable[[Path], object]) -> object:
    if _FOLDERS is None:
        return ask(folder)
    key = (kind, folder)
    if key not in _FOLDERS:
        _FOLDERS[key] = ask(folder)
    return _FOLDERS[key]


def _listing(folder: Path) -> list[os.DirEntry]:
    """The folder's entries sorted by name, last first (a DirEntry keeps what the listing said of its type)."""
    return sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)


def _is_repository_root(folder: Path) -> bool:
    return bool(_known("git", folder, lambda f: (f / ".git").exists()))


def _parent_rules(folder: Path) -> list[IgnoreRules]:
    """.gitignore files above `folder`, nearest first, up to the enclosing git repository's root."""
    found = _known("rules above", folder, _rules_above)
    return list(found) if found is not None else []  # type: ignore[call-overload]


def _rules_above(folder: Path) -> tuple[IgnoreRules, ...] | None:
    """`_parent_rules`, from the parent's answer (the projects of a monorepo share all but their last
    folders); None when no folder above is a repository's root: its .gitignore files do not apply."""
    parent = folder.parent
    if parent == folder:
        return None
    own = _known("ignore", parent, _gitignore)
    mine = (own,) if own else ()
    if _is_repository_root(parent):
        return mine  # type: ignore[return-value]
    above = _known("rules above", parent, _rules_above)
    return None if above is None else mine + above  # type: ignore[operator, return-value]


@dataclass
class Walk:
    """What a walk saw besides the files it yields: how many entries ignore rules left out."""

    ignored_files: int = 0
    ignored_folders: int = 0


def iter_python_files(
    root: Path,
    exclude: pathspec.PathSpec | None = None,
    exclude_base: Path | None = None,
    walk: Walk | None = None,
    also: Callable[[str], bool] | None = None,
) -> Iterator[Path]:
    """Python files below `root`, sorted, honouring .gitignore files and `exclude` (relative to
    exclude_base); `root` itself is never excluded. Ignored entries are counted in `walk`. `also` takes
    other files by name (the project files a pack's rules read: requirements*.txt, pyproject.toml ...)."""
    root = resolved(root)
    walk = walk if walk is not None else Walk()
    base_rules = _parent_rules(root)
    if exclude is not None:
        base_rules.append(IgnoreRules((exclude_base or root).resolve(), exclude))
    stack: list[tuple[Path, list[IgnoreRules]]] = [(root, base_rules)]
    while stack:
        folder, rules = stack.pop()
        try:
            entries: list[os.DirEntry] = _known("listing", folder, _listing)  # type: ignore[assignment]
        except OSError:
            continue
        # a walked folder is listed anyway: only one whose listing holds a .gitignore is asked for it
        own = _gitignore(folder) if _lists_gitignore(entries) else None
        if own:
            rules = [*rules, own]
        files = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                path = Path(entry.path)
                if entry.name in ALWAYS_SKIPPED or entry.name.endswith(".egg-info"):
                    continue
                if entry.name == BINDINGS_FOLDER and is_generated_bindings(path):
                    continue
                # a cookiecutter/copier template folder (`{{cookiecutter.project}}/`) holds templates, not Python
                if TEMPLATE_FOLDER in entry.name or any(r.matches(path, True) for r in rules):
                    walk.ignored_folders += 1
                else:
                    stack.append((path, rules))
            elif (entry.name.endswith(".py") or (also is not None and also(entry.name))) and entry.is_file():
                path = Path(entry.path)
                if any(r.matches(path, False) for r in rules):
                    walk.ignored_files += 1
                else:
                    if not entry.is_symlink():  # below the resolved root, through folders that are not links
                        walked(path)
                    files.append(path)
        yield from reversed(files)


def collect(
    paths: Iterable[Path],
    exclude: pathspec.PathSpec | None,
    exclude_base: Path,
    walk: Walk | None = None,
    force_exclude: bool = False,
    also: Callable[[str], bool] | None = None,
) -> list[Path]:
    """Files named on the command line are taken (with `force_exclude`, only when neither `exclude` nor an
    always-skipped folder covers them, as ruff's --force-exclude); folders are walked (for Python files,
    and the other files `also` takes by name)."""
    seen: dict[Path, None] = {}
    rules = IgnoreRules(exclude_base.resolve(), exclude) if exclude is not None else None
    for given in paths:
        if given.is_dir():
            for path in iter_python_files(given, exclude, exclude_base, walk, also):
                seen.setdefault(path, None)
        elif force_exclude and _excluded(given.resolve(), rules):
            if walk is not None:
                walk.ignored_files += 1
        else:
            seen.setdefault(given.resolve(), None)
    return list(seen)


def _excluded(path: Path, rules: IgnoreRules | None) -> bool:
    """A named file that a walk would not have reached: in an always-skipped or generated folder, or
    matched by `exclude` itself or through one of its folders."""
    for folder in path.parents:
        if folder.name in ALWAYS_SKIPPED or folder.name.endswith(".egg-info") or TEMPLATE_FOLDER in folder.name:
            return True
        if folder.name == BINDINGS_FOLDER and is_generated_bindings(folder):
            return True
    if rules is None:
        return False
    return rules.matches(path, False) or any(
        rules.matches(folder, True) for folder in path.parents if folder.is_relative_to(rules.base) and folder != rules.base
    )


def nothing_found_warning(paths: Iterable[Path], walk: Walk) -> str:
    """Why a run over `paths` has no file to read: everything was ignored, or there is no Python here."""
    named = ", ".join(str(p) for p in paths)
    if walk.ignored_files or walk.ignored_folders:
        left_out = []
        if walk.ignored_files:
            left_out.append(f"{walk.ignored_files} Python file{'s' * (walk.ignored_files != 1)}")
        if walk.ignored_folders:
            left_out.append(f"{walk.ignored_folders} folder{'s' * (walk.ignored_folders != 1)}")
        return (f"no Python files to check in {named}: {' and '.join(left_out)} ignored by .gitignore, the "
                f"`exclude` setting or as templates (name a file to check it anyway)")
    return f"no Python files found in {named}"


TEST_FOLDERS = frozenset({"tests", "test"})


# asked for every file by each rule that judges deployed resources only, with the same path and root
@lru_cache(maxsize=8192)
def is_test_path(path: str | PurePath, root: PurePath | None = None) -> bool:
    """A test file: under a tests/ or test/ folder of the project (below `root`), or named test_*.py,
    *_test.py or conftest.py."""
    pure = PurePath(path)
    if root is not None and pure.is_relative_to(root):
        pure = pure.relative_to(root)
    parts = pure.parts
    name = parts[-1] if parts else ""
    return (
        name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"
        or any(part in TEST_FOLDERS for part in parts[:-1])
    )


def repository_folders(root: Path) -> list[Path]:
    """`root` and the folders above it up to its git repository's root; outside a repository, `root`
    alone (a stray requirements.txt or setup.py in a home folder belongs to no project)."""
    chain = [root, *root.parents]
    for number, folder in enumerate(chain):
        if _is_repository_root(folder):
            return chain[: number + 1]
    return [root]
