"""The engine's shortcuts around LibCST give LibCST's answers: the read-only walk visits what
`node.visit` visits, in its order, and the positions of a few nodes are PositionProvider's. Both lean on
LibCST internals, so a LibCST upgrade that changes them fails here first."""
from __future__ import annotations

import random

import libcst as cst
import pytest
from helpers import GOLDEN
from libcst.metadata import MetadataWrapper, PositionProvider

from fixer.rule import _ranges
from fixer.walk import visit_read_only

# f-strings with and without format specs, decorators, async, match, walrus, star imports, lambdas
SAMPLE = '''
from __future__ import annotations
from . import sibling
from os.path import *
import a.b as c

@decorator(arg)
async def f(x: int = 1, *args, y: "T" = 2, **kwargs) -> None:
    async with ctx() as (p, q):
        print(f"{x!r:>{width}} {y=} {{literal}}", end="")
    match x:
        case [1, *rest] if rest:
            pass
        case {"k": v, **others}:
            lambda z: (w := z) + v
        case Point(x=0) | None:
            del others
    return [i async for i in gen() if i] or {k: v for k, v in d.items()}

class K(Base, metaclass=Meta):
    attr: int = 1; other = 2
    def method(self): global g; raise ValueError("x") from None

value = call(  # a comment inside parentheses
    1,
)
'''


def sources() -> list[str]:
    befores = sorted(GOLDEN.glob("*/*/before.py")) + sorted(GOLDEN.glob("*/*/before/**/*.py"))
    return [SAMPLE, *(p.read_text(encoding="utf-8-sig") for p in befores[::7])]


class Recorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.events.append(("visit", id(node)))
        return not isinstance(node, cst.Lambda)  # a skipped subtree is skipped by both

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.events.append(("leave", id(original_node)))


def parsed(text: str) -> cst.Module | None:
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError:
        return None  # a golden case that must not parse


@pytest.mark.parametrize("number", range(len(sources())))
def test_read_only_walk_visits_what_libcst_visits(number):
    module = parsed(sources()[number])
    if module is None:
        assert number > 0, "the sample must parse"
        return
    visited, walked = Recorder(), Recorder()
    module.visit(visited)
    visit_read_only(module, walked)
    assert walked.events == visited.events


@pytest.mark.parametrize("number", range(len(sources())))
def test_positions_of_some_nodes_are_position_providers(number):
    module = parsed(sources()[number])
    if module is None:
        assert number > 0, "the sample must parse"
        return
    every = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    nodes = list(every)
    chosen = random.Random(number)
    for size in (1, 3, 12, len(nodes)):
        wanted = set(chosen.sample(nodes, min(size, len(nodes))))
        assert _ranges(module, wanted) == {node: every[node] for node in wanted}


def test_positions_skip_nodes_outside_the_tree():
    module = cst.parse_module("x = 1\n")
    stranger = cst.Name("y")
    assert _ranges(module, {stranger}) == {}


def test_the_golden_cases_are_among_the_sources():
    assert len(sources()) > 20


