"""The project index reads each file in one walk; what it lists must be what a plain `ast.walk` lists, in
`ast.walk`'s (breadth-first) order, which the index has always used."""
from __future__ import annotations

import ast
import random
from pathlib import Path

from fixer.project.facts import read_facts


def _program(rng: random.Random) -> str:
    counter = iter(range(10_000))

    def block(depth: int) -> list[str]:
        lines = []
        for _ in range(rng.randint(1, 3)):
            pad, name = "    " * depth, f"N{next(counter)}"
            kind = "leaf" if depth > 4 else rng.choice(["class", "def", "if", "leaf"])
            if kind == "leaf":
                lines.append(pad + rng.choice(["x = AwsProvider(self, 'p')", "S3Backend(self)", "Bucket(self, 'b')"]))
            else:
                lines.append(pad + {"class": f"class {name}(Construct):", "def": f"def {name}(self, scope):",
                                     "if": "if x:"}[kind])
                lines += block(depth + 1)
        return lines

    return "\n".join(block(0)) + "\n"


def test_nested_classes_and_their_provider_calls_come_in_ast_walk_order():
    rng = random.Random(13)
    for _ in range(300):
        code = _program(rng)
        tree = ast.parse(code)
        expected = [
            (node.name, tuple((call.func.id, call.lineno) for call in ast.walk(node)
                              if isinstance(call, ast.Call) and call.func.id.endswith(("Provider", "Backend"))))
            for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
        ]
        facts = read_facts(code.encode(), Path("stack.py"))
        assert [(c.name, c.provider_calls) for c in facts.classes] == expected, code


def test_a_file_that_only_names_a_construct_class_in_prose_or_a_longer_word_is_not_read(tmp_path, monkeypatch):
    """Files without a cdktf import join the index when they call or derive from a project construct; a
    common class name (`Network`) in a docstring or inside `IPv4Network` does not make a file one of them."""
    import fixer.project as project_module
    from fixer.project import ProjectContext

    (tmp_path / "network.py").write_text(
        "from constructs import Construct\n\n\nclass Network(Construct):\n    pass\n")
    (tmp_path / "uses.py").write_text(
        "from network import Network\n\n\nclass Tiered(\n    Network  # the base\n):\n    pass\n\n\n"
        "def build(stack):\n    return Network (stack, 'net')\n")
    (tmp_path / "prose.py").write_text('"""Addresses on a particular\nNetwork. So ..."""\nfrom ipaddress import IPv4Network\n'
                                       "x = IPv4Network('10.0.0.0/8')\n")
    read: list[str] = []
    real = project_module.read_facts
    monkeypatch.setattr(project_module, "read_facts", lambda data, path: read.append(path.name) or real(data, path))
    project = ProjectContext.build(tmp_path, sorted(tmp_path.glob("*.py")))
    assert sorted(read) == ["network.py", "uses.py"]
    assert "Tiered" in project.construct_class_names
    assert [s.callee for s in project.sites if s.path.name == "uses.py"] == ["Network"]


def test_module_parts_are_the_relative_path_without_its_suffix():
    from fixer.project import module_parts

    root = Path("/repo/app")
    for name in ["main.py", "stacks/__init__.py", "stacks/net.py", "a.b.py", ".hidden.py", "pkg/.py", "x.",
                 "deep/er/mod.py", "__init__.py"]:
        path = root / name
        relative = path.relative_to(root).with_suffix("")
        expected = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        assert module_parts(path, root) == expected, name
    assert module_parts(Path("/repo/other/main.py"), root) is None
    assert module_parts(Path("/repo/application/main.py"), root) is None
    assert module_parts(Path("/top.py"), Path("/")) == ("top",)
