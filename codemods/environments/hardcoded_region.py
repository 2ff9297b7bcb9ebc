"""CTC003: hard-coded AWS regions in resource arguments while a region variable is in scope (catalog C3)."""

from __future__ import annotations

import re

import libcst as cst

from codemods.environments import screens
from codemods.environments.screens import REGION
from fixer.literals import string_value
from fixer.rule import Rule
from fixer.statements import NameScopes, callee_name
from fixer.types import Applicability, Example, FixAvailability

MESSAGES = frozenset({"print", "warn", "debug", "info", "warning", "error", "exception", "critical", "echo"})
OTHER_REGION = re.compile(r"\w+_region\s*=\s*[\"']")
VARIABLES = ("aws_region", "region")
# Where a literal region is the source of the variable's value, or deliberately another region.
SOURCE_KEYWORDS = frozenset({"default"})
# Calls whose string arguments are the variable's source or a test of its value, not a resource's.
LOOKUPS = frozenset({"get", "getenv", "setdefault", "startswith", "endswith", "replace", "split", "index", "find",
                     "count", "format", "join"})


def _not_a_resource(call: cst.Call) -> bool:
    """Lookups and tests of the variable's value, messages for people: a region there is no resource's."""
    name = callee_name(call)
    return name in LOOKUPS or name in MESSAGES or name.endswith(("Error", "Exception", "Warning"))


class HardcodedRegion(NameScopes, Rule):
    """
    ## What it does
    Finds a region written into a resource argument (`"region": "us-east-2"` in a dashboard, an ARN
    `arn:aws:logs:us-east-1:...`, a service principal `logs.us-east-1.amazonaws.com`) while the code has an
    `aws_region` or `region` variable.

    Left alone: multi-region files (two providers, or a literal `peer_region=`-like argument), `region=` and
    `*_region=` arguments (the provider's own, a peer or replica region), `default=` of a variable, lookups
    such as `os.environ.get("AWS_REGION", "us-east-1")` (the variable's source), tests such as
    `aws_region.startswith("us-")`, exception and log messages, module-level code (where an app sets its
    regions), code that is not CDKTF (Lambda handlers), availability zones, and strings outside calls
    (assignments of the variable itself).

    ## Why is this bad?
    Deployed to another region, the stack still points at the first one, and the mismatch shows up as denied
    access or an empty dashboard.

    ## Fix safety
    The literal becomes the variable, or the string an f-string using it. `aws_region` is preferred to
    `region`, and a local or parameter to `self.`'s attribute. The fix is unsafe: a second region can be
    deliberate, such as a replica.

    Reported without a fix: the same literals where no variable is in scope, in files that have one elsewhere.

    ## Options
    None.
    """

    code = "CTC003"
    name = "hardcoded-region"
    summary = "Hard-coded AWS region while a region variable is in scope"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.UNSAFE})
    markers = ("region",)
    deployed_resources_only = True
    cdktf_code_only = True

    INVALID = (
        Example(
            """
            import json

            from cdktf_cdktf_provider_aws.kms_key import KmsKey


            def logs_key(self, aws_region, account_id):
                return KmsKey(self, "logs-key", policy=json.dumps({
                    "Statement": [{"Principal": {"Service": "logs.us-east-1.amazonaws.com"}, "Action": "kms:*"}],
                }))
            """,
            """
            import json

            from cdktf_cdktf_provider_aws.kms_key import KmsKey


            def logs_key(self, aws_region, account_id):
                return KmsKey(self, "logs-key", policy=json.dumps({
                    "Statement": [{"Principal": {"Service": f"logs.{aws_region}.amazonaws.com"}, "Action": "kms:*"}],
                }))
            """,
        ),
    )
    VALID = (
        """
        def providers(self, aws_region="us-east-1"):
            AwsProvider(self, "aws", region=aws_region)
            AwsProvider(self, "replica", alias="replica", region="us-west-2")
            Subnet(self, "a", vpc_id=vpc.id, cidr_block="10.0.0.0/24", availability_zone="us-east-1a")
        """,
    )

    screen = staticmethod(screens.hardcoded_region)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.calls = 0
        self.left_alone = 0
        self.file_has_variable = False

    def visit_Module(self, node: cst.Module) -> bool:
        source = self.context.source or ""
        self.file_has_variable = "aws_region" in source or "self.region" in source
        # Several providers, or a peer/replica region, make a multi-region design: its literals are deliberate.
        # the substring first: the pattern's leading \w+ makes a search try every word of the file
        return source.count("AwsProvider(") < 2 and not ("_region" in source and OTHER_REGION.search(source))

    def visit_Call(self, node: cst.Call) -> None:
        self.calls += 1
        self.left_alone += _not_a_resource(node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        self.calls -= 1
        self.left_alone -= _not_a_resource(original_node)
        return updated_node

    def visit_Arg(self, node: cst.Arg) -> None:
        self.left_alone += self._source_argument(node)

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        self.left_alone -= self._source_argument(original_node)
        return updated_node

    @staticmethod
    def _source_argument(node: cst.Arg) -> bool:
        return node.keyword is not None and (
            node.keyword.value in SOURCE_KEYWORDS or node.keyword.value == "region" or node.keyword.value.endswith("_region")
        )

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.BaseExpression:
        # module-level code is where an app configures its region(s): the source, not a copy
        if not self.context.functions or not self.calls or self.left_alone or original_node.prefix != "" or "\\" in original_node.value:
            return updated_node
        text = string_value(original_node)
        if not REGION.search(text):
            return updated_node
        variable = self.variable_in_scope(*VARIABLES)
        regions = sorted(set(REGION.findall(text)))
        if variable is None:
            if self.file_has_variable:
                self.report(original_node, f"hard-coded region {', '.join(regions)}; no region variable reaches "
                                           "this code: pass it in and use it")
            return updated_node
        if REGION.fullmatch(text):
            source = variable
        else:
            quote = original_node.quote
            escaped = text.replace("{", "{{").replace("}", "}}")
            source = "f" + quote + REGION.sub("{" + variable + "}", escaped) + quote
        message = f"hard-coded region {', '.join(regions)} while `{variable}` is in scope; write `{source}`"
        if self.report(original_node, message, Applicability.UNSAFE):
            return cst.parse_expression(source)
        return updated_node
