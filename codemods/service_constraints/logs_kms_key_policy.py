"""CTD002: a KMS key encrypting a CloudWatch log group without a policy for CloudWatch Logs (catalog D2)."""

from __future__ import annotations

import textwrap

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import PositionProvider

from fixer.aws import caller_identity_in
from fixer.rule import Rule, append_keyword
from fixer.statements import NameScopes, callee_name, keyword_arg
from fixer.types import Applicability, Example, FixAvailability
from fixer.walk import visit_read_only

POLICY = """\
json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AccountAdministersTheKey",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "CloudWatchLogsUsesTheKey",
            "Effect": "Allow",
            "Principal": {"Service": f"logs.{REGION}.amazonaws.com"},
            "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            "Resource": "*",
            "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:*"}},
        },
    ],
})"""


class _Uses(cst.CSTVisitor):
    """Which KMS key variables log groups encrypt with: `CloudwatchLogGroup(..., kms_key_id=key.arn)`."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        arg = keyword_arg(node, "kms_key_id") if callee_name(node) == "CloudwatchLogGroup" else None
        if arg is not None and isinstance(arg.value, cst.Attribute) and arg.value.attr.value in ("arn", "key_id", "id"):
            name = get_full_name_for_node(arg.value.value)
            if name:
                self.keys.add(name)


class LogsKmsKeyPolicy(NameScopes, Rule):
    """
    ## What it does
    Finds a `KmsKey(...)` that encrypts a CloudWatch log group (`CloudwatchLogGroup(..., kms_key_id=key.arn)`)
    while its policy does not let the `logs.<region>.amazonaws.com` service principal use it. The finding
    stands at the `KmsKey(...)`.

    ## Why is this bad?
    CloudWatch Logs can use a customer-managed KMS key only when the key's policy lets that service principal
    use it. Without that, the log group synthesizes and then fails at deploy with AccessDeniedException.

    ## Fix safety
    A key created without `policy=` gets one that keeps the account's administration of the key and lets
    CloudWatch Logs use it for log groups of this account and region, when the code has both a
    `DataAwsCallerIdentity` and an `aws_region`/`region` variable in scope. The fix is unsafe: a key policy is
    a security decision.

    Reported without a fix: a key that has a policy lacking the principal (its other statements are the
    author's), and a key without a policy when the caller identity or the region variable is not in scope.

    ## Options
    None.
    """

    code = "CTD002"
    name = "logs-kms-key-policy"
    summary = "KMS key used by a CloudWatch log group without a key policy for CloudWatch Logs"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.UNSAFE})
    markers = ("kms_key_id",)
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey

            key = KmsKey(self, "logs-key", enable_key_rotation=True)
            CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
        ),
    )
    VALID = (
        """
        key = KmsKey(self, "logs-key", policy=logs_policy_allowing("logs.us-east-1.amazonaws.com"))
        CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.used_keys: set[str] = set()

    def visit_Module(self, node: cst.Module) -> bool:
        uses = _Uses()
        visit_read_only(node, uses)
        self.used_keys = uses.keys
        return bool(uses.keys)

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        call = original_node.value
        if not isinstance(call, cst.Call) or callee_name(call) != "KmsKey":
            return updated_node
        targets = {get_full_name_for_node(t.target) for t in original_node.targets}
        if not targets & self.used_keys:
            return updated_node
        policy = keyword_arg(call, "policy")
        if policy is not None:
            code = cst.Module(body=[]).code_for_node(policy.value)
            if "logs." not in code:
                self.report(call, "this KMS key encrypts a CloudWatch log group, but its policy does not let "
                                  "`logs.<region>.amazonaws.com` use it: the log group fails at deploy (AccessDenied)")
            return updated_node
        functions = self.context.functions
        account = caller_identity_in(functions[-1]) if functions else None
        region = self.variable_in_scope("aws_region", "region")
        message = ("this KMS key encrypts a CloudWatch log group but has no key policy letting "
                   "`logs.<region>.amazonaws.com` use it: the log group fails at deploy (AccessDenied)")
        if account is None or region is None:
            missing = " and ".join(n for n, v in (("a DataAwsCallerIdentity", account), ("a region variable", region)) if v is None)
            self.report(call, f"{message}; add the policy ({missing} in scope would let cdktf-fixer write it)")
            return updated_node
        if not self.report(call, f"{message}; add one", Applicability.UNSAFE):
            return updated_node
        # The policy lines up under the call's last argument, where `policy=` will stand. LibCST puts the
        # statement's own indentation before each continuation line, so only the difference is added here.
        positions = self.context.metadata(PositionProvider)
        column = positions[call.args[-1]].start.column - positions[original_node].start.column if call.args else 4
        source = POLICY.replace("ACCOUNT", f"{account}.account_id").replace("REGION", region)
        indented = textwrap.indent(source, " " * column).lstrip()
        self.context.add_import("json")
        return updated_node.with_changes(value=append_keyword(updated_node.value, "policy", cst.parse_expression(indented)))
