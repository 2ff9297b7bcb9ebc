"""Values of string literals, read without `ast.literal_eval`.

LibCST's `SimpleString.evaluated_value` calls `ast.literal_eval`, which parses the literal and defines
nested functions that call each other: a cycle of garbage per call, freed only by the collector's passes.
The rules read thousands of literals a run; a plain one (a string without prefix, escape or carriage
return, a decimal integer) is read from its text.
"""

from __future__ import annotations

import libcst as cst


def string_value(node: cst.SimpleString) -> str | bytes:
    """What `node.evaluated_value` returns."""
    value = node.value
    first = value[0]
    if first in "'\"" and "\\" not in value and "\r" not in value:
        quote = 3 if len(value) >= 6 and value[1] == first and value[2] == first else 1
        return value[quote:-quote]
    return node.evaluated_value


def integer_value(node: cst.Integer) -> int:
    """What `node.evaluated_value` returns."""
    value = node.value
    return int(value) if value.isdigit() and (value[0] != "0" or len(value) == 1) else node.evaluated_value
