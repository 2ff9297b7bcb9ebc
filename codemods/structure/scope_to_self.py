"""CTA002: a child construct created with the parent's `scope` instead of `self` (catalog A2)."""

from __future__ import annotations

import libcst as cst

from codemods.structure import screens
from codemods.structure.helpers import children_from_scope, is_child_class
from fixer.rule import Rule
from fixer.statements import callee_name
from fixer.types import Applicability, Example, FixAvailability


class ScopeToSelf(Rule):
    """
    ## What it does
    Finds a project construct created inside a stack's or construct's `__init__` with the `scope` it was
    given: the call stands in `__init__` of a stack or construct, its first argument is that `__init__`'s
    scope parameter, and the callee is a project class that belongs inside a stack (a Construct subclass, or
    a TerraformStack that CTA001 turns into one).

    A TerraformStack that is also built with the App as scope elsewhere is a real top-level stack, and
    creating it from the app scope is left alone.

    ## Why is this bad?
    `VpcStack(scope, "vpc")` inside `TapStack.__init__` attaches the child to the App, not to the stack: it
    lands outside the stack (or becomes a stack of its own) and loses the stack's provider.

    ## Fix safety
    The fix is safe: the first argument becomes `self`.

    ## Options
    None.
    """

    code = "CTA002"
    name = "scope-to-self"
    summary = "Child construct created with the parent's `scope` instead of `self`"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("Construct", "Stack")
    project_wide = True
    uses_project_classes = True

    INVALID = (
        Example(
            """
            from cdktf import App, TerraformStack
            from constructs import Construct


            class Network(Construct):
                pass


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str):
                    super().__init__(scope, construct_id)
                    Network(scope, "network")


            TapStack(App(), "tap")
            """,
            """
            from cdktf import App, TerraformStack
            from constructs import Construct


            class Network(Construct):
                pass


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str):
                    super().__init__(scope, construct_id)
                    Network(self, "network")


            TapStack(App(), "tap")
            """,
        ),
    )
    VALID = (
        """
        from cdktf import TerraformStack


        class TapStack(TerraformStack):
            def __init__(self, scope, construct_id):
                super().__init__(scope, construct_id)
        """,
    )

    screen = staticmethod(screens.scope_to_self)

    def visit_Module(self, node: cst.Module) -> bool:
        return children_from_scope(self.context.project, self.context.path)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if not self.context.classes or not self.context.functions or self.context.functions[-1].name.value != "__init__":
            return updated_node
        project = self.context.project
        callee = callee_name(original_node)
        owner = self.context.classes[-1].name.value
        if not is_child_class(project, callee) or not project.is_construct_class(owner):
            return updated_node
        params = self.context.functions[-1].params.params
        if len(params) < 2 or not original_node.args or original_node.args[0].keyword is not None:
            return updated_node
        scope_name = params[1].name.value
        first = original_node.args[0].value
        if not (isinstance(first, cst.Name) and first.value == scope_name):
            return updated_node
        message = (
            f"`{callee}` is created with `{scope_name}`, which attaches it to the parent of `{owner}` "
            f"(the App) instead of `{owner}`; pass `self`"
        )
        if not self.report(original_node.args[0], message, Applicability.SAFE):
            return updated_node
        args = list(updated_node.args)
        args[0] = args[0].with_changes(value=cst.Name("self"))
        return updated_node.with_changes(args=args)
