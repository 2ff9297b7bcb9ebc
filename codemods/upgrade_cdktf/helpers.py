"""What the upgrade rules share: the project's name maps (old provider release -> target release) and
where a file names an old provider class, found through its imports with scope analysis.

An old class is named by its old qualified name, never by whether the import still resolves: under the
target, `from cdktf_cdktf_provider_aws import vpc` still imports (a module `vpc` exists, for `aws_vpc`)
and `vpc.Subnet` then fails, so every use is judged by the old `vpc.Subnet`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import ScopeProvider

from fixer.discovery import iter_python_files
from fixer.pins import normalize
from fixer.providers import provider_package
from fixer.providers.releases import NameMap, project_maps
from fixer.statements import statement_imports
from fixer.walk import visit_read_only

if TYPE_CHECKING:
    from fixer.project import ProjectContext
    from fixer.rule import FileContext

# Old prebuilt packages: only these moved their classes.
MARKERS = ("cdktf_cdktf_provider_",)


def upgrade_maps(project: ProjectContext) -> dict[str, NameMap]:
    """Package (`cdktf_cdktf_provider_aws`) -> the name map of the old release the project uses."""
    return project.derived("upgrade_cdktf.maps", lambda p: project_maps(p.root))[0]


def unreadable_releases(project: ProjectContext) -> dict[str, str]:
    """Distribution -> why the classes of the old release the project uses could not be read (no
    network, an unknown version): its code is not moved, so neither are its dependency declarations."""
    return project.derived("upgrade_cdktf.maps", lambda p: project_maps(p.root))[1]


_IMPORTED_PROVIDER = re.compile(r"^\s*(?:from|import)\s+(cdktf_cdktf_provider_\w+)", re.MULTILINE)


def imported_providers(project: ProjectContext) -> frozenset[str]:
    """The prebuilt provider distributions the project's Python code imports (`cdktf-cdktf-provider-aws`)."""
    return project.derived("upgrade_cdktf.imported", _imported_providers)


def _imported_providers(project: ProjectContext) -> frozenset[str]:
    found = set()
    for path in iter_python_files(project.root):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(normalize(name) for name in _IMPORTED_PROVIDER.findall(text))
    return frozenset(found)


@dataclass(frozen=True)
class OldUse:
    """One place a file names a class of an old provider release.

    `node` is the `ec2.Instance` attribute of a module use, or the ImportAlias of a class imported by name
    (`from ... import AwsProvider`, `from ...ec2 import Instance`); `binding` is then the import statement
    and alias that bind the module a use goes through (to drop once unused)."""

    node: cst.CSTNode
    map: NameMap
    module: str  # the old module ("" for the package root)
    name: str
    statement: cst.Import | cst.ImportFrom
    alias: cst.ImportAlias

    @property
    def old(self) -> str:
        return f"{self.module}.{self.name}" if self.module else self.name

    @property
    def by_import(self) -> bool:
        return self.node is self.alias


class _Attributes(cst.CSTVisitor):
    """Which Attribute nodes have a given node as their value (one traversal per file)."""

    def __init__(self) -> None:
        self.of: dict[int, list[cst.Attribute]] = {}
        self.order: dict[int, int] = {}

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.of.setdefault(id(node.value), []).append(node)
        self.order[id(node)] = len(self.order)


@dataclass
class FileUses:
    uses: list[OldUse]  # every use of an old provider class, in source order
    used_otherwise: set[cst.ImportAlias]  # module bindings also used otherwise (passed on, `ec2.x` naming no class)
    unused: dict[cst.ImportAlias, tuple[NameMap, str]]  # module bindings nothing reads -> (map, old module)
    stars: list[tuple[cst.ImportFrom, NameMap, str]]  # `from <old module> import *` -> (map, old module)


