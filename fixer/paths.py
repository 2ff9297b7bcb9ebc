"""Resolved paths, remembered for the run: files and folders do not move while cdktf-fixer reads them.

`Path.resolve()` asks the file system about every component of a path (one `lstat` each), and the run
asks it of the same files and folders again and again (discovery, the project roots, the project index,
the provider pins, the rules' cheap tests). Here a folder is resolved once, from its parent's answer, and
each file or folder costs one `lstat` of its own (is it a symbolic link?)."""

from __future__ import annotations

import os
from functools import cache, lru_cache
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


@lru_cache(maxsize=65536)
def _resolved(absolute: str) -> Path:
    if ".." in absolute.split(os.sep):  # `link/..` is the link target's parent, not the link's: ask the system
        return Path(os.path.realpath(absolute))
    folder, name = os.path.split(os.path.normpath(absolute))
    if not name:  # the file-system root
        return Path(folder)
    real = os.path.join(_real_folder(folder), name)
    return Path(os.path.realpath(real) if os.path.islink(real) else real)


def resolved(path: str | os.PathLike[str]) -> Path:
    """`Path(path).resolve()`, remembered by absolute path (a str and a Path of one file share the answer;
    a relative path is taken from the working folder of the moment, as `resolve` takes it)."""
    name = os.fspath(path)
    return _resolved(name if os.path.isabs(name) else os.path.join(os.getcwd(), name))
