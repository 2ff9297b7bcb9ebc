"""CTA003: `id` as a construct's __init__ parameter, renamed to `construct_id` (catalog A3)."""

from __future__ import annotations

import re

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.structure import screens
from codemods.structure.helpers import construct_id_keyword_target
from fixer.project import (
    CONSTRUCT_BASES,
    ID_KEPT,
    id_kept_by_comment,
    takes_construct_id,
)
from fixer.rule import Rule
from fixer.statements import class_defs
from fixer.types import Applicability, Example, FixAvailability
from fixer.walk import visit_read_only

NEW_NAME = "construct_id"
ID_KEYWORD = re.compile(r"[(,]\s*id\s*=")


def _base_names(node: cst.ClassDef) -> tuple[str, ...]:
    names = []
    for base in node.bases:
        if base.keyword is None:
            full = get_full_name_for_node(base.value)
            if full:
                names.append(full.rsplit(".", 1)[-1])
    return tuple(names)


LIBRARY_NOTE = (" (unsafe: `{}` is importable from this project's distribution, and callers outside the "
                "repository that pass `id=` would break)")


class ConstructIdParameter(Rule):
    """
    ## What it does
    Finds a stack or construct (a class deriving, directly or through project classes, from `Construct` or
    `TerraformStack`) whose `__init__` takes a parameter named `id`.

    Untouched: other `id`s (`vpc.id`, `vpc_id=vpc.id`, locals of other functions), and the `id=` keyword of
    library classes (`TerraformStack.__init__(self, scope, id=...)` keeps it).

    ## Why is this bad?
    `id` shadows the builtin, which fails the lint gate of most CDKTF pipelines: ruff/flake8-builtins A002
    always, pylint W0622 when pylint cannot resolve the `constructs` base class (with it installed, pylint
    exempts overrides whose parent already names the parameter `id`). The CDKTF convention is
    `construct_id`.

    ## Fix safety
    In `__init__`, the parameter and every use of it are renamed with LibCST's scope analysis, and `id=`
    keywords in calls of those project classes anywhere in the project become `construct_id=`.

    The fix is safe in an app, and unsafe in a library, where the project is packaged by pyproject.toml's
    `[project]`/`[tool.poetry]` or setup.py and the class is importable from it, since keyword callers
    outside the repository would break.

    Reported without a fix: `construct_id` is already used inside that `__init__`.

    ## Options
    None.
    """

    code = "CTA003"
    name = "construct-id-parameter"
    summary = "Stack/construct `__init__` parameter named `id` shadows the builtin; use `construct_id`"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = ("Construct", "Stack")
    project_wide = True
    uses_project_classes = True

    VALID = (
        """
        class Network(Construct):
            def __init__(self, scope, construct_id):
                super().__init__(scope, construct_id)
                Subnet(self, "a", vpc_id=vpc.id)
        """,
    )
    INVALID = (
        Example(
            """
            from cdktf import App, TerraformStack
            from constructs import Construct


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, id: str, **kwargs):
                    super().__init__(scope, id)


            TapStack(App(), id="tap")
            """,
            """
            from cdktf import App, TerraformStack
            from constructs import Construct


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str, **kwargs):
                    super().__init__(scope, construct_id)


            TapStack(App(), construct_id="tap")
            """,
        ),
    )

    screen = staticmethod(screens.construct_id_parameter)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.renames: set[cst.Name] = set()  # Name nodes (params and their uses) to rename
        self.keywords: set[cst.Arg] = set()
        self.local_bases: dict[str, tuple[str, ...]] = {}
        self.local_inits: dict[str, tuple[tuple[str, ...], bool]] = {}

    def visit_Module(self, node: cst.Module) -> bool:
        for class_def in class_defs(node):
            self.local_bases[class_def.name.value] = _base_names(class_def)
            init = next((f for f in _direct_methods(class_def) if f.name.value == "__init__"), None)
            if init is not None:
                p = init.params
                every = (*p.posonly_params, *p.params, *p.kwonly_params)
                params = tuple(x.name.value for x in every)
                id_param = next((x for x in every if x.name.value == "id"), None)
                kept = id_param is not None and (self._mentions_new_name(init) or self._lint_disabled_for(init, id_param))
                self.local_inits[class_def.name.value] = (params, kept)
        # Only a construct's `id` parameter or an `id=` keyword can be wrong; otherwise skip the traversal.
        has_parameter = any(
            "id" in params and self._is_construct(name) for name, (params, _) in self.local_inits.items()
        )
        return has_parameter or bool(ID_KEYWORD.search(node.code if self.context.source is None else self.context.source))

    def _is_construct(self, class_name: str) -> bool:
        return self.context.project.is_construct_class(class_name, self.local_bases)

    # --- the parameter ------------------------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if node.name.value != "__init__" or not self.context.classes:
            return
        owner = self.context.classes[-1]
        if node not in _direct_methods(owner) or not any(self._is_construct(b) for b in _base_names(owner)):
            return
        params = [*node.params.posonly_params, *node.params.params, *node.params.kwonly_params]
        param = next((p for p in params if p.name.value == "id"), None)
        if param is None:
            return
        if self._lint_disabled_for(node, param):
            return
        if self._mentions_new_name(node):
            self.report(
                param,
                f"`id` shadows the builtin in `{owner.name.value}.__init__`, and `{NEW_NAME}` is already used"
                " there; rename by hand",
                Applicability.NONE,
            )
            return
        message = (f"`{owner.name.value}.__init__` parameter `id` shadows the builtin (ruff A002, pylint W0622); "
                   f"the CDKTF convention is `{NEW_NAME}`")
        fix = self._fix_for(owner.name.value)
        if fix is Applicability.UNSAFE:
            message += LIBRARY_NOTE.format(owner.name.value)
        if not self.report(param, message, fix):
            return
        # Scope analysis only to apply the rename (a check never needs it), and of this function only: the
        # whole file's costs seconds in a generated module of thousands of lines.
        scope = self.context.scopes_of_function(node).get(node.body)
        if scope is None:
            return
        for assignment in scope.assignments["id"]:
            if assignment.scope is not scope:
                continue
            target = assignment.node
            self.renames.add(target.name if isinstance(target, cst.Param) else target)
            for reference in assignment.references:
                if isinstance(reference.node, cst.Name):
                    self.renames.add(reference.node)

    def _mentions_new_name(self, function: cst.FunctionDef) -> bool:
        return self.context.may_hold(NEW_NAME) and _mentions(function, NEW_NAME)

    def _lint_disabled_for(self, function: cst.FunctionDef, param: cst.Param) -> bool:
        """The author silenced the lint gate for this parameter (`# pylint: disable=redefined-builtin`,
        `# noqa: A002`) on the `def` line or the parameter's line: a decision, not an oversight. The
        project facts read the same comments, so callers' `id=` keywords are left alone too."""
        lines = self._commented_lines()
        if not lines:  # no line of the file can keep `id`: no position to find
            return False
        ranges = self.context.positions([function, param])
        return id_kept_by_comment(lines, (ranges[function].start.line, ranges[param].start.line))

    def _commented_lines(self) -> list[str]:
        """The lines of the tree this rule runs on, or none when no line has a comment that keeps `id`
        (a line that matches ID_KEPT matches it within the whole text too); once per tree."""
        module = self.context.wrapper.module if self.context.wrapper else None
        if module is None:
            return []

        def lines(_: cst.Module) -> list[str]:
            code = self.context.code()
            return code.splitlines() if ID_KEPT.search(code) else []

        return self.per_node(module, lines)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if original_node in self.renames:
            return updated_node.with_changes(value=NEW_NAME)
        return updated_node

    # --- call sites ---------------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        keyword = next((a for a in node.args if a.keyword is not None and a.keyword.value == "id"), None)
        if keyword is None:
            return
        callee = self._callee_class(node)
        if callee is None or not self._takes_construct_id(callee):
            return
        fix = self._fix_for(callee)
        message = f"`{callee}` takes `{NEW_NAME}`, not `id`" + (LIBRARY_NOTE.format(callee) if fix is Applicability.UNSAFE else "")
        if self.report(keyword, message, fix):
            self.keywords.add(keyword)

    def _fix_for(self, class_name: str) -> Applicability:
        """Safe in an app; unsafe where the class is part of a distributable library's API, whose users may
        pass `id=` from outside the repository. A class's parameter and its callers' keywords get the same
        answer, so `fix` never renames one without the other."""
        project = self.context.project
        paths = [self.context.path] if class_name in self.local_inits else [i.path for i in project.classes.get(class_name, [])]
        return Applicability.UNSAFE if any(project.is_library_module(p) for p in paths) else Applicability.SAFE

    def _takes_construct_id(self, class_name: str) -> bool:
        """Whether `class_name(..., id=...)` must say `construct_id=`. A class defined in this file is
        judged from its own __init__ (the file may lie outside any project the index has seen)."""
        local = self.local_inits.get(class_name)
        if local is None:
            return construct_id_keyword_target(self.context.project, class_name)
        if not self._is_construct(class_name):
            return False
        params, taken = local
        return takes_construct_id(params, taken)

    def _callee_class(self, node: cst.Call) -> str | None:
        func = node.func
        # super().__init__(..., id=...) inside a subclass of a project construct
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "__init__"
            and isinstance(func.value, cst.Call)
            and get_full_name_for_node(func.value.func) == "super"
            and self.context.classes
        ):
            bases = [b for b in _base_names(self.context.classes[-1]) if b not in CONSTRUCT_BASES]
            return bases[0] if bases else None
        full = get_full_name_for_node(func)
        return full.rsplit(".", 1)[-1] if full else None

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        if original_node in self.keywords and updated_node.keyword is not None:
            return updated_node.with_changes(keyword=updated_node.keyword.with_changes(value=NEW_NAME))
        return updated_node


def _direct_methods(node: cst.ClassDef) -> list[cst.FunctionDef]:
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    return [s for s in body if isinstance(s, cst.FunctionDef)]


def _mentions(function: cst.FunctionDef, name: str) -> bool:
    """Whether any Name node in the function (parameters and nested scopes included) is `name`. The
    project index (fixer.project) applies the same test, so call sites and definitions agree."""
    finder = _NameFinder(name)
    visit_read_only(function, finder)
    return finder.found


class _NameFinder(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        self.name = name
        self.found = False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.found = True
