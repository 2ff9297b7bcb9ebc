"""Facts about a whole CDKTF project, built once per project root and shared by every file's rules.

A project root is the nearest folder holding `cdktf.json`; without one, the folder given on the command
line. Rules ask the context; they never rebuild it per file. The class index uses the standard `ast`
parser (C speed, ~10x LibCST) on only the files that mention a construct base class, so the cost of
whole-project questions stays a small fraction of the per-file LibCST work.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fixer.discovery import iter_python_files
from fixer.providers import PROVIDERS, ProviderIndex, ProviderSpec, load_index

# Library base classes whose subclasses are constructs: their __init__ takes (scope, id).
CONSTRUCT_BASES = frozenset({"Construct", "TerraformStack"})
# What a file must contain to possibly define a construct subclass.
CLASS_MARKERS = ("Construct", "Stack")


@dataclass
class ClassInfo:
    name: str
    path: Path
    bases: tuple[str, ...]  # last dotted part of each base expression
    init_params: tuple[str, ...] | None  # None: no __init__ of its own
    construct_id_taken: bool  # `construct_id` already names something inside __init__


@dataclass
class ProjectContext:
    root: Path
    has_cdktf_json: bool
    classes: dict[str, list[ClassInfo]] = field(default_factory=dict)
    local_modules: frozenset[str] = frozenset()
    _providers: dict[str, ProviderIndex | None] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, root: Path, files: Sequence[Path] | None = None, index_classes: bool = True) -> "ProjectContext":
        """A CDKTF project (root with cdktf.json) is read whole; without cdktf.json there is no project
        beyond what the run was given, so only `files` are read (all of root when None)."""
        root = root.resolve()
        context = cls(root=root, has_cdktf_json=(root / "cdktf.json").is_file())
        members = iter_python_files(root) if context.has_cdktf_json or files is None else files
        modules: set[str] = set()
        for path in members:
            try:
                relative = path.resolve().relative_to(root).with_suffix("")
            except ValueError:
                continue
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            if parts:
                modules.add(".".join(parts))
            if index_classes:
                context._index_classes(path)
        context.local_modules = frozenset(modules)
        return context

    def _index_classes(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return
        if "class " not in text or not any(m in text for m in CLASS_MARKERS):
            return
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return  # the engine reports unparsable files; the index just knows nothing about them
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                info = _class_info(node, path)
                self.classes.setdefault(info.name, []).append(info)

    # --- construct classes --------------------------------------------------------------------------

    @cached_property
    def construct_class_names(self) -> frozenset[str]:
        """Project classes deriving from Construct/TerraformStack, directly or through project classes."""
        known = set(CONSTRUCT_BASES)
        changed = True
        while changed:
            changed = False
            for name, infos in self.classes.items():
                if name not in known and any(b in known for info in infos for b in info.bases):
                    known.add(name)
                    changed = True
        return frozenset(known - CONSTRUCT_BASES) | frozenset(
            name for name in CONSTRUCT_BASES if name in self.classes
        )

    def is_construct_class(self, name: str, local_bases: dict[str, tuple[str, ...]] | None = None) -> bool:
        """Whether class `name` is a construct; `local_bases` adds classes defined in the current file."""
        if name in CONSTRUCT_BASES or name in self.construct_class_names:
            return True
        if local_bases and name in local_bases:
            seen = {name}
            pending = list(local_bases[name])
            while pending:
                base = pending.pop()
                if base in CONSTRUCT_BASES or base in self.construct_class_names:
                    return True
                if base in local_bases and base not in seen:
                    seen.add(base)
                    pending.extend(local_bases[base])
        return False

    def construct_id_keyword_target(self, class_name: str) -> bool:
        """True when calls `class_name(..., id=...)` must say `construct_id=`: every project class of that
        name is a construct whose __init__ takes (or, once fixed, will take) `construct_id` and not `id`."""
        infos = self.classes.get(class_name)
        if not infos or class_name not in self.construct_class_names:
            return False
        for info in infos:
            params = info.init_params
            if params is None:
                return False  # inherits __init__: the parent's signature decides; too indirect to rewrite
            renamable = "id" in params and not info.construct_id_taken
            already = "construct_id" in params and "id" not in params
            if not (renamable or already):
                return False
        return True

    # --- providers -----------------------------------------------------------------------------------

    def provider(self, spec: ProviderSpec) -> ProviderIndex | None:
        if spec.package not in self._providers:
            self._providers[spec.package] = load_index(spec, self.root)
        return self._providers[spec.package]

    def provider_for_package(self, package: str) -> ProviderIndex | None:
        spec = next((p for p in PROVIDERS if p.package == package), None)
        return self.provider(spec) if spec else None

    def app_command(self) -> str | None:
        try:
            return json.loads((self.root / "cdktf.json").read_text(encoding="utf-8")).get("app")
        except (OSError, ValueError, AttributeError):
            return None


def _base_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def _class_info(node: ast.ClassDef, path: Path) -> ClassInfo:
    bases = tuple(b for b in (_base_name(e) for e in node.bases) if b)
    init = next(
        (s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__"),
        None,
    )
    if init is None:
        return ClassInfo(node.name, path, bases, None, False)
    args = init.args
    params = tuple(a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))
    return ClassInfo(node.name, path, bases, params, "id" in params and _mentions(init, "construct_id"))


def _mentions(function: ast.AST, name: str) -> bool:
    """Any identifier `name` in the function, as LibCST sees Names: variables, parameters, keywords of
    calls and attribute names (codemods.construct_id_parameter applies the same test)."""
    for node in ast.walk(function):
        if (
            (isinstance(node, ast.Name) and node.id == name)
            or (isinstance(node, ast.arg) and node.arg == name)
            or (isinstance(node, ast.keyword) and node.arg == name)
            or (isinstance(node, ast.Attribute) and node.attr == name)
        ):
            return True
    return False


def find_project_root(path: Path) -> Path:
    """Nearest folder at or above `path` holding cdktf.json; else the folder given (a file's parent)."""
    path = path.resolve()
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / "cdktf.json").is_file():
            return folder
    return start
