"""CTC002: hard-coded 12-digit AWS account ids in ARNs and principals (catalog C2)."""

from __future__ import annotations

import re

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.environments import screens
from codemods.environments.screens import ARN_ACCOUNT
from fixer.aws import IDENTITY_CLASS, IDENTITY_SUBMODULE, caller_identity_in
from fixer.literals import string_value
from fixer.rule import Rule
from fixer.types import Applicability, Example, FixAvailability

# A string that is only an account id (ARN_ACCOUNT: the account field of an ARN).
ACCOUNT_ONLY = re.compile(r"\d{12}")
IDENTITY_VARIABLE = "caller_identity"


def _accounts(text: str) -> set[str]:
    if ACCOUNT_ONLY.fullmatch(text):
        return {text}
    return {m.group(2) for m in ARN_ACCOUNT.finditer(text)}


def _is_stack(node: cst.ClassDef) -> bool:
    return any((get_full_name_for_node(b.value) or "").endswith("TerraformStack") for b in node.bases)


def _identity_member(node: cst.ClassDef) -> str | None:
    """`self.x` when the class's `__init__` assigns a DataAwsCallerIdentity to it."""
    member = None
    for statement in node.body.body if isinstance(node.body, cst.IndentedBlock) else []:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__":
            found = caller_identity_in(statement)
            member = found if found and found.startswith("self.") else None
    return member


def _is_super_init(line: cst.BaseStatement) -> bool:
    return isinstance(line, cst.SimpleStatementLine) and any(
        isinstance(s, cst.Expr) and isinstance(s.value, cst.Call)
        and (get_full_name_for_node(s.value.func) or "").endswith("__init__") for s in line.body
    )


class HardcodedAccountId(Rule):
    """
    ## What it does
    Finds a 12-digit account id written into an ARN or principal (`arn:aws:iam::123456789012:root`).

    Left alone: the provider's `allowed_account_ids`, and code that is not CDKTF (Lambda handlers).

    ## Why is this bad?
    The stack deploys only to that account, and a placeholder id deploys nowhere useful.

    ## Fix safety
    In a TerraformStack's `__init__`, the id becomes `caller_identity.account_id` from a
    `DataAwsCallerIdentity(self, "current")` created once after `super().__init__(...)` (an existing one is
    reused, and `self.<name>` ones serve the stack's other methods). The fix is unsafe: a second account can
    be meant, such as a trusted security account.

    Reported without a fix: ids inside constructs and functions (pass the stack's `account_id` to them), in
    files that name two or more account ids (a cross-account design), and placeholder ARNs
    (`...:certificate/example`).

    ## Options
    None.
    """

    code = "CTC002"
    name = "hardcoded-account-id"
    summary = "Hard-coded AWS account id in an ARN or principal"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.UNSAFE})
    markers = ("arn:aws",)
    deployed_resources_only = True
    cdktf_code_only = True

    INVALID = (
        Example(
            """
            from cdktf import TerraformStack


            class TapStack(TerraformStack):
                def __init__(self, scope, construct_id):
                    super().__init__(scope, construct_id)
                    KmsKey(self, "key", policy=json.dumps({"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}))
            """,
            """
            from cdktf import TerraformStack
            from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity


            class TapStack(TerraformStack):
                def __init__(self, scope, construct_id):
                    super().__init__(scope, construct_id)
                    caller_identity = DataAwsCallerIdentity(self, "current")
                    KmsKey(self, "key", policy=json.dumps({"Principal": {"AWS": f"arn:aws:iam::{caller_identity.account_id}:root"}}))
            """,
        ),
    )
    VALID = (
        """
        KmsKey(self, "key", policy=json.dumps({"Principal": {"AWS": f"arn:aws:iam::{caller.account_id}:root"}}))
        AwsProvider(self, "aws", allowed_account_ids=["123456789012"])
        """,
    )

    screen = staticmethod(screens.hardcoded_account_id)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.needs_identity: set[cst.FunctionDef] = set()
        self.provider_calls = 0
        self.cross_account = False

    def visit_Module(self, node: cst.Module) -> bool:
        source = self.context.source or ""
        found = {m.group(2) for m in ARN_ACCOUNT.finditer(source)} | set(re.findall(r"[\"'](\d{12})[\"']", source))
        self.cross_account = len(found) > 1
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        if original_node not in self.needs_identity or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        body = list(updated_node.body.body)
        at = next((i + 1 for i, line in enumerate(body) if _is_super_init(line)), None)
        assert at is not None  # _account_code asks for an identity only where super().__init__ is found
        construct_id = '"caller-identity"' if '"current"' in (self.context.source or "") else '"current"'
        body.insert(at, cst.parse_statement(f"{IDENTITY_VARIABLE} = {IDENTITY_CLASS}(self, {construct_id})\n"))
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def visit_Call(self, node: cst.Call) -> None:
        self.provider_calls += (get_full_name_for_node(node.func) or "").endswith("AwsProvider")

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        self.provider_calls -= (get_full_name_for_node(original_node.func) or "").endswith("AwsProvider")
        return updated_node

    def _account_code(self) -> tuple[str, bool] | None:
        """The expression that holds the account id here and whether it needs a DataAwsCallerIdentity
        created first; None when this code cannot reach one."""
        classes, functions = self.context.classes, self.context.functions
        if not functions or not classes or not _is_stack(classes[-1]) or self.cross_account:
            return None
        function = functions[-1]
        local, member = caller_identity_in(function), _identity_member(classes[-1])
        if local:
            return f"{local}.account_id", False
        if member:
            return f"{member}.account_id", False
        if function.name.value != "__init__" or not any(
            _is_super_init(line) for line in (function.body.body if isinstance(function.body, cst.IndentedBlock) else [])
        ):
            return None
        return f"{IDENTITY_VARIABLE}.account_id", True

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.BaseExpression:
        if self.provider_calls or original_node.prefix != "" or "\\" in original_node.value:
            return updated_node
        text = string_value(original_node)
        accounts = _accounts(text)
        if not accounts:
            return updated_node
        message = f"hard-coded account id {', '.join(sorted(accounts))}"
        if "example" in text.lower():
            self.report(original_node, f"{message} in a placeholder ARN: put the real resource's ARN here")
            return updated_node
        found = self._account_code()
        if found is None:
            reason = ("this file names several accounts (cross-account?)" if self.cross_account
                      else "pass the stack's DataAwsCallerIdentity `account_id` in and use it")
            self.report(original_node, f"{message}: {reason}")
            return updated_node
        code, create = found
        if ACCOUNT_ONLY.fullmatch(text):
            source = code
        else:
            escaped = text.replace("{", "{{").replace("}", "}}")
            source = "f" + original_node.quote + ARN_ACCOUNT.sub(lambda m: m.group(1) + "{" + code + "}", escaped) + original_node.quote
        if not self.report(original_node, f"{message}; write `{source}`", Applicability.UNSAFE):
            return updated_node
        if create:
            self.needs_identity.add(self.context.functions[-1])
            self.context.add_import(f"{self.context.aws_package}.{IDENTITY_SUBMODULE}", IDENTITY_CLASS)
        return cst.parse_expression(source)
