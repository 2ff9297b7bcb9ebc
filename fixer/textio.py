"""Reading and writing source files without losing anything: encoding, BOM, line endings, permissions."""

from __future__ import annotations

import codecs
import errno
import os
import re
import secrets
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

# A merge conflict committed by mistake: a marker at a line's start. Such a file is reported as unparsable,
# with this cause, whether or not a rule looks at it.
CONFLICT_MARKER = re.compile(r"^(<{7}|>{7})( |$)", re.MULTILINE)


def may_hold_conflict_marker(text: str) -> bool:
    """A substring test, before the pattern: its line anchors make it scan every line of every file read."""
    return "<<<<<<<" in text or ">>>>>>>" in text


@dataclass(frozen=True)
class SourceText:
    text: str  # without BOM; line endings as in the file (LibCST keeps them)
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


# The first two lines, where a PEP 263 cookie must be, as `bytes.splitlines` cuts them (at \r\n, \r or \n).
_TWO_LINES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?[^\r\n]*(?:\r\n|\r|\n)?")


def decode(data: bytes) -> SourceText:
    """Decode like the interpreter does (PEP 263 cookie, BOM); raises SyntaxError/UnicodeDecodeError."""
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    # The cookie is on line 1 or 2 whatever the line endings: the interpreter reads a CR-only file's
    # `# -*- coding: latin-1 -*-\r` too, but BytesIO.readline splits at LF only, so the whole file was
    # "line 1" and its latin-1 bytes failed as UTF-8. Hand detect_encoding the file's own lines.
    head = _TWO_LINES.match(data).group()  # type: ignore[union-attr]  # it matches every input
    if b"coding" not in head:
        # no cookie: UTF-8, as detect_encoding answers (a run asks it of every file); bytes that are not
        # UTF-8 go the whole way, for the error detect_encoding gives them
        try:
            return SourceText(body.decode("utf-8"), "utf-8", bom)
        except UnicodeDecodeError:
            pass
    lines = iter(head.splitlines(keepends=True))
    encoding, _ = tokenize.detect_encoding(lambda: next(lines, b""))
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    return SourceText(body.decode(encoding), encoding, bom)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one rename: readers see the old file or the new one, never half.
    A new file gets the permissions the umask allows.

    Where the system allows it (Linux, O_TMPFILE) the data is written to a file without a name, which a
    process killed meanwhile (SIGKILL, OOM, a closed CI runner) cannot leave behind; it gets a name only
    for the instant between linking it and the rename. Elsewhere a named temporary file is used, removed
    on any error this process lives through."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd = _anonymous_file(path.parent)
    if fd is not None:
        tmp = None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
                os.chmod(fh.fileno(), mode & 0o7777)
                tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.cdktf-fixer.tmp"
                # linkat(..., AT_SYMLINK_FOLLOW) through /proc: os.link takes that path only given a dir fd
                folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
                try:
                    os.link(f"/proc/self/fd/{fh.fileno()}", tmp.name, dst_dir_fd=folder, follow_symlinks=True)
                finally:
                    os.close(folder)
            os.replace(tmp, path)
        except BaseException:
            if tmp is not None:
                _unlink(tmp)
            raise
        return
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cdktf-fixer.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(name, mode & 0o7777)
        os.replace(name, path)
    except BaseException:
        _unlink(Path(name))
        raise


def _anonymous_file(folder: Path) -> int | None:
    """A file descriptor of a new file without a name in `folder`, or None where that is not possible."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT) and folder.is_dir():
            return None  # the file system has no O_TMPFILE: a named temporary file then
        raise


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
