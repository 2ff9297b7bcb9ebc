"""CTB006: keyword or positional arguments a generated provider class does not take (catalog B6)."""

from __future__ import annotations

import difflib

import libcst as cst

from codemods.provider_api import screens
from codemods.provider_api.helpers import RULE_TYPES, ProviderNames, resource_shaped
from fixer.providers import MARKERS
from fixer.providers.recipes import recipes_for
from fixer.rule import Rule
from fixer.types import Applicability, Example, FixAvailability


def _close(name: str, accepted: frozenset[str]) -> list[str]:
    """Keywords a slip could have meant: the same name as jsii escapes it (`id_`, `self_attribute`), or a
    close spelling."""
    exact = [a for a in accepted if a.rstrip("_") == name.rstrip("_") or a == f"{name}_attribute"]
    return exact or difflib.get_close_matches(name, sorted(accepted), n=3, cutoff=0.8)


class GeneratedClassArguments(Rule):
    """
    ## What it does
    Finds calls of classes the provider package generates with arguments their signature does not accept.
    Every such class takes `(scope, id)` positionally (a resource) or nothing positionally (a nested block),
    and everything else by keyword, with exactly the names in its signature. Findings name the accepted
    arguments.

    The truth is the installed provider package, read without importing it. The rule needs the provider
    installed (the shipped snapshot holds class names, not signatures). Calls with `**kwargs` are left alone,
    and `SecurityGroupIngress(self, ...)` belongs to CTB002.

    ## Why is this bad?
    Anything else fails at synth: "got an unexpected keyword argument" or "takes 3 positional arguments but 4
    were given".

    ## Fix safety
    A keyword is renamed (unsafe) when exactly one accepted keyword is a close spelling (`force_destory` ->
    `force_destroy`, `self` -> `self_attribute`) and can take the value given. Otherwise the finding is
    reported with the accepted names and no fix: a string is not renamed onto a keyword that takes a nested
    block. `tags=` given to a data source that takes none is removed (unsafe): a data source creates
    nothing to tag.

    ## Options
    None.
    """

    code = "CTB006"
    name = "generated-class-arguments"
    summary = "Argument a generated provider class does not accept"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.UNSAFE})
    markers = MARKERS
    screen = staticmethod(screens.provider_imports)
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningVersioningConfiguration

            S3BucketVersioningVersioningConfiguration(state="Enabled")
            S3BucketVersioningVersioningConfiguration(stauts="Enabled")
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningVersioningConfiguration

            S3BucketVersioningVersioningConfiguration(state="Enabled")
            S3BucketVersioningVersioningConfiguration(status="Enabled")
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

        S3Bucket(self, "logs", bucket_prefix="logs-", force_destroy=True)
        S3Bucket(self, "dynamic", **settings)
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.names = ProviderNames(context.project)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.names.note(node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        target = self.names.target(original_node.func)
        if target is None or any(a.star for a in original_node.args):
            return updated_node
        index, module, class_name = target
        if class_name in RULE_TYPES and resource_shaped(original_node):
            return updated_node
        signature = index.signature(module, class_name)
        if signature is None:
            return updated_node
        positional = [a for a in original_node.args if a.keyword is None]
        if len(positional) > len(signature.positional):
            takes = f"({', '.join(signature.positional)})" if signature.positional else "nothing"
            self.report(positional[len(signature.positional)],
                        f"`{class_name}` takes {takes} positionally; pass {'the other ' if signature.positional else ''}arguments by keyword")
        args = list(updated_node.args)
        changed = False
        dropped: set[int] = set()
        removed_by_release = recipes_for(index, module, class_name)  # CTB008's: one problem, one finding
        for number, arg in enumerate(original_node.args):
            if arg.keyword is None or arg.keyword.value in signature.keywords or arg.keyword.value in removed_by_release:
                continue
            given = arg.keyword.value
            if given in signature.positional or (given == "id" and "id_" in signature.positional):
                continue  # the scope/id passed by keyword: Python accepts it
            close = _close(given, signature.keywords)
            scalar = isinstance(arg.value, (cst.SimpleString, cst.FormattedString, cst.Integer, cst.Float)) or (
                isinstance(arg.value, cst.Name) and arg.value.value in ("True", "False"))
            if len(close) == 1 and scalar and not signature.takes_scalar(close[0]):
                self.report(arg, f"`{class_name}` takes no keyword `{given}`; `{close[0]}` is close, but it takes a "
                                 "nested block, not this value")
                continue
            if len(close) == 1:
                message = f"`{class_name}` takes no keyword `{given}`; did you mean `{close[0]}`?"
                if self.report(arg, message, Applicability.UNSAFE):
                    args[number] = args[number].with_changes(keyword=cst.Name(close[0]))
                    changed = True
                continue
            if given == "tags" and module.startswith("data_") and positional:
                # a data source reads, it creates nothing to tag; one that filters by tags takes `tags`
                if self.report(arg, f"`{class_name}` is a data source and takes no `tags`: it creates nothing to tag; "
                                    "remove them", Applicability.UNSAFE):
                    dropped.add(number)
                continue
            near = close or sorted(signature.keywords, key=lambda k: (-difflib.SequenceMatcher(None, given, k).ratio(), k))[:8]
            self.report(arg, f"`{class_name}` takes no keyword `{given}`; nearest accepted: {', '.join(near)}")
        if dropped:
            kept = [a for number, a in enumerate(args) if number not in dropped]
            if kept and len(args) - 1 in dropped:
                kept[-1] = kept[-1].with_changes(comma=args[-1].comma)  # the call's layout ends as it did
            return updated_node.with_changes(args=kept)
        return updated_node.with_changes(args=args) if changed else updated_node
