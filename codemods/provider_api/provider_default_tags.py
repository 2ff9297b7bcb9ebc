"""CTB003: `AwsProvider(default_tags=...)` given a mapping instead of a list of blocks (catalog B3)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.provider_api.helpers import assigned_value
from fixer.rule import Rule
from fixer.types import Applicability, Example, FixAvailability


def _is_mapping(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Dict) or (
        isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict"
    )


def _is_block(node: cst.BaseExpression) -> bool:
    """A single default_tags block: `{"tags": {...}}` or `AwsProviderDefaultTags(...)`."""
    if isinstance(node, cst.Dict):
        keys = [e.key.evaluated_value for e in node.elements
                if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)]
        return keys == ["tags"]
    if isinstance(node, cst.Call):
        name = get_full_name_for_node(node.func) or ""
        if name.endswith("AwsProviderDefaultTags"):
            return True
        return name == "dict" and [a.keyword.value for a in node.args if a.keyword] == ["tags"]
    return False


class ProviderDefaultTags(Rule):
    """
    ## What it does
    Finds `AwsProvider(default_tags=...)` given a bare mapping (`default_tags={"Env": "prod"}`) or a single
    `tags` block instead of a list of blocks. Lists, and variables whose value is unknown, are left alone.

    ## Why is this bad?
    `default_tags` takes a list of blocks, each with a `tags` mapping. A bare mapping fails at synth with a
    jsii type error.

    ## Fix safety
    The fix is safe: a mapping of tags becomes `[{"tags": <mapping>}]`; a single block (`{"tags": ...}` or
    `AwsProviderDefaultTags(...)`) is put in a list. A variable is followed when it is assigned exactly once
    in the same function (or module), and the call site is rewritten, not the variable, which is often
    reused as resources' `tags=`.

    ## Options
    None.
    """

    code = "CTB003"
    name = "provider-default-tags"
    summary = "`AwsProvider(default_tags=...)` given a mapping instead of a list of `tags` blocks"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("default_tags",)

    INVALID = (
        Example(
            """
            AwsProvider(self, "aws", region="us-east-1", default_tags={"Environment": "prod"})
            """,
            """
            AwsProvider(self, "aws", region="us-east-1", default_tags=[{"tags": {"Environment": "prod"}}])
            """,
        ),
        Example(
            """
            common_tags = {"Project": "payments"}
            AwsProvider(self, "aws", default_tags=common_tags)
            """,
            """
            common_tags = {"Project": "payments"}
            AwsProvider(self, "aws", default_tags=[{"tags": common_tags}])
            """,
        ),
    )
    VALID = (
        """
        AwsProvider(self, "aws", default_tags=[{"tags": {"Environment": "prod"}}])
        AwsProvider(self, "aws", default_tags=[AwsProviderDefaultTags(tags=tags)])
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.module: cst.Module | None = None

    def visit_Module(self, node: cst.Module) -> bool:
        self.module = node
        return True

    def _value_of(self, name: str) -> cst.BaseExpression | None:
        assert self.module is not None
        return assigned_value(self, self.module, name)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if not (get_full_name_for_node(original_node.func) or "").endswith("AwsProvider"):
            return updated_node
        for number, arg in enumerate(original_node.args):
            if arg.keyword is None or arg.keyword.value != "default_tags":
                continue
            value = arg.value
            known = self._value_of(value.value) if isinstance(value, cst.Name) else value
            if known is None or isinstance(known, (cst.List, cst.Tuple)):
                return updated_node
            new_value = updated_node.args[number].value
            if _is_block(known):
                wrapped = cst.List([cst.Element(new_value)])
                message = "`default_tags` takes a list of blocks; put this block in a list"
            elif _is_mapping(known):
                block = cst.Dict([cst.DictElement(cst.SimpleString('"tags"'), new_value)])
                wrapped = cst.List([cst.Element(block)])
                message = "`default_tags` takes a list of blocks, not the tags themselves: `[{\"tags\": ...}]`"
            else:
                return updated_node
            if not self.report(arg, message, Applicability.SAFE):
                return updated_node
            args = list(updated_node.args)
            args[number] = args[number].with_changes(value=wrapped)
            return updated_node.with_changes(args=args)
        return updated_node
