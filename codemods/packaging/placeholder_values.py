"""CTE003: placeholder values left in infrastructure code (catalog E3)."""

from __future__ import annotations

import re

import libcst as cst

from fixer.literals import string_value
from fixer.rule import Rule
from fixer.types import Example, FixAvailability

# What documentation and generators put where a real value belongs.
PLACEHOLDERS = (
    (re.compile(r"(?<!\w)123456789012(?!\d)"), "the documentation's example account id"),
    (re.compile(r"\bZ(?:1234567890\w*|123456789\w*|X{4,}\w*)\b"), "a placeholder Route 53 hosted zone id"),
    (re.compile(r"\b(?:ami|sg|subnet|vpc|igw|rtb|eni|snap|vol|i|nat|acl|pcx)-(?:x{4,}|0?1234567\w*|0?abcdef\w*|0{8,})\b",
                re.IGNORECASE), "a placeholder resource id"),
    (re.compile(r"(?:^|[.@/])example\.(?:com|org|net)\b"), "an example.com domain"),
)


class PlaceholderValues(Rule):
    """
    ## What it does
    Reports values copied from documentation that only look real: the account `123456789012`, hosted zone ids
    like `Z1234567890ABC`, `ami-12345678`, `sg-xxxxxxxx`, `example.com` as an alias target or record name.
    They are never rewritten: only the author knows the real value. Tests, where fake ids belong, are left
    alone.

    ## Why is this bad?
    They synthesize, then fail at deploy ("not found", "access denied") or, worse, point at somebody else's
    resource.

    ## Options
    None.
    """

    code = "CTE003"
    name = "placeholder-values"
    summary = "Placeholder value (example account, zone id, AMI, domain) in infrastructure code"
    fix_availability = FixAvailability.NONE
    cdktf_code_only = True
    markers = ("123456789012", "example.", "Z1234", "Z1234567890", "xxxx", "12345678", "abcdef", "ZXXXX")
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.route53_record import Route53Record

            Route53Record(self, "api", zone_id="Z1234567890ABC", name="api.example.com", type="A", records=["10.0.0.1"])
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.route53_record import Route53Record

        Route53Record(self, "api", zone_id=zone.zone_id, name=f"api.{domain}", type="A", records=[alb.dns_name])
        """,
    )

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.SimpleString:
        try:
            text = string_value(original_node)
        except (ValueError, SyntaxError):
            return updated_node
        if isinstance(text, bytes):
            return updated_node
        kinds = [what for pattern, what in PLACEHOLDERS if pattern.search(text)]
        if kinds:
            shown = text if len(text) <= 60 else text[:57] + "..."
            self.report(original_node, f"{shown!r} holds {' and '.join(kinds)}: put the real value here, or a "
                                       "variable, data source or reference that finds it")
        return updated_node