class AllNodes(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.kinds: list[type] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.kinds.append(type(node))
        return True


@pytest.mark.parametrize("number", range(len(sources())))
def test_layout_nodes_hold_nothing_but_layout_nodes(number):
    # what lets a traversal pass over them: below a layout node there is no name, call or definition
    from fixer.walk import LAYOUT_TYPES

    module = parsed(sources()[number])
    if module is None:
        return
    if number == 0:  # the sample holds every kind of layout its syntax has
        every = AllNodes()
        module.visit(every)
        assert {cst.SimpleWhitespace, cst.Comma, cst.Comment, cst.ParenthesizedWhitespace} <= set(every.kinds)

    class Below(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.depth = 0
            self.outside: set[type] = set()

        def on_visit(self, node: cst.CSTNode) -> bool:
            if self.depth and type(node) not in LAYOUT_TYPES:
                self.outside.add(type(node))
            self.depth += type(node) in LAYOUT_TYPES
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            self.depth -= type(original_node) in LAYOUT_TYPES

    below = Below()
    module.visit(below)
    assert below.outside == set()


class Hooks(cst.CSTVisitor):
    """Hooks on names and calls, as a rule's collecting visitor has: layout is passed over."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.events.append(("name", id(node)))

    def leave_Call(self, original_node: cst.Call) -> None:
        self.events.append(("call", id(original_node)))


class CommentHooks(Hooks):
    """A hook on a layout type (a comment, which lies inside parentheses' whitespace): nothing is passed over."""

    def visit_Comment(self, node: cst.Comment) -> None:
        self.events.append(("comment", id(node)))


@pytest.mark.parametrize("number", range(len(sources())))
@pytest.mark.parametrize("visitor", [Hooks, CommentHooks])
def test_a_visitor_with_hooks_sees_what_libcst_shows_it_though_layout_is_passed_over(number, visitor):
    module = parsed(sources()[number])
    if module is None:
        return
    visited, walked = visitor(), visitor()
    module.visit(visited)
    visit_read_only(module, walked)
    assert walked.events == visited.events
    if number == 0:
        assert {kind for kind, _ in walked.events} == {"name", "call"} | ({"comment"} if visitor is CommentHooks else set())


class RuleHooks(cst.CSTTransformer):
    """A rule's hooks (a transformer's signatures) on names, calls and, when asked, comments."""

    code = "TEST"

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.events.append(("name", id(node)))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        self.events.append(("call", id(original_node)))
        return updated_node


class RuleCommentHooks(RuleHooks):
    def visit_Comment(self, node: cst.Comment) -> None:
        self.events.append(("comment", id(node)))


def test_the_batched_rules_see_what_libcst_shows_them():
    # every hook of every rule class, called in LibCST's order, with layout nodes passed over
    from fixer.batched import BatchedRules
    from fixer.project import ProjectContext
    from fixer.rule import FileContext

    for text in sources():
        module = parsed(text)
        if module is None:
            continue
        recorded: dict[str, list] = {"walk": [], "libcst": []}
        for way in recorded:
            context = FileContext("x.py", ProjectContext(root=GOLDEN, has_cdktf_json=False), frozenset(), {})
            hooks = RuleCommentHooks() if text is sources()[0] else RuleHooks()
            batched = BatchedRules([hooks], context)
            if way == "walk":
                batched.walk(module)
            else:
                module.visit(batched)
            recorded[way] = hooks.events
        assert recorded["walk"] == recorded["libcst"]
        if text is sources()[0]:
            assert {kind for kind, _ in recorded["walk"]} == {"name", "call", "comment"}


def test_a_batched_walk_leaves_no_garbage_cycle():
    # a cycle through the walk would keep every file's tree alive until the collector's next pass: the
    # run's memory and its collector passes grew with every file
    import gc

    from fixer.batched import BatchedRules
    from fixer.project import ProjectContext
    from fixer.rule import FileContext

    module = cst.parse_module(SAMPLE)
    gc.collect()
    gc.disable()
    try:
        context = FileContext("x.py", ProjectContext(root=GOLDEN, has_cdktf_json=False), frozenset(), {})
        BatchedRules([RuleHooks()], context).walk(module)
        del context
        assert gc.collect() == 0
    finally:
        gc.enable()


def _concrete_node_types() -> list[type[cst.CSTNode]]:
    import inspect

    found, pending = set(), [cst.CSTNode]
    while pending:
        for kind in pending.pop().__subclasses__():
            if kind not in found:
                found.add(kind)
                pending.append(kind)
    return sorted((k for k in found if not inspect.isabstract(k) and k.__module__.startswith("libcst.")),
                  key=lambda k: k.__qualname__)


def test_field_order_from_the_code_is_the_order_of_the_source_for_every_node_type():
    """The walk reads a node type's visiting order from the string constants of its
    `_visit_and_replace_children`; reading the method's source gives the order the visits are written in.
    A LibCST (or Python) that stores those constants differently fails here for the type that differs."""
    import ast
    import inspect
    import textwrap

    from fixer.walk import field_names_in_code

    def written(kind: type[cst.CSTNode]) -> tuple[str, ...]:
        source = textwrap.dedent(inspect.getsource(kind._visit_and_replace_children))
        calls = [c for c in ast.walk(ast.parse(source)) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
                 and c.func.id.startswith("visit_") and len(c.args) > 1 and isinstance(c.args[1], ast.Constant)]
        calls.sort(key=lambda c: (c.lineno, c.col_offset))
        return tuple(dict.fromkeys(c.args[1].value for c in calls))

    kinds = _concrete_node_types()
    assert len(kinds) > 200  # every node type LibCST has, not a few
    differ = {kind.__qualname__: (field_names_in_code(kind), written(kind)) for kind in kinds
              if field_names_in_code(kind) != written(kind)}
    assert differ == {}
    assert field_names_in_code(cst.Call) == ("lpar", "func", "whitespace_after_func", "whitespace_before_args",
                                             "args", "rpar")


@pytest.mark.parametrize("literal", [
    '""', "''", '"a"', "'a'", '""""""', "''''''", '"""a"b"""', "'''it's'''", '"\\n"', "'\\''", 'u"x"', 'r"\\d"',
    'b"x"', 'Rb"\\x00"', '"""a\r\nb"""', '"${aws_s3_bucket.logs.arn}/*"',
])
def test_string_values_are_what_literal_eval_gives(literal):
    from fixer.literals import string_value

    node = cst.parse_expression(literal)
    assert isinstance(node, cst.SimpleString)
    value = string_value(node)
    assert value == node.evaluated_value and type(value) is type(node.evaluated_value)


@pytest.mark.parametrize("literal", ["0", "7", "1234", "1_000", "0x1F", "0o17", "0b101", "00"])
def test_integer_values_are_what_literal_eval_gives(literal):
    from fixer.literals import integer_value

    node = cst.parse_expression(literal)
    assert isinstance(node, cst.Integer)
    assert integer_value(node) == node.evaluated_value


def test_each_rules_hooks_are_the_hooks_dir_finds_beyond_libcsts_defaults():
    """The batched walk reads a rule's hooks from the classes of its own code; `dir()` over the whole class
    names the same ones once LibCST's no-op defaults are left out."""
    from fixer.batched import _hooks
    from fixer.registry import every_rule

    def by_dir(rule_class: type, prefix: str) -> frozenset[str]:
        return frozenset(name[len(prefix):] for name in dir(rule_class)
                         if name.startswith(prefix) and "_" not in name[len(prefix):]
                         and getattr(rule_class, name) is not getattr(cst.CSTTransformer, name, None))

    rules = [rule for rule in every_rule() if issubclass(rule, cst.CSTTransformer)]
    assert len(rules) > 20
    for rule in rules:
        for prefix in ("visit_", "leave_"):
            assert _hooks(rule, prefix) == by_dir(rule, prefix), (rule.code, prefix)
    assert any(_hooks(rule, "visit_") for rule in rules) and any(_hooks(rule, "leave_") for rule in rules)
