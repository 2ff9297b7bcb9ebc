"""A read-only traversal of a LibCST tree that builds nothing.

`node.visit(visitor)` rebuilds and re-validates every node it passes, even for a visitor that changes
nothing, and calls two attribute hooks per field. `walk` visits the same nodes in the same order with
the same `on_visit`/`on_leave` calls, and builds nothing.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import libcst as cst


class _FieldOrder(cst.CSTVisitor):
    """Records which fields `_visit_and_replace_children` visits, in its order, without descending."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.names.append(attribute)


def _layout_types() -> frozenset[type]:
    import inspect

    import libcst._nodes.op as operators

    tokens = {kind for kind in vars(operators).values()
              if inspect.isclass(kind) and issubclass(kind, cst.CSTNode) and kind.__module__ == operators.__name__}
    return frozenset(kind for kind in (*tokens, cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace,
                                       cst.EmptyLine, cst.Newline, cst.Comment, cst.LeftParen, cst.RightParen,
                                       cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftCurlyBrace,
                                       cst.RightCurlyBrace, cst.Asynchronous) if not inspect.isabstract(kind))


# Whitespace, comments and punctuation: nodes that hold nothing but more of their kind. Two thirds of the
# nodes of a CDKTF module (a SimpleWhitespace on each side of every comma and parenthesis); a traversal
# whose visitors have no hook for any of them need not enter them (tests/test_walk.py checks what they hold).
LAYOUT_TYPES = _layout_types()

_FIELDS: dict[type, tuple[str, ...] | None] = {}


def field_names_in_code(kind: type[cst.CSTNode]) -> tuple[str, ...] | None:
    """The fields `kind._visit_and_replace_children` names, in the order its code names them: each call
    there (`visit_required(self, "value", ...)`) names a field by a string constant, and the compiler keeps
    a function's constants in the order their code comes in the source. (Reading the method's source with
    `inspect` and parsing it gave the same answer for each of LibCST's node types, sixty times slower: a
    fortieth of a second per process, once per worker.)"""
    try:
        fields = {field.name for field in dataclasses.fields(kind)}
        constants = kind._visit_and_replace_children.__code__.co_consts
    except (AttributeError, TypeError):
        return None
    return tuple(dict.fromkeys(c for c in constants if isinstance(c, str) and c in fields))


_UNKNOWN = object()  # not an empty tuple: a leaf type's fields are one


def _fields(node: cst.CSTNode) -> tuple[str, ...] | None:
    """The child fields of `node`'s type in LibCST's visiting order, read from its
    `_visit_and_replace_children`: every field it names, in source order, so a field visited only when
    set (an f-string's `format_spec`) keeps its place. None when that reading does not agree with what
    LibCST visits for this node: such a type is then visited by LibCST itself."""
    kind = type(node)
    names: tuple[str, ...] | None = field_names_in_code(kind)
    recorder = _FieldOrder()
    node._visit_and_replace_children(recorder)
    visited = [name for name in names or () if name in recorder.names]
    if names is None or visited != list(dict.fromkeys(recorder.names)):
        names = None
    _FIELDS[kind] = names
    return names


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor, passed_over: frozenset[type] = frozenset()) -> None:
    """`node.visit(visitor)` for a visitor that dispatches in `on_visit`/`on_leave` only (no
    `visit_<Node>_<field>` hooks); `visit_read_only` checks that. Children of the `passed_over` types are
    not entered (layout nodes the visitor has no hook for)."""
    kind = type(node)
    fields = _FIELDS.get(kind, _UNKNOWN)
    if fields is _UNKNOWN:
        fields = _fields(node)
    if fields is None:
        node.visit(visitor)
        return
    if visitor.on_visit(node):
        for name in fields:
            value = getattr(node, name)
            # a visited field holds a node, a sequence of nodes, None or MaybeSentinel.DEFAULT; type
            # tests, as isinstance against CSTNode (an ABC) cost as much as the rest of the walk
            kind = type(value)
            if kind is tuple or kind is list:
                for child in value:
                    if type(child) not in passed_over:
                        walk(child, visitor, passed_over)
            elif value is not None and kind is not cst.MaybeSentinel and kind not in passed_over:
                walk(value, visitor, passed_over)
    visitor.on_leave(node)


def visit_read_only(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """`node.visit(visitor)` for a CSTVisitor, walked without rebuilding; a visitor with attribute hooks
    (`visit_Call_args`) is left to LibCST, which alone calls them."""
    if _attribute_hooks(type(visitor)):
        node.visit(visitor)
    else:
        walk(node, visitor, _passed_over(type(visitor)))


@cache
def _passed_over(visitor_class: type) -> frozenset[type]:
    """The layout types a visitor of this class need not enter: all of them when it dispatches with
    CSTVisitor's own `on_visit`/`on_leave` (which call nothing but hooks) and has a hook for none of
    them (layout nests: a comment lies inside the whitespace of a parenthesis), else none."""
    if visitor_class.on_visit is not cst.CSTVisitor.on_visit or visitor_class.on_leave is not cst.CSTVisitor.on_leave:
        return frozenset()
    hooked = any(getattr(visitor_class, f"{prefix}{kind.__name__}") is not getattr(cst.CSTVisitor, f"{prefix}{kind.__name__}")
                 for kind in LAYOUT_TYPES for prefix in ("visit_", "leave_"))
    return frozenset() if hooked else LAYOUT_TYPES


@cache
def _attribute_hooks(visitor_class: type) -> bool:
    if not issubclass(visitor_class, cst.CSTVisitor):
        return True
    for name in dir(visitor_class):
        prefix = "visit_" if name.startswith("visit_") else "leave_" if name.startswith("leave_") else None
        if prefix and "_" in name[len(prefix):] and getattr(visitor_class, name) is not getattr(cst.CSTVisitor, name, None):
            return True
    return visitor_class.on_visit_attribute is not cst.CSTVisitor.on_visit_attribute or (
        visitor_class.on_leave_attribute is not cst.CSTVisitor.on_leave_attribute)
