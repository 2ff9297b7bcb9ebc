"""CTU002: classes of an old prebuilt provider that the target release no longer has."""

from __future__ import annotations

import libcst as cst

from codemods.upgrade_cdktf.helpers import MARKERS, old_uses, upgrade_maps, where
from fixer.rule import Rule
from fixer.types import Example, FixAvailability

_PINS = (("requirements.txt", "cdktf~=0.12.3\ncdktf-cdktf-provider-aws==9.0.52\n"), ("cdktf.json", '{"app": "python main.py"}\n'))


class RemovedProviderClasses(Rule):
    """
    ## What it does
    In a project that pins an old prebuilt provider, reports each use of a class the target release
    (the last CDKTF line) no longer has: the Terraform type it stands for was removed from the
    Terraform provider (OpsWorks, EC2-Classic, Macie classic, SimpleDB, WorkLink, ...), or a nested block
    class became a plain value (WAFv2 `statement` blocks are dicts now). Where the provider's upgrade
    guides name the replacement, the message says which class to use (data `aws_subnet_ids` ->
    `DataAwsSubnets`).

    ## Why is this bad?
    The upgraded project fails at import (ImportError) or at the use (AttributeError) until the resource
    is replaced or dropped, and Terraform plans to destroy what it stood for.

    ## Options
    None.
    """

    code = "CTU002"
    name = "removed-provider-classes"
    summary = "Provider class of an old release that the target release no longer has"
    fix_availability = FixAvailability.NONE
    markers = MARKERS

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws import vpc

            vpc.DataAwsSubnetIds(self, "ids", vpc_id="vpc-123")
            """,
            files=_PINS,
        ),
    )
    VALID = ("from cdktf_cdktf_provider_aws.data_aws_subnets import DataAwsSubnets\n",)

    def visit_Module(self, node: cst.Module) -> bool:
        maps = upgrade_maps(self.context.project)
        if not maps:
            return False
        for use in old_uses(node, self.context, maps).uses:
            name_map = use.map
            if not name_map.is_removed(use.module, use.name):
                continue
            terraform = name_map.removed[use.old]
            what = f"{terraform.replace(':', ' ')}" if terraform else "a nested block"
            message = f"`{use.old}` ({what}) is gone from {name_map.distribution} {name_map.new}"
            replacement = name_map.replacement(use.module, use.name)
            if replacement is not None:
                message += (f": use `{replacement[1]}` ({where(name_map, *replacement)}) instead, whose arguments "
                            "differ (see the provider's upgrade guide)")
            elif terraform:
                message += ": the Terraform provider removed it; replace or drop this resource before upgrading"
            else:
                message += (": the target generates no class for this block (its resource was removed, or the "
                            "block's type became open: pass its value as a dict)")
            self.report(use.node, message)
        return False
