"""CTA004: the main stack does not take the `environment_suffix` its children need (catalog A4, F4)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from codemods.structure import screens
from codemods.structure.helpers import SuffixPlan, calls_here, plans_here
from fixer.project import SUFFIX
from fixer.rule import Rule, is_test_path
from fixer.statements import callee_name
from fixer.types import Applicability, Example, FixAvailability


class EnvironmentSuffix(Rule):
    """
    ## What it does
    Finds a main stack whose `__init__` lacks `environment_suffix` while the constructs it creates require
    one, or while its own body uses it (in names, tags, or to pass on).

    ## Why is this bad?
    Every physical name must carry the environment suffix so two environments never collide. When the stack
    the entry builds does not take it, its children are created without it and synth fails with
    `TypeError: ... missing 1 required positional argument: 'environment_suffix'`, and a body that uses it
    fails at synth with `NameError`. The tests that call `TapStack(app, "TestStack")` fail the same way once
    the stack takes it.

    ## Fix safety
    `environment_suffix: str` is added to the main stack's `__init__` (before the parameters with defaults)
    and passed to every child that needs it; every call of the main stack in the project that omits it
    passes it: the entry the variable it already reads from `ENVIRONMENT_SUFFIX`, tests
    `environment_suffix="test"`.

    The fix is safe in a CDKTF app (a folder with cdktf.json: nothing outside it builds the stack), and
    unsafe otherwise, because callers outside the project would have to pass it too.

    Reported, not changed: a call that passes arguments positionally where the parameter would go, and a call
    site with no suffix to pass.

    ## Options
    None.
    """

    code = "CTA004"
    name = "environment-suffix"
    summary = "Main stack lacks the `environment_suffix` parameter its body, children and callers need"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = ("Stack", "Construct")
    project_wide = True
    uses_project_classes = True

    INVALID = (
        Example(
            """
            import os

            from cdktf import App, TerraformStack
            from constructs import Construct


            class Network(Construct):
                def __init__(self, scope, construct_id, environment_suffix: str):
                    super().__init__(scope, construct_id)


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str):
                    super().__init__(scope, construct_id)
                    Network(self, "network")


            environment_suffix = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
            app = App()
            TapStack(app, "tap")
            """,
            """
            import os

            from cdktf import App, TerraformStack
            from constructs import Construct


            class Network(Construct):
                def __init__(self, scope, construct_id, environment_suffix: str):
                    super().__init__(scope, construct_id)


            class TapStack(TerraformStack):
                def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
                    super().__init__(scope, construct_id)
                    Network(self, "network", environment_suffix=environment_suffix)


            environment_suffix = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
            app = App()
            TapStack(app, "tap", environment_suffix=environment_suffix)
            """,
        ),
    )
    VALID = (
        """
        from cdktf import App, TerraformStack


        class TapStack(TerraformStack):
            def __init__(self, scope, construct_id, environment_suffix: str = "dev"):
                super().__init__(scope, construct_id)


        TapStack(App(), "tap")
        """,
    )

    screen = staticmethod(screens.environment_suffix)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.here = Path(context.path).resolve()
        self.main_here = plans_here(context.project, context.path)
        # (callee, line) of each call in this file the plans name: the children, then the main stack's callers
        self.calls = calls_here(context.project, context.path)
        self.callees = {callee for callee, _ in self.calls}

    def visit_Module(self, node: cst.Module) -> bool:
        return bool(self.main_here or self.calls)

    @property
    def _fix(self) -> Applicability:
        return Applicability.SAFE if self.context.project.has_cdktf_json else Applicability.UNSAFE

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        classes = self.context.classes
        plan = self.main_here.get(classes[-1].name.value) if classes else None
        if plan is None or original_node.name.value != "__init__":
            return updated_node
        needs = sorted({s.callee for s in plan.children})
        if needs:
            message = (
                f"`{plan.main}.__init__` has no `{SUFFIX}`, but {', '.join(f'`{n}`' for n in needs)} require one; "
                f"add it and pass it on"
            )
        else:
            message = (f"`{plan.main}.__init__` uses `{SUFFIX}` without taking it (NameError at synth); add the "
                       f"parameter and pass it from the callers")
        if plan.conflict:
            self.report(original_node.params, message + " (a call passes arguments positionally where it would go: "
                        "change by hand)", Applicability.NONE)
            return updated_node
        fix = self._fix
        if fix is Applicability.UNSAFE:
            message += " (unsafe: no cdktf.json, so callers outside this folder would have to pass it too)"
        if not self.report(original_node.params, message, fix):
            return updated_node
        return updated_node.with_changes(params=_insert_parameter(updated_node.params, plan.insert_at))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        callee = callee_name(original_node)
        if callee not in self.callees:  # the position is asked only of calls the plans may name
            return updated_node
        line = self.context.starts([original_node])[original_node].line
        found = self.calls.get((callee, line))
        if found is None:
            return updated_node
        plan, is_child = found
        if is_child:
            return self._pass(original_node, updated_node, plan, cst.Name(SUFFIX),
                              f"`{callee}` requires `{SUFFIX}`; pass the stack's")
        value = self._value_at_call_site(self.here)
        if value is None:
            self.report(original_node, f"`{plan.main}` will take `{SUFFIX}`: pass it here", Applicability.NONE)
            return updated_node
        return self._pass(original_node, updated_node, plan, value, f"`{plan.main}` will take `{SUFFIX}`: pass it here")

    def _pass(self, original: cst.Call, updated: cst.Call, plan: SuffixPlan, value, message: str) -> cst.Call:
        if plan.conflict:
            self.report(original, message, Applicability.NONE)
            return updated
        if not self.report(original, message, self._fix):
            return updated
        return _appendkeyword_arg(updated, SUFFIX, value)

    def _value_at_call_site(self, path: Path) -> cst.BaseExpression | None:
        variable = self.context.project.suffix_variables.get(path)
        if variable:
            return cst.Name(variable)
        if is_test_path(path, self.context.project.root):
            return cst.SimpleString('"test"')
        return None


def _insert_parameter(params: cst.Parameters, index: int) -> cst.Parameters:
    """Insert `environment_suffix: str` at `index` (>= 1) of the positional parameters, in their layout."""
    existing = list(params.params)
    new = cst.Param(name=cst.Name(SUFFIX), annotation=cst.Annotation(cst.Name("str")))
    before = existing[index - 1]
    followed = (
        index < len(existing)
        or params.star_arg is not cst.MaybeSentinel.DEFAULT
        or bool(params.kwonly_params)
        or params.star_kwarg is not None
    )
    if followed:
        new = new.with_changes(comma=before.comma)  # same separator as between the parameters around it
    elif isinstance(before.comma, cst.Comma):
        # last parameter with a trailing comma: the new one ends the list, `before` takes the separator
        separator = existing[index - 2].comma if index >= 2 else before.comma
        new = new.with_changes(comma=before.comma)
        existing[index - 1] = before.with_changes(comma=separator)
    else:
        existing[index - 1] = before.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    existing.insert(index, new)
    return params.with_changes(params=existing)


def _appendkeyword_arg(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    args = list(call.args)
    new = cst.Arg(
        value=value,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    if not args:
        return call.with_changes(args=[new])
    last = args[-1]
    if isinstance(last.comma, cst.Comma):
        # trailing comma (usually one argument per line): the new argument takes the layout of the last one
        separator = args[-2].comma if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) else last.comma
        args[-1] = last.with_changes(comma=separator)
        new = new.with_changes(comma=last.comma)
    else:
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    args.append(new)
    return call.with_changes(args=args)
