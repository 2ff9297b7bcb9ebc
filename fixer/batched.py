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

from fixer import walk as _walk
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
    # read from the classes of the rule's own code, not from `dir()`: LibCST's bases define a hook for
    # every node type, so `dir()` lists some seven hundred names per class, all of them the no-op defaults
    names = {
        name for klass in rule_class.__mro__ if not klass.__module__.startswith("libcst")
        for name in vars(klass) if name.startswith(prefix) and "_" not in name[len(prefix):]
    }
    return frozenset(
        name[len(prefix):] for name in names if getattr(rule_class, name) is not getattr(cst.CSTTransformer, name, None)
    )


class _Hooks:
    """Which hooks a set of rule classes has, by node type name and, as the walks meet them, by node type:
    (rule number, the class's function). Built once per set of classes, not once per file."""

    def __init__(self, classes: tuple[type, ...]) -> None:
        self.visit: dict[str, tuple[tuple[int, Callable], ...]] = {}
        self.leave: dict[str, tuple[tuple[int, Callable], ...]] = {}
        for kind, table in (("visit_", self.visit), ("leave_", self.leave)):
            found: dict[str, list[tuple[int, Callable]]] = {}
            for number, rule_class in enumerate(classes):
                for name in _hooks(rule_class, kind):
                    found.setdefault(name, []).append((number, getattr(rule_class, kind + name)))
            table.update((name, tuple(hooks)) for name, hooks in found.items())
        # layout nodes are not entered when no rule has a hook for any of them (they nest: a comment lies
        # in the whitespace of a parenthesis): nothing happens there, and the class and function stacks
        # change only at definitions
        hooked = {name for table in (self.visit, self.leave) for name in table}
        layout = _walk.LAYOUT_TYPES
        self.passed_over = frozenset() if any(kind.__name__ in hooked for kind in layout) else layout
        self.visit_of: dict[type, tuple[tuple[int, Callable], ...]] = {}
        self.leave_of: dict[type, tuple[tuple[int, Callable], ...]] = {}


@lru_cache(maxsize=64)  # a run's files share a few sets of active rules
def _hooks_of(classes: tuple[type, ...]) -> _Hooks:
    return _Hooks(classes)


class BatchedRules(cst.CSTVisitor):
    """Dispatches every node to the hooks of each rule that still looks at it."""

    def __init__(self, rules: Sequence[cst.CSTTransformer], context: FileContext) -> None:
        super().__init__()
        self.rules = list(rules)
        self.context = context
        # per rule: the node whose children it chose to skip, until its leave hook has run
        self.skipping: list[cst.CSTNode | None] = [None] * len(self.rules)
        self.skipped = 0  # how many rules are skipping now
        self._skip_ends: dict[int, list[int]] = {}  # id(node) -> the rules skipping its children
        self._hooks = _hooks_of(tuple(type(rule) for rule in self.rules))
        self._visit, self._leave = self._hooks.visit, self._hooks.leave

    def on_visit(self, node: cst.CSTNode) -> bool:
        """What `walk` does on entering a node, for the subtrees LibCST visits itself (`node.visit`)."""
        self.context.enter(node)
        hooks = self._visit.get(type(node).__name__)
        if hooks:
            for number, hook in hooks:
                if self.skipping[number] is None and self._call(number, hook, node) is False:
                    self._skip(number, node)
        return self.skipped < len(self.rules)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        hooks = self._leave.get(type(original_node).__name__)
        if hooks:
            for number, hook in hooks:
                skipped = self.skipping[number]
                if skipped is None or skipped is original_node:
                    self._call(number, hook, original_node, original_node)
        if self._skip_ends:
            self._end_skips(original_node)
        self.context.leave(original_node)

    def _skip(self, number: int, node: cst.CSTNode) -> None:
        self.skipping[number] = node
        self.skipped += 1
        self._skip_ends.setdefault(id(node), []).append(number)

    def _end_skips(self, node: cst.CSTNode) -> None:
        for number in self._skip_ends.pop(id(node), ()):
            self.skipping[number] = None
            self.skipped -= 1

    def walk(self, root: cst.CSTNode) -> None:
        """`fixer.walk.walk(root, self)`, with `on_visit`/`on_leave` and the context's class and function
        stacks inlined: the traversal's own cost per node is most of a clean file's look, so its hot path
        makes no method call of its own (the hooks are looked up by node type, once per type and set of rules)."""
        visit_of, leave_of = self._hooks.visit_of, self._hooks.leave_of
        visit_by_name, leave_by_name = self._visit, self._leave
        rules, skipping, skip_ends, count = self.rules, self.skipping, self._skip_ends, len(self.rules)
        classes, functions = self.context.classes, self.context.functions
        fields_known, fields_of, unknown = _walk._FIELDS, _walk._fields, _walk._UNKNOWN
        class_def, function_def, sentinel = cst.ClassDef, cst.FunctionDef, cst.MaybeSentinel
        passed_over = self._hooks.passed_over

        def go(node: cst.CSTNode) -> None:
            kind = type(node)
            fields = fields_known.get(kind, unknown)
            if fields is unknown:
                fields = fields_of(node)
            if fields is None:  # a type LibCST must visit itself: it calls on_visit/on_leave
                node.visit(self)
                return
            if kind is class_def:
                classes.append(node)
            elif kind is function_def:
                functions.append(node)
            hooks = visit_of.get(kind)
            if hooks is None:
                hooks = visit_of[kind] = visit_by_name.get(kind.__name__, ())
            # each hook is called here, not through `_call`: a frame per call was a twentieth of the walk
            for number, hook in hooks:
                if skipping[number] is None:
                    try:
                        answer = hook(rules[number], node)
                    except Exception as exc:  # noqa: BLE001  which rule failed is what the error entry must say
                        raise RuleFailed(rules[number].code) from exc
                    if answer is False:
                        self._skip(number, node)
            if self.skipped < count:
                for name in fields:
                    value = getattr(node, name)
                    value_kind = type(value)
                    if value_kind is tuple or value_kind is list:
                        for child in value:
                            if type(child) not in passed_over:
                                go(child)
                    elif value is not None and value_kind is not sentinel and value_kind not in passed_over:
                        go(value)
            hooks = leave_of.get(kind)
            if hooks is None:
                hooks = leave_of[kind] = leave_by_name.get(kind.__name__, ())
            for number, hook in hooks:
                skipped = skipping[number]
                if skipped is None or skipped is node:
                    try:
                        hook(rules[number], node, node)
                    except Exception as exc:  # noqa: BLE001
                        raise RuleFailed(rules[number].code) from exc
            # a rule that skipped a whole module leaves its entry here for the entire walk: looked up inline
            if skip_ends and id(node) in skip_ends:
                self._end_skips(node)
            if kind is class_def:
                classes.pop()
            elif kind is function_def:
                functions.pop()

        try:
            go(root)
        finally:
            # `go` calls itself through its closure, a cycle that holds the rules, their context and the
            # tree: left to the collector, every file's tree outlived the file, and the collector's young
            # passes ran once every two files to free them
            go = None  # type: ignore[assignment]

    def _call(self, number: int, hook: Callable, *nodes: cst.CSTNode) -> object:
        try:
            return hook(self.rules[number], *nodes)
        except Exception as exc:  # noqa: BLE001  which rule failed is what the error entry must say
            raise RuleFailed(self.rules[number].code) from exc  # type: ignore[attr-defined]


def walk(module: cst.Module, rules: BatchedRules) -> None:
    """Every rule over the tree in one read-only traversal."""
    rules.walk(module)
