"""CTD003: sizing that is too small for production (catalog D3). Advisory: off by default, never fixed."""

from __future__ import annotations

import re

import libcst as cst

from fixer.rule import Rule
from fixer.statements import callee_name, keyword_arg
from fixer.types import Example, FixAvailability

PRODUCTION = re.compile(r"\bprod(?:uction)?\b", re.IGNORECASE)
MIN_ACU = 1.0
MIN_RESERVED_CONCURRENCY = 50


def _number(node: cst.BaseExpression) -> float | None:
    if isinstance(node, (cst.Integer, cst.Float)):
        return float(node.evaluated_value)
    return None


class ProductionSizing(Rule):
    """
    ## What it does
    Reports settings that synthesize and deploy, and then fail the workload they were written for:

    - Aurora Serverless v2 `min_capacity` below 1 ACU in code that says it is for production;
    - Lambda `reserved_concurrent_executions` below 50 in production code (10 is a common copy-paste);
    - DMS `multi_az=False` on a replication instance.

    "Production" means the file names it (`prod`, `production`, in tags, names or conditions). Advisory only:
    the right size is a capacity decision, so nothing is rewritten.

    ## Why is this bad?
    A cold 0.5 ACU cluster answers the first requests of the day slowly, and payment timeouts follow. A
    function with a small reservation throttles at the first burst. On a single-AZ replication instance, one
    AZ outage stops the migration.

    ## Options
    None.

    Off by default; turn it on with `--select CTD003` or `select` in `[tool.cdktf-fixer]` for code that
    deploys production workloads.
    """

    code = "CTD003"
    name = "production-sizing"
    summary = "Capacity too small for production (advisory)"
    fix_availability = FixAvailability.NONE
    markers = ("min_capacity", "reserved_concurrent_executions", "multi_az")
    deployed_resources_only = True
    default_enabled = False

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction

            LambdaFunction(self, "payments", function_name="payments-prod", reserved_concurrent_executions=10,
                           role=role.arn, handler="index.handler", runtime="python3.12", filename=asset.path)
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction

        LambdaFunction(self, "payments", function_name="payments-dev", reserved_concurrent_executions=10,
                       role=role.arn, handler="index.handler", runtime="python3.12", filename=asset.path)
        """,
    )

    def visit_Module(self, node: cst.Module) -> bool:
        self.production = PRODUCTION.search(self.context.source or "") is not None
        self._in_serverless_v2 = False  # inside `serverlessv2_scaling_configuration={...}`
        return True

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        name = callee_name(original_node)
        if self.production and (arg := keyword_arg(original_node, "min_capacity")) is not None and "Serverlessv2" in name:
            value = _number(arg.value)
            if value is not None and value < MIN_ACU:
                self.report(arg, f"Aurora Serverless v2 `min_capacity={value:g}` for production: below {MIN_ACU:g} ACU "
                                 "the cluster is slow to answer after idle periods; consider 1 or more")
        if self.production and name == "LambdaFunction":
            arg = keyword_arg(original_node, "reserved_concurrent_executions")
            value = _number(arg.value) if arg else None
            if value is not None and 0 < value < MIN_RESERVED_CONCURRENCY:  # 0 pauses the function on purpose
                self.report(arg, f"`reserved_concurrent_executions={value:g}` caps this production function at "
                                 f"{value:g} concurrent runs; bursts are throttled (consider {MIN_RESERVED_CONCURRENCY}+ "
                                 "or no reservation)")
        if name == "DmsReplicationInstance":
            arg = keyword_arg(original_node, "multi_az")
            if arg is not None and isinstance(arg.value, cst.Name) and arg.value.value == "False":
                self.report(arg, "DMS replication instance with `multi_az=False`: an AZ outage stops the migration; "
                                 "use multi_az=True for anything that must finish")
        return updated_node

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict) -> cst.Dict:
        if not self.production:
            return updated_node
        for element in original_node.elements:
            if (isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString)
                    and element.key.evaluated_value == "min_capacity"):
                value = _number(element.value)
                if value is not None and value < MIN_ACU and self._in_serverless_v2:
                    self.report(element, f"Aurora Serverless v2 `min_capacity={value:g}` for production: below "
                                         f"{MIN_ACU:g} ACU the cluster is slow to answer after idle periods; "
                                         "consider 1 or more")
        return updated_node

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value == "serverlessv2_scaling_configuration":
            self._in_serverless_v2 = True

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        if original_node.keyword is not None and original_node.keyword.value == "serverlessv2_scaling_configuration":
            self._in_serverless_v2 = False
        return updated_node
