"""Walking statements without entering expressions.

In LibCST every traversal rebuilds the tree, and expressions are most of its nodes. Questions about
imports, classes and function signatures are answered by walking statements only, which lets a rule
decide cheaply that a file needs no further work.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst


def walk_statements(module: cst.Module) -> Iterator[cst.CSTNode]:
    """Every statement line, one-line suite and compound statement, at any depth, in source order."""
    pending: list[cst.CSTNode] = list(reversed(module.body))
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, cst.BaseCompoundStatement):
            pending.extend(reversed(_child_statements(node)))


def statement_imports(module: cst.Module) -> list[cst.Import | cst.ImportFrom]:
    return [
        small
        for node in walk_statements(module)
        if isinstance(node, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
        for small in node.body
        if isinstance(small, (cst.Import, cst.ImportFrom))
    ]


def class_defs(module: cst.Module) -> list[cst.ClassDef]:
    return [node for node in walk_statements(module) if isinstance(node, cst.ClassDef)]


def dotted_name(module: str) -> cst.Attribute | cst.Name:
    """`a.b.c` as the expression LibCST uses for module names and attribute chains."""
    parts = module.split(".")
    node: cst.Attribute | cst.Name = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(node, cst.Name(part))
    return node


def _child_statements(node: cst.BaseCompoundStatement) -> list[cst.CSTNode]:
    children: list[cst.CSTNode] = []

    def add(suite: cst.BaseSuite | None) -> None:
        if isinstance(suite, cst.IndentedBlock):
            children.extend(suite.body)
        elif isinstance(suite, cst.SimpleStatementSuite):
            children.append(suite)

    add(getattr(node, "body", None))
    for handler in getattr(node, "handlers", ()):
        add(handler.body)
    for case in getattr(node, "cases", ()):
        add(case.body)
    orelse = getattr(node, "orelse", None)
    if isinstance(orelse, cst.If):
        children.append(orelse)
    elif orelse is not None:
        add(orelse.body)
    final = getattr(node, "finalbody", None)
    if final is not None:
        add(final.body)
    return children
