"""Mutations of real code: a token deleted or duplicated, a bracket dropped, a line truncated, the
indentation broken, random bytes in a string. Each returns new bytes (maybe unchanged when it finds
nothing to mutate); all are driven by a random.Random so a failure names its seed."""
from __future__ import annotations

import io
import random
import tokenize


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    try:
        return [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                if t.type not in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT, tokenize.NEWLINE, tokenize.NL)]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []


def _offset(lines: list[str], row: int, column: int) -> int:
    return sum(len(line) for line in lines[: row - 1]) + column


def _span(text: str, token: tokenize.TokenInfo) -> tuple[int, int]:
    lines = text.splitlines(keepends=True)
    return _offset(lines, *token.start), _offset(lines, *token.end)


def delete_token(text: str, rng: random.Random) -> str:
    tokens = _tokens(text)
    if not tokens:
        return text
    start, end = _span(text, rng.choice(tokens))
    return text[:start] + text[end:]


def duplicate_token(text: str, rng: random.Random) -> str:
    tokens = _tokens(text)
    if not tokens:
        return text
    start, end = _span(text, rng.choice(tokens))
    return text[:end] + " " + text[start:end] + text[end:]


def drop_bracket(text: str, rng: random.Random) -> str:
    places = [i for i, c in enumerate(text) if c in "()[]{}"]
    if not places:
        return text
    i = rng.choice(places)
    return text[:i] + text[i + 1:]


def truncate_line(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    candidates = [n for n, line in enumerate(lines) if len(line.strip()) > 2]
    if not candidates:
        return text
    n = rng.choice(candidates)
    line = lines[n]
    cut = rng.randrange(1, len(line.rstrip("\r\n")))
    lines[n] = line[:cut] + line[len(line.rstrip("\r\n")):]
    return "".join(lines)


def break_indentation(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    candidates = [n for n, line in enumerate(lines) if line.strip()]
    if not candidates:
        return text
    n = rng.choice(candidates)
    change = rng.choice([" ", "   ", "\t", ""])
    stripped = lines[n].lstrip(" \t")
    lines[n] = (change + lines[n]) if rng.random() < 0.5 else change + stripped
    return "".join(lines)


TEXT_MUTATIONS = [delete_token, duplicate_token, drop_bracket, truncate_line, break_indentation]


def random_bytes_in_string(data: bytes, rng: random.Random) -> bytes:
    quotes = [i for i, b in enumerate(data) if b in b"\"'"]
    if not quotes:
        return data
    i = rng.choice(quotes) + 1
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
    return data[:i] + junk + data[i:]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One mutation, named, of a file's bytes (decoded as UTF-8 with the bytes kept where they are not)."""
    kind = rng.randrange(len(TEXT_MUTATIONS) + 1)
    if kind == len(TEXT_MUTATIONS):
        return "random bytes in a string", random_bytes_in_string(data, rng)
    mutation = TEXT_MUTATIONS[kind]
    text = data.decode("utf-8", errors="surrogateescape")
    return mutation.__name__.replace("_", " "), mutation(text, rng).encode("utf-8", errors="surrogateescape")
