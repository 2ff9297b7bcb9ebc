"""CTC001: physical resource names without the environment suffix (catalog C1)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.environments import screens
from fixer.literals import string_value
from fixer.rule import Rule
from fixer.statements import NameScopes
from fixer.types import Applicability, Example, FixAvailability

SUFFIX = "environment_suffix"
# Arguments that become a resource's name in the AWS account, unique per account and region.
PHYSICAL_NAMES = frozenset({
    "name", "function_name", "bucket", "role_name", "identifier", "cluster_identifier", "table_name",
    "topic_name", "queue_name", "cluster_name", "repository_name", "secret_name", "log_group_name",
    "stream_name", "state_machine_name", "replication_instance_id", "replication_task_id", "user_name",
    "group_name", "policy_name", "db_subnet_group_name", "parameter_group_name", "alarm_name", "rule_name",
    "dashboard_name", "api_name", "load_balancer_name", "target_group_name", "workgroup_name", "key_name",
})
# Names that are DNS names or certificates (a suffix would break them), and data sources (they look up
# something that exists under that name).
LEFT_ALONE_PREFIXES = ("Route53", "Acm", "Ses", "Cloudfront", "DataAws")
# Names unique only inside a parent resource, which already differs per environment.
SCOPED_NAMES = frozenset({
    "IamRolePolicy", "IamUserPolicy", "IamGroupPolicy", "BackupSelection", "Apigatewayv2Stage", "ApiGatewayStage",
    "ApiGatewayRequestValidator", "ApiGatewayModel", "ApiGatewayAuthorizer", "Apigatewayv2Authorizer", "LambdaAlias",
    "CloudwatchLogMetricFilter", "CloudwatchLogSubscriptionFilter", "CloudwatchLogStream", "GlueCatalogTable",
})


def _mentions_suffix(node: cst.CSTNode) -> bool:
    code = cst.Module(body=[]).code_for_node(node)
    return SUFFIX in code


class EnvironmentSuffixNames(NameScopes, Rule):
    """
    ## What it does
    Finds a literal physical name (`name=`, `function_name=`, `bucket=`, `role_name=`, `identifier=`,
    `table_name=`, `queue_name=` ...) on a provider resource, in code that knows its environment suffix.

    Left alone: nested blocks (their `name=` is an attribute name), tags and JSON documents (not arguments),
    `*_prefix` arguments (Terraform adds a random suffix), data sources (they look up an existing name), names
    unique only inside a parent (inline role policies, API stages, backup selections ...), DNS names,
    `/aws/lambda/<function>` log groups, and f-strings (already computed).

    ## Why is this bad?
    The second environment deployed to the same account collides with the first: the name "already exists".

    ## Fix safety
    `-{environment_suffix}` is appended, as an f-string, using `environment_suffix` when the function has it
    (parameter or local) and `self.environment_suffix` when the class sets it. The fix is safe when the
    construct id already carries the suffix (the author meant one resource per environment), and unsafe
    otherwise, since renaming a deployed resource replaces it.

    Reported without a fix: the same names where no suffix is in scope, in files that use one elsewhere.

    ## Options
    None.
    """

    code = "CTC001"
    name = "environment-suffix-names"
    summary = "Physical resource name without the environment suffix"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = (SUFFIX,)
    screen = staticmethod(screens.suffix_names)
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.iam_role import IamRole


            def roles(self, environment_suffix):
                IamRole(self, f"dms-vpc-role-{environment_suffix}", name="dms-vpc-role", assume_role_policy=policy)
            """,
            """
            from cdktf_cdktf_provider_aws.iam_role import IamRole


            def roles(self, environment_suffix):
                IamRole(self, f"dms-vpc-role-{environment_suffix}", name=f"dms-vpc-role-{environment_suffix}", assume_role_policy=policy)
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute


        def tables(self, environment_suffix):
            DynamodbTable(self, "orders", name=f"orders-{environment_suffix}", hash_key="pk",
                          attribute=[DynamodbTableAttribute(name="pk", type="S")], tags={"Name": "orders"})
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.provider_names: set[str] = set()
        self.provider_modules: set[str] = set()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = get_full_name_for_node(node.module) if node.module else None
        if node.relative or not module or isinstance(node.names, cst.ImportStar):
            return
        for package in screens.PROVIDER_PACKAGES:
            if module == package or module.startswith(package + "."):
                for alias in node.names:
                    local = alias.evaluated_alias or get_full_name_for_node(alias.name) or ""
                    (self.provider_modules if module == package and local.islower() else self.provider_names).add(local)

    def _provider_class(self, func: cst.BaseExpression) -> str | None:
        if isinstance(func, cst.Name) and func.value in self.provider_names:
            return func.value
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in self.provider_modules:
            return func.attr.value
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        cls = self._provider_class(original_node.func)
        args = original_node.args
        if (cls is None or cls.startswith(LEFT_ALONE_PREFIXES) or cls in SCOPED_NAMES or len(args) < 2
                or args[0].keyword or args[1].keyword):
            return updated_node
        construct_id = args[1].value
        suffix = self.variable_in_scope(SUFFIX)
        new_args = list(updated_node.args)
        for number, arg in enumerate(args):
            if arg.keyword is None or arg.keyword.value not in PHYSICAL_NAMES:
                continue
            value = arg.value
            if not isinstance(value, cst.SimpleString) or value.prefix != "" or "\\" in value.value:
                continue  # an f-string already computes its name: whatever makes it unique is the author's
            text = string_value(value)
            if not text or "." in text or "{" in text or "}" in text or text.startswith("/aws/lambda/"):
                continue  # DNS-like names, and log groups Lambda names after its function
            new_source = f"f{value.quote}{text}-{{{suffix}}}{value.quote}"
            where = f"`{arg.keyword.value}=` of {cls}"
            if suffix is None:
                self.report(arg, f"{where} is a fixed physical name: a second environment in the same account "
                                 "collides with it; pass the environment suffix here and append it")
                continue
            safe = _mentions_suffix(construct_id)
            message = (f"{where} is a fixed physical name: a second environment in the same account collides "
                       f"with it; append `-{{{suffix}}}`" + ("" if safe else " (renames a deployed resource)"))
            if self.report(arg, message, Applicability.SAFE if safe else Applicability.UNSAFE):
                new_args[number] = new_args[number].with_changes(value=cst.parse_expression(new_source))
        if new_args == list(updated_node.args):
            return updated_node
        return updated_node.with_changes(args=new_args)
