"""The types every layer shares: findings and their fixes, rule examples, file results and errors.

Imports nothing else of cdktf-fixer, so the engine, the cache, the reporters and the rules can all
depend on it without depending on each other.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from enum import Enum


class Applicability(str, Enum):
    """How a finding's fix may be applied: always (`fix`), only with `--unsafe-fixes`, or not at all."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    path: str
    line: int
    column: int
    fix: Applicability
    fixed: bool = False

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "fix": self.fix.value,
            "fixed": self.fixed,
        }


@dataclass(frozen=True)
class Example:
    before: str
    after: str | None = None  # None: reported, not rewritten
    files: tuple[tuple[str, str], ...] = ()  # other project files the example needs: (path, text)
    path: str = "example.py"  # where the example's file stands in its project

    def __post_init__(self) -> None:
        object.__setattr__(self, "before", textwrap.dedent(self.before).lstrip("\n"))
        if self.after is not None:
            object.__setattr__(self, "after", textwrap.dedent(self.after).lstrip("\n"))


class FixAvailability(str, Enum):
    """Whether a rule's findings come with a fix: every one, some, or none (Ruff's FixAvailability)."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NONE = "none"


class ErrorKind(str, Enum):
    """What went wrong with a file. The user's input (`syntax`, `io`) is reported like a finding and the
    run exits 1, as ruff does; `internal` is cdktf-fixer's own failure (a rule raised, a fix made invalid
    code) and the run exits 2."""

    SYNTAX = "syntax"
    IO = "io"
    INTERNAL = "internal"
    # beyond what cdktf-fixer processes (larger than --max-file-size, nested too deeply for a rule): the
    # file is reported as skipped, like the user's input (exit 1), never as a rule failure
    LIMIT = "limit"


@dataclass
class FileError:
    path: str
    line: int
    column: int
    reason: str
    detail: str | None = None  # traceback, shown with --verbose
    kind: ErrorKind = ErrorKind.INTERNAL

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "reason": self.reason,
                "kind": self.kind.value}


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    changed: bool = False
    parsed: bool = False
    before: str | None = None
    after: str | None = None


