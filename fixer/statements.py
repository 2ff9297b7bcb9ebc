"""Walking statements without entering expressions.

In LibCST every traversal rebuilds the tree, and expressions are most of its nodes. Questions about
imports, classes and function signatures are answered by walking statements only, which lets a rule
decide cheaply that a file needs no further work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import libcst as cst
from libcst.helpers import get_full_name_for_node

if TYPE_CHECKING:
    from fixer.rule import FileContext


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


def assignments(body: cst.BaseSuite) -> Iterator[tuple[cst.BaseAssignTargetExpression, cst.BaseExpression, cst.CSTNode]]:
    """(target, value, statement line) of each `x = value` / `x: T = value` in a function or class body,
    inside if/for/with/try blocks too, not inside nested functions or classes."""
    pending: list[cst.CSTNode] = list(body.body) if isinstance(body, cst.IndentedBlock) else []
    while pending:
        node = pending.pop(0)
        if isinstance(node, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in node.body:
                if isinstance(small, cst.Assign):
                    for target in small.targets:
                        yield target.target, small.value, node
                elif isinstance(small, cst.AnnAssign) and small.value is not None:
                    yield small.target, small.value, node
        elif isinstance(node, cst.BaseCompoundStatement) and not isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            pending[:0] = _child_statements(node)


def function_names(node: cst.FunctionDef) -> set[str]:
    """The names a function's body can use as its own: parameters and names it assigns."""
    params = node.params
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    return names | {t.value for t, _, _ in assignments(node.body) if isinstance(t, cst.Name)}


def self_attributes(node: cst.ClassDef) -> set[str]:
    """`x` for every `self.x = ...` in the class's methods."""
    found = set()
    for method in node.body.body if isinstance(node.body, cst.IndentedBlock) else []:
        if isinstance(method, cst.FunctionDef):
            for target, _, _ in assignments(method.body):
                if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
                    found.add(target.attr.value)
    return found


class NameScopes:
    """Mixin for rules that ask which names the code at hand can use: `local_names()` (the innermost
    function's parameters and locals, a set a rule may add the names it creates to) and
    `variable_in_scope(...)`. Built on the enclosing definitions the traversal keeps in the rule's
    context, each function's and class's names computed once. Put it before Rule in the bases."""

    context: FileContext

    def local_names(self) -> set[str]:
        functions = self.context.functions
        return self.per_node(functions[-1], function_names) if functions else set()  # type: ignore[attr-defined]

    def member_names(self) -> set[str]:
        classes = self.context.classes
        return self.per_node(classes[-1], self_attributes) if classes else set()  # type: ignore[attr-defined]

    def variable_in_scope(self, *names: str) -> str | None:
        """The first of `names` the current code can use: a local or parameter, else `self.<name>` in a
        method of a class that sets it."""
        local = self.local_names()
        members = self.member_names()
        for name in names:
            if name in local:
                return name
        for name in names:
            if name in members and "self" in local:
                return f"self.{name}"
        return None


def callee_name(call: cst.Call) -> str:
    """The called name without its module: `s3_bucket.S3Bucket(...)` and `S3Bucket(...)` -> "S3Bucket"."""
    return (get_full_name_for_node(call.func) or "").rsplit(".", 1)[-1]


def keyword_arg(call: cst.Call, name: str) -> cst.Arg | None:
    """The argument passed as `name=...`, if any."""
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)
