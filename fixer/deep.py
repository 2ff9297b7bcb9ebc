"""Running a function where deep nesting fits: a thread with a large stack and a raised recursion limit.

LibCST's parser, visitors and code generation, and `ast.NodeVisitor`, recurse once per level of nesting;
CPython's default limit (1000 frames) is reached by a literal nested ~200 deep inside a class, or by a
generated string concatenation of a thousand terms. Code that hits the limit runs again here.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

STACK_BYTES = 512 * 1024 * 1024  # reserved, not committed: only what the recursion touches is used
RECURSION_LIMIT = 60_000
_lock = threading.Lock()


def in_deep_thread(function: Callable[..., T], *args: object, limit: int | None = None) -> T:
    """`function(*args)` in a thread with a large stack and recursion limit; its exception is re-raised."""
    outcome: list = []

    def target() -> None:
        try:
            outcome.append((True, function(*args)))
        except BaseException as exc:  # noqa: BLE001  handed back to the calling thread
            outcome.append((False, exc))

    # the recursion limit is per interpreter: one deep run at a time, the limit restored after it; the
    # stack size applies to threads started while it is set
    with _lock:
        previous_stack, previous_limit = threading.stack_size(), sys.getrecursionlimit()
        worker = threading.Thread(target=target, name="cdktf-fixer-deep")
        sys.setrecursionlimit(limit or RECURSION_LIMIT)
        try:
            threading.stack_size(STACK_BYTES)
            try:
                worker.start()
            finally:
                threading.stack_size(previous_stack)
            worker.join()
        finally:
            sys.setrecursionlimit(previous_limit)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
