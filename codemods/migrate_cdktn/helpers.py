"""What the migration rules share: which providers keep a project from migrating whole, and the rewrite
of module names in imports and in the uses of `import cdktf`-style bindings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import ScopeProvider

from fixer import cdktn
from fixer.dependency_files import DEPENDENCY_FILES
from fixer.discovery import iter_python_files
from fixer.rule import Rule
from fixer.statements import dotted_name, statement_imports
from fixer.types import Applicability

if TYPE_CHECKING:
    from fixer.project import ProjectContext

# what applies the fixes that are unsafe only because the migration is partial (a provider has no cdktn package)
PARTIAL_OPTION = "--allow-partial"
_IMPORTED_PROVIDER = re.compile(r"^\s*(?:from|import)\s+cdktf_cdktf_provider_(\w+)", re.MULTILINE)
_DECLARED_PROVIDER = re.compile(r"cdktf[-_.]cdktf[-_.]provider[-_.]([A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9])", re.IGNORECASE)


def providers_without_package(project: ProjectContext) -> tuple[str, ...]:
    """The providers the project imports or declares that CDK Terrain publishes no package for. While
    there is one, the migration is partial: its fixes are offered as unsafe (`--allow-partial`)."""
    return project.derived("migrate_cdktn.missing", _missing)


def _missing(project: ProjectContext) -> tuple[str, ...]:
    found: set[str] = set()
    for path in iter_python_files(project.root):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "cdktf_cdktf_provider_" in text:
            found.update(cdktn.normalize(name) for name in _IMPORTED_PROVIDER.findall(text))
    for pattern in DEPENDENCY_FILES:
        for path in project.root.glob(pattern):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            found.update(cdktn.normalize(name) for name in _DECLARED_PROVIDER.findall(text))
    return tuple(sorted(name for name in found if not cdktn.has_cdktn_package(name)))


def migration_fix(project: ProjectContext) -> Applicability:
    """SAFE when the whole project can move; UNSAFE (applied with --allow-partial) when a provider has
    no cdktn package: half a migration mixes cdktf and cdktn classes until its bindings are generated."""
    return Applicability.UNSAFE if providers_without_package(project) else Applicability.SAFE


def partial_note(project: ProjectContext) -> str:
    missing = providers_without_package(project)
    if not missing:
        return ""
    return (f" (left for now: the project also uses {', '.join(missing)}, which has no cdktn package; "
            f"--allow-partial migrates the rest)")


class ModuleRenames(Rule):
    """Renames the modules `new_name` answers for, in `import`/`from` statements and, for `import m`
    without an alias, in every use of the name it binds (`cdktf.Fn.join(...)`). Strings and comments are
    never touched: only import statements and the Name nodes scope analysis ties to them change."""

    unsafe_option = PARTIAL_OPTION

    def handles(self, module: str) -> bool:
        raise NotImplementedError

    def moved_message(self, module: str, new: str) -> str:
        raise NotImplementedError

    def unmoved_message(self, module: str) -> str:
        raise NotImplementedError

    def __init__(self, context) -> None:
        super().__init__(context)
        self.modules: dict[cst.CSTNode, str] = {}  # ImportFrom or ImportAlias -> its new module
        self.names: dict[cst.Name, str] = {}  # the uses of an `import m` binding -> the new top name

    def visit_Module(self, node: cst.Module) -> bool:
        fix = migration_fix(self.context.project)
        note = partial_note(self.context.project)
        for statement in statement_imports(node):
            if isinstance(statement, cst.ImportFrom):
                if statement.relative or statement.module is None:
                    continue
                module = get_full_name_for_node(statement.module) or ""
                if self.handles(module):
                    self._judge(statement, statement, module, fix, note)
            else:
                for alias in statement.names:
                    module = get_full_name_for_node(alias.name) or ""
                    if self.handles(module):
                        self._judge(statement, alias, module, fix, note)
        return bool(self.modules)

    def _judge(self, statement: cst.Import | cst.ImportFrom, node: cst.CSTNode, module: str,
               fix: Applicability, note: str) -> None:
        new = cdktn.new_module(module)
        if new is None:
            self.report(node, self.unmoved_message(module))
            return
        if not self.report(node, self.moved_message(module, new) + (note if fix is Applicability.UNSAFE else ""), fix):
            return
        self.modules[node] = new
        if isinstance(node, cst.ImportAlias) and node.asname is None:
            self._uses(statement, module.split(".")[0], new.split(".")[0])

    def _uses(self, statement: cst.Import, old: str, new: str) -> None:
        """The Name nodes that read what `import old[.sub]` binds: each becomes `new`."""
        scope = self.context.metadata(ScopeProvider).get(statement)
        if scope is None:
            return
        for assignment in scope.assignments:
            if getattr(assignment, "node", None) is not statement:
                continue
            for reference in assignment.references:
                root = reference.node
                while isinstance(root, cst.Attribute):
                    root = root.value
                if isinstance(root, cst.Name) and root.value == old:
                    self.names[root] = new

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        new = self.modules.get(original_node)
        return updated_node if new is None else updated_node.with_changes(module=dotted_name(new))

    def leave_ImportAlias(self, original_node: cst.ImportAlias, updated_node: cst.ImportAlias) -> cst.ImportAlias:
        new = self.modules.get(original_node)
        return updated_node if new is None else updated_node.with_changes(name=dotted_name(new))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new = self.names.get(original_node)
        return updated_node if new is None else updated_node.with_changes(value=new)
