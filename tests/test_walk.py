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
