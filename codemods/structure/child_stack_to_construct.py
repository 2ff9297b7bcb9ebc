"""CTA001: a TerraformStack that is only ever created inside another stack becomes a Construct (catalog A1)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.structure import screens
from codemods.structure.helpers import child_stacks
from fixer.rule import Rule
from fixer.statements import callee_name, class_defs
from fixer.types import Applicability, Example, FixAvailability
from fixer.walk import visit_read_only


class ChildStackToConstruct(Rule):
    """
    ## What it does
    Finds a project class deriving from `TerraformStack` that is created only inside another stack or
    construct.

    The whole project decides: the class must be created somewhere, every creation must stand inside a method
    of a stack or construct (with `self`, or that method's `scope`, which CTA002 turns into `self`), and none
    may pass an `App`. A stack built with the App as scope stays a TerraformStack, even when the project has
    several. A nested stack that creates a provider of its own is left alone: it synthesizes as a separate
    configuration, and projects deploy it that way.

    ## Why is this bad?
    In CDKTF every TerraformStack is a separate Terraform configuration with its own state and its own
    provider. A "child stack" created inside the main stack therefore has no AWS provider, and synth fails
    with "Found resources without a matching provider construct ... for the following providers: aws".

    ## Fix safety
    The base class becomes `Construct` (`from constructs import Construct` added, the `TerraformStack` import
    dropped when unused); `super().__init__(scope, construct_id)` stays. The fix is unsafe because on a
    deployed project the resources move from the child's Terraform state into the main stack's: plan a
    `terraform state mv` or an import.

    A backend created inside the child is reported without a fix: the main stack must own it; it is not
    deleted.

    ## Options
    None.
    """

    code = "CTA001"
    name = "child-stack-to-construct"
    summary = "TerraformStack created only inside another stack: it must be a Construct"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.UNSAFE})
    markers = ("TerraformStack",)
    project_wide = True
    uses_project_classes = True

    INVALID = (
        Example(
            """
            from cdktf import App, TerraformStack
            from constructs import Construct


            class VpcStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str):
                    super().__init__(scope, construct_id)


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str):
                    super().__init__(scope, construct_id)
                    VpcStack(self, "vpc")


            TapStack(App(), "tap")
            """,
            """
            from cdktf import App, TerraformStack
            from constructs import Construct


            class VpcStack(Construct):
                def __init__(self, scope: Construct, construct_id: str):
                    super().__init__(scope, construct_id)


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str):
                    super().__init__(scope, construct_id)
                    VpcStack(self, "vpc")


            TapStack(App(), "tap")
            """,
        ),
    )
    VALID = (
        """
        from cdktf import App, TerraformStack


        class NetworkStack(TerraformStack):
            pass


        class DnsStack(TerraformStack):
            pass


        app = App()
        NetworkStack(app, "network")
        DnsStack(app, "dns")
        """,
    )

    screen = staticmethod(screens.child_stack_to_construct)

    def __init__(self, context) -> None:
        super().__init__(context)

    def visit_Module(self, node: cst.Module) -> bool:
        children = child_stacks(self.context.project)
        return any(c.name.value in children for c in class_defs(node))

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        name = original_node.name.value
        if name not in child_stacks(self.context.project):
            return updated_node
        base_index = next(
            (
                i
                for i, arg in enumerate(original_node.bases)
                if (get_full_name_for_node(arg.value) or "").rsplit(".", 1)[-1] == "TerraformStack"
            ),
            None,
        )
        if base_index is None:
            return updated_node
        parents = sorted({s.enclosing_class or "?" for s in self.context.project.sites_of(name)})
        message = (
            f"`{name}` is a TerraformStack but is only created inside {', '.join(f'`{p}`' for p in parents)}: "
            "as a separate stack it has no provider (\"Found resources without a matching provider construct\"); "
            "make it a Construct. Unsafe on a deployed project: its resources move into the parent stack's "
            "Terraform state (plan `terraform state mv`)"
        )
        for provider, call in _provider_calls(original_node):
            self.report(
                call,
                f"`{provider}` is created inside `{name}`, which belongs inside another stack: the main stack must "
                "own providers and backends; remove it here once the main stack has one",
                Applicability.NONE,
            )
        if not self.report(original_node.bases[base_index], message, Applicability.UNSAFE):
            return updated_node
        self.context.add_import("constructs", "Construct")
        self.context.remove_import_if_unused(self.context.core_module, "TerraformStack")
        bases = list(updated_node.bases)
        bases[base_index] = bases[base_index].with_changes(value=cst.Name("Construct"))
        return updated_node.with_changes(bases=bases)


def _provider_calls(node: cst.ClassDef) -> list[tuple[str, cst.Call]]:
    finder = _ProviderFinder()
    visit_read_only(node, finder)
    return finder.found


class _ProviderFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[str, cst.Call]] = []

    def visit_Call(self, node: cst.Call) -> None:
        name = callee_name(node)
        if name.endswith(("Provider", "Backend")) and name[:1].isupper():
            self.found.append((name, node))
