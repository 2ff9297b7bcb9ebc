"""CTD001: CloudWatch Logs `retention_in_days` that AWS rejects (catalog D1)."""

from __future__ import annotations

import bisect

import libcst as cst

from fixer.rule import Rule
from fixer.types import Applicability, Example, FixAvailability

# What CloudWatch Logs accepts (PutRetentionPolicy); 0 is Terraform's "never expire".
ALLOWED_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                3288, 3653)


def allowed_at_least(days: int) -> int | None:
    """The smallest allowed retention not below `days`; None above the largest."""
    position = bisect.bisect_left(ALLOWED_DAYS, days)
    return ALLOWED_DAYS[position] if position < len(ALLOWED_DAYS) else None


class LogRetentionDays(Rule):
    """
    ## What it does
    Finds a `retention_in_days` that is not one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30,
    60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 (0: never expire).
    Values held in variables are left alone.

    ## Why is this bad?
    Anything else synthesizes and then fails at deploy with InvalidParameterException; 2555 ("7 years") is
    the classic.

    ## Fix safety
    The fix is safe: an integer literal becomes the nearest allowed value not below it, so logs are kept at
    least as long as asked (2555 -> 2557).

    Reported without a fix: a value above 3653, since keeping logs forever (0) or for ten years (3653) is the
    author's decision.

    ## Options
    None.
    """

    code = "CTD001"
    name = "log-retention-days"
    summary = "`retention_in_days` that CloudWatch Logs does not accept"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("retention_in_days",)
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            CloudwatchLogGroup(self, "audit", name="audit", retention_in_days=2555)
            """,
            """
            CloudwatchLogGroup(self, "audit", name="audit", retention_in_days=2557)
            """,
        ),
        Example(
            """
            CloudwatchLogGroup(self, "archive", retention_in_days=5000)
            """,
        ),
    )
    VALID = (
        """
        CloudwatchLogGroup(self, "app", retention_in_days=30)
        CloudwatchLogGroup(self, "forever", retention_in_days=0)
        CloudwatchLogGroup(self, "tuned", retention_in_days=retention)
        """,
    )

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        if original_node.keyword is None or original_node.keyword.value != "retention_in_days":
            return updated_node
        value = original_node.value
        if not isinstance(value, cst.Integer):
            return updated_node
        days = int(value.evaluated_value)
        if days == 0 or days in ALLOWED_DAYS:
            return updated_node
        allowed = allowed_at_least(days)
        if allowed is None:
            self.report(value, f"`retention_in_days={days}` is more than CloudWatch Logs allows (3653); "
                               "use 3653, or 0 to never expire")
            return updated_node
        message = (f"`retention_in_days={days}` is not a value CloudWatch Logs accepts (deploy fails); "
                   f"the nearest allowed value not below it is {allowed}")
        if self.report(value, message, Applicability.SAFE):
            return updated_node.with_changes(value=value.with_changes(value=str(allowed)))
        return updated_node
