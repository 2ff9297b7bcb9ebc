"""CTB009: `Fn` functions and keyword parameters of old cdktf cores that cdktf 0.21 no longer has (issue 17)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from fixer.core_changes import CORE, fn_changes, next_minor, uses_target
from fixer.rule import Rule
from fixer.types import Applicability, Example, FixAvailability


class CoreFunctionChanges(Rule):
    """
    ## What it does
    Finds calls of `Fn` functions written for an older cdktf core: functions 0.21 no longer has
    (`Fn.parse_int`, `Fn.merge_maps`, `Fn.merge_lists`) and keyword arguments whose parameter was
    renamed (`Fn.join(separator=",", value=items)` is `list=items` since cdktf 0.16; 84 functions renamed
    parameters then, `value` becoming `str`, `list`, `num` or `path`).

    The changes are computed from the jsii assemblies of cdktf 0.9 to 0.20 and of 0.21.0
    (`scripts/make_core_changes.py`), shipped with cdktf-fixer. Findings need the project to use cdktf
    0.21: installed in its environment, pinned to admit it, or unpinned; a project pinning an older core,
    where the old names are right, gets nothing.

    ## Why is this bad?
    The old names fail under cdktf 0.21: "type object 'Fn' has no attribute 'parse_int'" or "got an
    unexpected keyword argument 'value'".

    ## Fix safety
    A renamed keyword is renamed (safe): the parameter is the same at the same position. A removed
    function that rendered the same Terraform function as its replacement (`parse_int` and `parseint`,
    `merge_maps` and `merge`) is renamed with its keywords (safe). `merge_lists` rendered Terraform's
    `merge()`, which takes maps: it is reported with `Fn.concat`, which joins lists, without a fix, as are
    keywords of functions whose parameters changed in number (`setunion`, `setintersection`).

    ## Options
    None.
    """

    code = "CTB009"
    name = "core-function-changes"
    summary = "`Fn` function or keyword parameter an old cdktf core had and cdktf 0.21 does not"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("Fn",)
    cdktf_code_only = True

    INVALID = (
        Example(
            """
            from cdktf import Fn

            port = Fn.parse_int(value="8080", base=10)
            names = Fn.join(separator=",", value=["a", "b"])
            """,
            """
            from cdktf import Fn

            port = Fn.parseint(number="8080", base=10)
            names = Fn.join(separator=",", list=["a", "b"])
            """,
        ),
    )
    VALID = (
        """
        from cdktf import Fn

        names = Fn.join(",", ["a", "b"])
        port = Fn.parseint("8080", 10)
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.fn_names: set[str] = set()  # local names of cdktf's Fn
        self.core_names: set[str] = set()  # local names of the cdktf module itself
        self._judged: bool | None = None

    def _project_uses_target(self) -> bool:
        if self._judged is None:
            self._judged = uses_target(self.context.project.root)
        return self._judged

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            if get_full_name_for_node(alias.name) == CORE:
                self.core_names.add(alias.evaluated_alias or CORE)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or isinstance(node.names, cst.ImportStar) or get_full_name_for_node(node.module) != CORE:
            return
        for alias in node.names:
            if get_full_name_for_node(alias.name) == "Fn":
                self.fn_names.add(alias.evaluated_alias or "Fn")

    def _is_fn(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Name):
            return node.value in self.fn_names
        return (isinstance(node, cst.Attribute) and node.attr.value == "Fn" and isinstance(node.value, cst.Name)
                and node.value.value in self.core_names)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not (isinstance(func, cst.Attribute) and self._is_fn(func.value)):
            return updated_node
        changes = fn_changes()
        name = func.attr.value
        if name not in changes.removed and name not in changes.renamed and name not in changes.reshaped:
            return updated_node
        if not self._project_uses_target():
            return updated_node
        if name in changes.removed:
            return self._removed(original_node, updated_node, name)
        if name in changes.reshaped:
            old, new, until = changes.reshaped[name]
            for arg in original_node.args:
                if arg.keyword is not None and arg.keyword.value not in new:
                    self.report(arg, f"`Fn.{name}` takes ({', '.join(new)}) since cdktf {next_minor(until)}, not "
                                     f"({', '.join(old)}): pass ({', '.join(new)}) instead of `{arg.keyword.value}`")
            return updated_node
        renames, until = changes.renamed[name]
        args = list(updated_node.args)
        changed = False
        for number, arg in enumerate(original_node.args):
            new_keyword = renames.get(arg.keyword.value) if arg.keyword is not None else None
            if new_keyword is None:
                continue
            message = (f"`Fn.{name}` has no parameter `{arg.keyword.value}` since cdktf {next_minor(until)}: "
                       f"it is `{new_keyword}`")
            if self.report(arg, message, Applicability.SAFE):
                args[number] = args[number].with_changes(keyword=cst.Name(new_keyword))
                changed = True
        return updated_node.with_changes(args=args) if changed else updated_node

    def _removed(self, original: cst.Call, updated: cst.Call, name: str) -> cst.Call:
        removed = fn_changes().removed[name]
        since = f"since cdktf {next_minor(removed.until)}"
        func = original.func
        assert isinstance(func, cst.Attribute)
        keywords = {a.keyword.value for a in original.args if a.keyword is not None}
        mapping = removed.parameters
        if mapping is None or not keywords <= set(mapping):
            self.report(func.attr, f"`Fn.{name}` was removed {since}: {removed.why}; write `Fn.{removed.replacement}`")
            return updated
        if not self.report(func.attr, f"`Fn.{name}` was removed {since}: {removed.why}; it is `Fn.{removed.replacement}`",
                           Applicability.SAFE):
            return updated
        args = [a.with_changes(keyword=cst.Name(mapping[a.keyword.value])) if a.keyword is not None else a
                for a in updated.args]
        new_func = updated.func.with_changes(attr=cst.Name(removed.replacement))  # type: ignore[attr-defined]
        return updated.with_changes(func=new_func, args=args)
