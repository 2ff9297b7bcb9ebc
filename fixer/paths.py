"""Resolved paths, remembered for the run: files and folders do not move while cdktf-fixer reads them.

`Path.resolve()` asks the file system about every component of a path (one `lstat` each), and the run
asks it of the same files and folders again and again (discovery, the project roots, the project index,
the provider pins, the rules' cheap tests). Here a folder is resolved once, from its parent's answer, and
each file or folder costs one `lstat` of its own (is it a symbolic link?)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def _real_folder(folder: str) -> str:
    """`os.path.realpath(folder)` for a normalized absolute folder, from its parent's answer: realpath asks
    about every component each time, and the folders of one tree share all but their last."""
    parent, name = os.path.split(folder)
    if not name:  # the file-system root
        return folder
    real = os.path.join(_real_folder(parent), name)
    return os.path.realpath(real) if os.path.islink(real) else real


# absolute path -> its resolved Path; bounded, as a batch over many repositories asks of many files
_RESOLVED: dict[str, Path] = {}
_RESOLVED_LIMIT = 65536


def _resolved(absolute: str) -> Path:
    known = _RESOLVED.get(absolute)
    if known is not None:
        return known
    if ".." in absolute.split(os.sep):  # `link/..` is the link target's parent, not the link's: ask the system
        answer = Path(os.path.realpath(absolute))
    else:
        folder, name = os.path.split(os.path.normpath(absolute))
        if not name:  # the file-system root
            answer = Path(folder)
        else:
            real = os.path.join(_real_folder(folder), name)
            answer = Path(os.path.realpath(real) if os.path.islink(real) else real)
    _remember(absolute, answer)
    return answer


def _remember(absolute: str, answer: Path) -> None:
    if len(_RESOLVED) >= _RESOLVED_LIMIT:
        _RESOLVED.clear()
    _RESOLVED[absolute] = answer


def walked(path: Path) -> None:
    """`path` was found by a walk down from a resolved folder through folders that are not symbolic links,
    and is not a link itself: it is its own resolved path (the walk's directory entry said so, at no cost),
    so `resolved` need not ask the file system again."""
    _remember(str(path), path)


def resolved(path: str | os.PathLike[str]) -> Path:
    """`Path(path).resolve()`, remembered by absolute path (a str and a Path of one file share the answer;
    a relative path is taken from the working folder of the moment, as `resolve` takes it)."""
    name = os.fspath(path)
    return _resolved(name if os.path.isabs(name) else os.path.join(os.getcwd(), name))