def old_uses(module: cst.Module, context: FileContext, maps: dict[str, NameMap]) -> FileUses:
    """Where the file names classes of an old provider release through its imports (see FileUses).
    Scope-aware: a use counts only when the name it goes through is the one the import binds (a parameter
    `rds` shadowing the `rds` module is left alone)."""
    uses: list[OldUse] = []
    other_uses: set[cst.ImportAlias] = set()
    unused: dict[cst.ImportAlias, tuple[NameMap, str]] = {}
    stars: list[tuple[cst.ImportFrom, NameMap, str]] = []
    attributes: _Attributes | None = None

    def attributes_of(node: cst.CSTNode) -> list[cst.Attribute]:
        nonlocal attributes
        if attributes is None:
            attributes = _Attributes()
            visit_read_only(module, attributes)
        return attributes.of.get(id(node), [])

    def references(statement: cst.CSTNode, bound: str) -> list[cst.CSTNode]:
        scope = context.metadata(ScopeProvider).get(statement)
        if scope is None:
            return []
        return [ref.node for assignment in scope.assignments[bound]
                if getattr(assignment, "node", None) is statement for ref in assignment.references]

    def through(statement, alias, name_map: NameMap, module_name: str | None, nodes: list[cst.CSTNode]) -> None:
        """Uses `binding.Class` of a binding of an old module (`module_name`), or of the package itself
        (`module_name` None: `aws.ec2.Instance`, `aws.AwsProvider`)."""
        def use(node: cst.Attribute, module_name: str) -> None:
            name = node.attr.value
            if name_map.lookup(module_name, name) or name_map.is_removed(module_name, name):
                uses.append(OldUse(node, name_map, module_name, name, statement, alias))
            else:
                other_uses.add(alias)

        if not nodes and module_name:
            unused[alias] = (name_map, module_name)
        for node in nodes:
            found = attributes_of(node)
            if not found:
                other_uses.add(alias)
            for attribute in found:
                attr = attribute.attr.value
                if module_name is None and attr in name_map.namespaces:
                    deeper = attributes_of(attribute)
                    if not deeper:
                        other_uses.add(alias)
                    for inner in deeper:
                        use(inner, attr)
                else:
                    use(attribute, module_name or "")

    for statement in statement_imports(module):
        if isinstance(statement, cst.ImportFrom):
            if statement.relative or statement.module is None:
                continue
            dotted = get_full_name_for_node(statement.module) or ""
            package = provider_package(dotted)
            name_map = maps.get(package or "")
            if name_map is None:
                continue
            inner = dotted[len(package) + 1:] if package and dotted != package else ""
            if inner and inner not in name_map.namespaces:
                continue  # a module of the new layout, or one the old release never had
            if isinstance(statement.names, cst.ImportStar):
                stars.append((statement, name_map, inner))
                continue
            for alias in statement.names:
                name = get_full_name_for_node(alias.name) or ""
                if not inner and name in name_map.namespaces:
                    bound = alias.evaluated_alias or name
                    through(statement, alias, name_map, name, references(statement, bound))
                elif name_map.lookup(inner, name) or name_map.is_removed(inner, name):
                    uses.append(OldUse(alias, name_map, inner, name, statement, alias))
        else:
            for alias in statement.names:
                dotted = get_full_name_for_node(alias.name) or ""
                package = provider_package(dotted)
                name_map = maps.get(package or "")
                if name_map is None or package is None:
                    continue
                inner = dotted[len(package) + 1:]
                if inner and inner not in name_map.namespaces:
                    continue
                if alias.asname is not None:
                    through(statement, alias, name_map, inner or None, references(statement, alias.evaluated_alias))
                    continue
                # `import package[.module]` binds the dotted name: its uses are `package.module` nodes
                through(statement, alias, name_map, inner or None, references(statement, dotted))
    order = attributes.order if attributes is not None else {}
    uses.sort(key=lambda use: (0, 0) if use.by_import else (1, order.get(id(use.node), 0)))
    return FileUses(uses, other_uses, unused, stars)


def where(name_map: NameMap, module: str, name: str) -> str:
    """`cdktf_cdktf_provider_aws.instance.Instance`."""
    return f"{name_map.package}.{module}.{name}" if module else f"{name_map.package}.{name}"
