"""Reading and writing source files without losing anything: encoding, BOM, line endings, permissions."""

from __future__ import annotations

import codecs
import io
import os
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceText:
    text: str  # without BOM; line endings as in the file (LibCST keeps them)
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def decode(data: bytes) -> SourceText:
    """Decode like the interpreter does (PEP 263 cookie, BOM); raises SyntaxError/UnicodeDecodeError."""
    bom = data.startswith(codecs.BOM_UTF8)
    # The cookie is on line 1 or 2 whatever the line endings: the interpreter reads a CR-only file's
    # `# -*- coding: latin-1 -*-\r` too, but BytesIO.readline splits at LF only, so the whole file was
    # "line 1" and its latin-1 bytes failed as UTF-8. Hand detect_encoding the file's own lines.
    lines = iter(data.splitlines(keepends=True)[:2])
    encoding, _ = tokenize.detect_encoding(lambda: next(lines, b""))
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    return SourceText(body.decode(encoding), encoding, bom)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one rename: readers see the old file or the new one, never half.
    A new file gets the permissions the umask allows."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cdktf-fixer.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
