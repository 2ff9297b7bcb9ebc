"""What several provider-API rules know: the SecurityGroup rule structs generators call as resources,
and what a call shaped like a resource looks like. Rules import this, never each other."""

from __future__ import annotations

import libcst as cst

# The nested block structs of SecurityGroup that code generators call as if they were resources.
RULE_TYPES = {"SecurityGroupIngress": "ingress", "SecurityGroupEgress": "egress"}
RULE_MODULE = "security_group_rule"
RULE_CLASS = "SecurityGroupRule"


def resource_shaped(call: cst.Call) -> bool:
    """`X(self, "id", ...)`: called like a construct, with a scope and an id."""
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    if len(positional) >= 2 and isinstance(
        positional[1], (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
    ):
        return True
    return bool(positional) and isinstance(positional[0], cst.Name) and positional[0].value in {"self", "scope"}
