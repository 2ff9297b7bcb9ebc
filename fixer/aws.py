"""What the rules know about AWS in CDKTF code, shared across rule families (rules never import rules)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

IDENTITY_CLASS = "DataAwsCallerIdentity"
IDENTITY_SUBMODULE = "data_aws_caller_identity"


def caller_identity_in(function: cst.FunctionDef) -> str | None:
    """The variable an existing `X = DataAwsCallerIdentity(...)` assigns at the top level of this
    function, as code. Only the top level: one assigned inside an `if` may not exist where it is used."""
    for line in function.body.body if isinstance(function.body, cst.IndentedBlock) else []:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if (isinstance(small, cst.Assign) and isinstance(small.value, cst.Call)
                        and (get_full_name_for_node(small.value.func) or "").endswith(IDENTITY_CLASS)):
                    return get_full_name_for_node(small.targets[0].target)
    return None
