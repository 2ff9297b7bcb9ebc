"""CTM002: prebuilt providers `cdktf_cdktf_provider_<x>` become `cdktn_provider_<x>` (CDK Terrain)."""

from __future__ import annotations

from codemods.migrate_cdktn.helpers import ModuleRenames
from fixer import cdktn
from fixer.types import Applicability, Example, FixAvailability


class ProviderPackageImports(ModuleRenames):
    """
    ## What it does
    Renames a prebuilt provider's module, `cdktf_cdktf_provider_<x>` to `cdktn_provider_<x>`, in imports
    (`from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket`, `import cdktf_cdktf_provider_aws as aws`)
    and in the uses of `import cdktf_cdktf_provider_aws`, for the providers CDK Terrain publishes a
    package for (about thirty: aws, google, azurerm, kubernetes, random ...; the list ships with
    cdktf-fixer and is regenerated from the package index by `scripts/update_cdktn_providers.py`).

    A provider without a cdktn package is reported: generate its bindings with `cdktn get` (name it in
    cdktf.json's `terraformProviders`) and import them from `imports/<x>`. While such a provider is used,
    `migrate` leaves the whole project unchanged unless `--allow-partial` is given.

    ## Why is this bad?
    The cdktf provider packages are built against the archived `cdktf` core: their classes cannot be used
    in a cdktn stack, and they get no new provider versions.

    ## Fix safety
    Safe when the whole project can move (every provider it uses has a cdktn package); unsafe otherwise
    (`migrate --allow-partial`), since the provider left behind still needs its `cdktn get` bindings.

    ## Options
    None.
    """

    code = "CTM002"
    name = "provider-package-imports"
    summary = "Prebuilt cdktf provider imported: CDK Terrain's is `cdktn_provider_<name>`"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = ("cdktf_cdktf_provider_",)

    INVALID = (
        Example(
            "from cdktf_cdktf_provider_aws.provider import AwsProvider\nfrom cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n",
            "from cdktn_provider_aws.provider import AwsProvider\nfrom cdktn_provider_aws.s3_bucket import S3Bucket\n",
        ),
    )
    VALID = ("from cdktn_provider_aws.provider import AwsProvider\nfrom imports.foo.provider import FooProvider\n",)

    def handles(self, module: str) -> bool:
        return cdktn.provider_of_module(module) is not None

    def moved_message(self, module: str, new: str) -> str:
        provider = cdktn.provider_of_module(module)
        return f"`{module}` is `{new}` in CDK Terrain (package cdktn-provider-{provider})"

    def unmoved_message(self, module: str) -> str:
        provider = cdktn.provider_of_module(module)
        return (f"`{module}`: the {provider} provider has no prebuilt CDK Terrain package; generate its bindings with "
                f"`cdktn get` (name it in cdktf.json's terraformProviders) and import them from imports/; until then "
                f"`migrate` leaves the project unchanged (--allow-partial migrates the rest)")
