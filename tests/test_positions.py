"""Finding positions: the starts found in the source text (fixer.rule's _LocatedInSource) are the ones
LibCST's PositionProvider gives, for every node it answers for."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from fixer.rule import _LocatedInSource

REPO = Path(__file__).resolve().parents[1]


def _sources() -> list[Path]:
    return sorted(p for p in (REPO / "golden").rglob("*.py") if "/after" not in p.as_posix())


class _Every(cst.CSTVisitor):
    def __init__(self) -> None:
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


def _agreement(source: str) -> tuple[int, int]:
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    expected = wrapper.resolve(PositionProvider)
    every = _Every()
    module.visit(every)
    located = _LocatedInSource(source, module)
    answered = 0
    for node in every.nodes:
        start = located.start(node)
        if start is not None:
            answered += 1
            assert start == expected[node].start, (type(node).__name__, cst.Module([]).code_for_node(node)[:80])
    return answered, len(every.nodes)


def test_text_located_starts_agree_with_position_provider_on_every_golden_file():
    answered = total = 0
    for path in _sources():
        try:
            source = path.read_bytes().decode("utf-8-sig")
            cst.parse_module(source)
        except (UnicodeDecodeError, cst.ParserSyntaxError):
            continue
        got, nodes = _agreement(source)
        answered += got
        total += nodes
    assert answered > total // 10  # the shortcut answers for a good share, or it is not worth having


@pytest.mark.parametrize("source", [
    "x = f(a)\ny = f(a)\n",  # the same code twice: neither is answered from the text
    "if x:\n    call(\n        a,\n        b=[1,\n           2],\n    )\n",
    "x = (\n    a\n)\n",  # the node starts past a line break
    "a = 1\r\nb = g(  c )\r\n",
    "a = 1\rb = g(c)\r",
    "s = '''\nx\n''' + y\n",
    "def f(x: int = 3, *, y=(1, 2)) -> None:\n    return x  # comment\n",
    "z = 'é' ; w = {'k': v for v in z}\n",
    "\ufeffz = 'é' ; w = {'k': v for v in z}\n",  # a BOM LibCST drops
])
def test_text_located_starts_agree_with_position_provider(source):
    _agreement(source)


def test_repeated_code_is_left_to_position_provider():
    source = "x = f(a)\ny = f(a)\n"
    module = cst.parse_module(source)
    calls = [s.body[0].value for s in module.body]
    located = _LocatedInSource(source, module)
    assert [located.start(c) for c in calls] == [None, None]
    statement = module.body[1]
    assert located.start(statement) is None  # a statement starts with its block's indentation
