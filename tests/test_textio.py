"""Decoding a file as the interpreter does: the quick answer for files without an encoding cookie must be
the answer `tokenize.detect_encoding` gives, errors included."""

from __future__ import annotations

import codecs
import tokenize

import pytest

from fixer.textio import decode


def _detected(data: bytes):
    """The reference: detect_encoding over the file's own first two lines, then the whole file."""
    bom = data.startswith(codecs.BOM_UTF8)
    lines = iter(data.splitlines(keepends=True)[:2])
    try:
        encoding, _ = tokenize.detect_encoding(lambda: next(lines, b""))
        if encoding == "utf-8-sig":
            encoding = "utf-8"
        body = data[len(codecs.BOM_UTF8):] if bom else data
        return body.decode(encoding), encoding, bom
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return type(exc), str(exc)


def _decoded(data: bytes):
    try:
        source = decode(data)
        return source.text, source.encoding, source.bom
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return type(exc), str(exc)


CASES = [
    b"",
    b"x = 1\n",
    codecs.BOM_UTF8 + b"x = 'caf\xc3\xa9'\n",
    b"# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n",
    b"#!/usr/bin/env python\n# coding: latin-1\nx = '\xe9'\n",
    b"# -*- coding: latin-1 -*-\rx = '\xe9'\r",  # CR-only line endings
    b"x = 1\r\n# coding: cp1252\r\ny = '\x80'\r\n",
    b"x = 1\ny = 2\n# coding: latin-1\nz = '\xe9'\n",  # a cookie on line 3 counts for nothing
    b"x = '\xe9'\n",  # not UTF-8, no cookie
    b"# encoding words: open(p, encoding='utf-8')\nx = 1\n",
    b"# coding: no-such-codec\nx = 1\n",
    codecs.BOM_UTF8 + b"# coding: latin-1\nx = 1\n",
    b"a" * 10_000 + b"\n# coding: latin-1\nx = '\xe9'\n",
    b"x = 1\n\n\n" + b"y = '\xff'\n",
]


@pytest.mark.parametrize("data", CASES)
def test_decode_answers_as_detect_encoding_does(data):
    assert _decoded(data) == _detected(data)
