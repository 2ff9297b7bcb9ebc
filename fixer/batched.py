"""All rules of a file in one read-only traversal.

A rule is written as a LibCST transformer (`visit_X(node)`, `leave_X(original, updated)`), but when no
fix is to be applied it returns the tree it was given, so its hooks can share one traversal with every
other rule's, as Fixit's `visit_batched` does for its lint rules. Each rule keeps its own way of
skipping: `visit_X` returning False skips that node's children for that rule only, and the traversal
descends only while some rule still wants to look.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import libcst as cst

from fixer.rule import FileContext


class RuleFailed(Exception):
    """A rule raised: the exception is the cause, `code` says which rule."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@lru_cache(maxsize=None)
def _hooks(rule_class: type, prefix: str) -> frozenset[str]:
    """The node type names a rule class has `visit_`/`leave_` hooks for: its own or its mixins', not the
    no-op defaults LibCST's base class defines for every node type."""
    return frozenset(
        name[len(prefix):] for name in dir(rule_class)
        if name.startswith(prefix) and "_" not in name[len(prefix):]
        and getattr(rule_class, name) is not getattr(cst.CSTTransformer, name, None)
    )


class BatchedRules(cst.CSTVisitor):
    """Dispatches every node to the hooks of each rule that still looks at it."""

    def __init__(self, rules: Sequence[cst.CSTTransformer], context: FileContext) -> None:
        super().__init__()
        self.rules = list(rules)
        self.context = context
        # per rule: the node whose children it chose to skip, until its leave hook has run
        self.skipping: list[cst.CSTNode | None] = [None] * len(self.rules)
        self.skipped = 0  # how many rules are skipping now
        self._visit: dict[str, list[tuple[int, Callable]]] = {}
        self._leave: dict[str, list[tuple[int, Callable]]] = {}
        for number, rule in enumerate(self.rules):
            for kind, table in (("visit_", self._visit), ("leave_", self._leave)):
                for name in _hooks(type(rule), kind):
                    table.setdefault(name, []).append((number, getattr(rule, kind + name)))

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.context.enter(node)
        hooks = self._visit.get(type(node).__name__)
        if hooks:
            for number, hook in hooks:
                if self.skipping[number] is None and self._call(number, hook, node) is False:
                    self.skipping[number] = node
                    self.skipped += 1
        return self.skipped < len(self.rules)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        hooks = self._leave.get(type(original_node).__name__)
        if hooks:
            for number, hook in hooks:
                skipped = self.skipping[number]
                if skipped is None or skipped is original_node:
                    self._call(number, hook, original_node, original_node)
        if self.skipped:
            for number, skipped in enumerate(self.skipping):
                if skipped is original_node:
                    self.skipping[number] = None
                    self.skipped -= 1
        self.context.leave(original_node)

    def _call(self, number: int, hook: Callable, *nodes: cst.CSTNode) -> object:
        try:
            return hook(*nodes)
        except Exception as exc:  # noqa: BLE001  which rule failed is what the error entry must say
            raise RuleFailed(self.rules[number].code) from exc  # type: ignore[attr-defined]
