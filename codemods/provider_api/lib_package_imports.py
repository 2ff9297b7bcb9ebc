"""CTB005: project modules under lib/ imported without the `lib.` package (catalog B5)."""

from __future__ import annotations

import importlib.util

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import ScopeProvider

from codemods.provider_api import screens
from codemods.provider_api.screens import PACKAGE
from fixer.rule import Rule
from fixer.statements import dotted_name, statement_imports
from fixer.types import Applicability, Example, FixAvailability


class LibPackageImports(Rule):
    """
    ## What it does
    Finds a project module under `lib/` imported as if `lib/` were on the path: `from stacks.vpc_stack import
    VpcStack` where the file is `lib/stacks/vpc_stack.py`. Only when the module does not exist at the root,
    does exist under `lib/`, is not an installed package, and (for `from` imports) defines every imported
    name: a project folder `lib/constructs/` never captures `from constructs import Construct`.

    Left alone: relative imports, files that edit `sys.path` themselves, and projects whose entry runs inside
    lib/ (cdktf.json `"app": "python lib/main.py"`), where `stacks.vpc_stack` is the right name.

    ## Why is this bad?
    The entry (`tap.py`, `main.py`) runs from the project root, where only `lib` is importable, so synth fails
    with `ModuleNotFoundError: No module named 'stacks'`.

    ## Fix safety
    The fix is safe: the module becomes `lib.stacks.vpc_stack`, in `from` imports and in `import` statements
    (with every `stacks.vpc_stack.X` use), and only under the conditions above.

    ## Options
    None.
    """

    code = "CTB005"
    name = "lib-package-imports"
    summary = "Module under lib/ imported without the `lib.` prefix"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("import",)
    project_wide = True
    uses_project_classes = True

    INVALID = (
        Example(
            "from stacks.vpc_stack import VpcStack\n",
            "from lib.stacks.vpc_stack import VpcStack\n",
            files=(("cdktf.json", "{}"), ("lib/stacks/vpc_stack.py", "class VpcStack:\n    pass\n")),
        ),
    )
    VALID = (
        "from lib.stacks.vpc_stack import VpcStack\nfrom .network import Network\nfrom constructs import Construct\n",
    )

    screen = staticmethod(screens.lib_package_imports)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.modules: dict[cst.CSTNode, str] = {}  # ImportFrom or ImportAlias -> new module name
        self.references: dict[cst.Attribute, str] = {}

    def _under_lib(self, module: str, names: list[str] | None) -> bool:
        project = self.context.project
        top = module.split(".")[0]
        if top == PACKAGE or module in project.local_modules or top in project.local_modules:
            return False
        target = f"{PACKAGE}.{module}"
        if target not in project.local_modules:
            return False
        if names is not None:
            defined = project.names_in_module(target) or frozenset()
            if not all(n in defined or f"{target}.{n}" in project.local_modules for n in names):
                return False
        return importlib.util.find_spec(top) is None

    def visit_Module(self, node: cst.Module) -> bool:
        for statement in statement_imports(node):
            if isinstance(statement, cst.ImportFrom):
                if statement.relative or statement.module is None:
                    continue
                module = get_full_name_for_node(statement.module) or ""
                names = None if isinstance(statement.names, cst.ImportStar) else [
                    get_full_name_for_node(a.name) or "" for a in statement.names
                ]
                if self._under_lib(module, names):
                    self.modules[statement] = f"{PACKAGE}.{module}"
            else:
                for alias in statement.names:
                    module = get_full_name_for_node(alias.name) or ""
                    if self._under_lib(module, None):
                        self.modules[alias] = f"{PACKAGE}.{module}"
        return bool(self.modules)

    def _message(self, module: str) -> str:
        return (
            f"`{module[len(PACKAGE) + 1:]}` is `{module}`: it lives in {PACKAGE}/ and the entry runs from the project "
            f"root (ModuleNotFoundError)"
        )

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        module = self.modules.get(original_node)
        if module is None or not self.report(original_node, self._message(module), Applicability.SAFE):
            return updated_node
        return updated_node.with_changes(module=dotted_name(module))

    def visit_Import(self, node: cst.Import) -> None:
        scope = None
        for alias in node.names:
            module = self.modules.get(alias)
            if module is None or alias.asname is not None:
                continue
            scope = scope or self.context.metadata(ScopeProvider).get(node)
            old = module[len(PACKAGE) + 1 :]
            for assignment in scope.assignments[old] if scope else ():
                if getattr(assignment, "node", None) is node:
                    for reference in assignment.references:
                        if isinstance(reference.node, cst.Attribute):
                            self.references[reference.node] = module

    def leave_ImportAlias(self, original_node: cst.ImportAlias, updated_node: cst.ImportAlias) -> cst.ImportAlias:
        module = self.modules.get(original_node)
        if module is None or not self.report(original_node, self._message(module), Applicability.SAFE):
            self.references = {k: v for k, v in self.references.items() if v != module}
            return updated_node
        return updated_node.with_changes(name=dotted_name(module))

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        module = self.references.get(original_node)
        if module is None:
            return updated_node
        return dotted_name(module).with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
