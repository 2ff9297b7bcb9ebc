"""CTF002: a VPC without flow logs; a provider without cost-allocation default tags (catalog F2).
Advisory: off by default, never fixed."""

from __future__ import annotations

import libcst as cst

from fixer.rule import Rule
from fixer.statements import callee_name
from fixer.types import Example, FixAvailability

COST_TAGS = ("Project", "CostCenter", "Owner")


def _tag_keys(node: cst.BaseExpression) -> set[str] | None:
    """Literal keys of `default_tags=[{"tags": {...}}]` (or the plain mapping CTB003 fixes); None when
    the tags are computed and cannot be read."""
    if isinstance(node, cst.List) and len(node.elements) == 1:
        node = node.elements[0].value
    if isinstance(node, cst.Dict):
        keys = {e.key.evaluated_value: e.value for e in node.elements
                if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)}
        if set(keys) == {"tags"}:
            node = keys["tags"]
        if isinstance(node, cst.Dict):
            if any(not isinstance(e, cst.DictElement) or not isinstance(e.key, cst.SimpleString) for e in node.elements):
                return None
            return {e.key.evaluated_value for e in node.elements}
    return None


class ObservabilityAndCostTags(Rule):
    """
    ## What it does
    Reports two habits of well-run AWS accounts that generated stacks skip; it never rewrites anything:

    - a `Vpc(...)`, when the project creates no `FlowLog` (`FlowLog(self, ..., vpc_id=vpc.id, ...)`) at all;
    - an `AwsProvider(...)` whose `default_tags` are missing or lack some of the cost-allocation tags
      (Project, CostCenter, Owner).

    ## Why is this bad?
    Every VPC should have flow logs, or a rejected connection can never be investigated. Cost-allocation tags
    belong on every resource, which is one line when the provider sets them as `default_tags`.

    ## Options
    None.

    Advisory: off by default; turn it on with `--select CTF002` or `select` in `[tool.cdktf-fixer]`, where
    the account is expected to keep flow logs and allocate costs by tag.
    """

    code = "CTF002"
    name = "observability-and-cost-tags"
    summary = "VPC without flow logs; provider without cost-allocation default tags (advisory)"
    fix_availability = FixAvailability.NONE
    markers = ("Vpc(", "AwsProvider(")
    project_wide = True
    deployed_resources_only = True
    default_enabled = False
    uses_project_classes = True  # the project is read, so `mentions("FlowLog")` can answer

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider

            AwsProvider(self, "aws", region="us-east-1", default_tags=[{"tags": {"Project": "payments"}}])
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.provider import AwsProvider

        AwsProvider(self, "aws", default_tags=[{"tags": {"Project": "p", "CostCenter": "c", "Owner": "o"}}])
        """,
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        name = callee_name(original_node)
        if name == "Vpc" and len(original_node.args) >= 2 and not self.context.project.mentions("FlowLog"):
            self.report(original_node, "VPC without flow logs: add a FlowLog (to CloudWatch Logs or S3) so traffic "
                                       "can be investigated")
        if name == "AwsProvider":
            tags = next((a.value for a in original_node.args if a.keyword and a.keyword.value == "default_tags"), None)
            keys = set() if tags is None else _tag_keys(tags)
            if keys is not None and not set(COST_TAGS) <= keys:
                missing = ", ".join(t for t in COST_TAGS if t not in keys)
                self.report(original_node, f"provider default_tags lack the cost-allocation tags {missing}: resources "
                                           "cannot be attributed in Cost Explorer")
        return updated_node
