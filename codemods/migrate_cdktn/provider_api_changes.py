"""CTM005: uses of provider classes and properties that changed between the project's cdktf provider and
the CDK Terrain version `migrate` moves it to."""

from __future__ import annotations

from typing import Any

import libcst as cst

from codemods.provider_api.helpers import ProviderNames
from fixer import cdktn
from fixer.providers import ProviderIndex
from fixer.providers.changes import Change, Comparison, shipped
from fixer.rule import Rule
from fixer.types import Example, FixAvailability


def _as_cdktf(dotted: str) -> str:
    if dotted.startswith(cdktn.NEW_PROVIDER_MODULE_PREFIX):
        return cdktn.PROVIDER_MODULE_PREFIX + dotted[len(cdktn.NEW_PROVIDER_MODULE_PREFIX):]
    return dotted


def describe(type_: Any) -> str:
    """A schema type in words: `a string`, `a list of `X` blocks`."""
    if isinstance(type_, str):
        return {"string": "a string", "number": "a number", "boolean": "a boolean"}.get(type_, f"`{type_}`")
    kind = type_[0]
    if kind == "ref":
        return f"a `{type_[2]}` block"
    if kind in ("array", "map"):
        return f"a {'list' if kind == 'array' else 'map'} of {describe(type_[1]).removeprefix('a ')}s"
    if kind == "union":
        return " or ".join(describe(t) for t in type_[1])
    return f"`{type_[-1]}`"


class ProviderApiChanges(Rule):
    """
    ## What it does
    Compares the provider version the project uses with the CDK Terrain version `migrate` moves it to
    (their jsii assemblies, compared ahead of time by `scripts/make_provider_changes.py`: for AWS, 21.22.1
    against 25.8.1) and reports every use in the code of what changed: a class that no longer exists, a
    keyword that was removed or takes another type now, a property that became required and is not given.
    A project that uses none of them gets no finding.

    ## Why is this bad?
    After the rename, the same call fails at synth under the new provider ("got an unexpected keyword
    argument", a type check, "missing 1 required keyword-only argument"), or Terraform rejects the value.

    No fix: a removed property's replacement (`value` became the list `values`) changes what is written.

    ## Options
    None.
    """

    code = "CTM005"
    name = "provider-api-changes"
    summary = "A provider class or property that changed in the CDK Terrain provider version"
    fix_availability = FixAvailability.NONE
    markers = (cdktn.PROVIDER_MODULE_PREFIX, cdktn.NEW_PROVIDER_MODULE_PREFIX)
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.networkmanager_connect_peer import NetworkmanagerConnectPeerBgpOptions

            NetworkmanagerConnectPeerBgpOptions(peer_asn=64512)
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

        S3Bucket(self, "logs", bucket_prefix="logs-")
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        # code already moved (by CTM002 in the same run, or earlier) is judged as the provider it came from
        self.names = ProviderNames(context.project, read_as=_as_cdktf)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.names.note(node)

    def _comparison(self, index: ProviderIndex) -> Comparison | None:
        provider = cdktn.provider_of_module(index.spec.package)
        if provider is None or not cdktn.has_cdktn_package(provider):
            return None
        return shipped(index.spec.distribution, index.version, cdktn.NEW_PROVIDER_DISTRIBUTION_PREFIX + provider)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        target = self.names.target(original_node.func)
        if target is None:
            return updated_node
        index, module, name = target
        comparison = self._comparison(index)
        if comparison is None:
            return updated_node
        where = f"in {comparison.target['distribution']} {comparison.target['version']}"
        for change in comparison.of(module, name):
            if change.kind == "class removed":
                self.report(original_node, f"`{name}` does not exist {where} ({comparison.describe()})")
        entry = index.entry(module, name)
        if entry is None:
            return updated_node
        struct = (entry["config_module"], entry["config"]) if entry["kind"] == "construct" else (module, name)
        given = {a.keyword.value: a for a in original_node.args if a.keyword is not None}
        spread = any(a.star == "**" for a in original_node.args)
        for change in comparison.of(*struct):
            self._judge(change, name, where, original_node, given, spread)
        return updated_node

    def _judge(self, change: Change, name: str, where: str, call: cst.Call, given: dict[str, cst.Arg],
               spread: bool) -> None:
        arg = given.get(change.prop or "")
        if change.kind == "removed" and arg is not None:
            self.report(arg, f"`{name}` takes no `{change.prop}` {where}")
        elif change.kind == "type changed" and arg is not None:
            self.report(arg, f"`{change.prop}` of `{name}` takes {describe(change.after)} {where} "
                             f"({describe(change.before)} before)")
        elif change.kind in ("now required", "new required") and arg is None and not spread:
            self.report(call, f"`{name}` requires `{change.prop}` {where}")
