"""The provider-argument recipe table against the provider schema shipped with cdktf-fixer (21.22.1):
every entry names an argument the current class no longer takes, and what it says to write instead exists."""
from __future__ import annotations

import pytest

from fixer.providers import AWS, ProviderIndex, pascal, snapshot_files
from fixer.providers.recipes import load, recipes_for
from fixer.providers.schema import Schema

RECIPES = load("aws")
GUIDE_PACKAGE = {"5": "16.0.0", "6": "21.0.0"}  # hashicorp/aws major -> first cdktf-cdktf-provider-aws carrying it


@pytest.fixture(scope="module")
def index() -> ProviderIndex:
    shipped = snapshot_files(AWS)[-1]
    assert shipped.name == "cdktf-cdktf-provider-aws-21.22.1.schema.zip"
    return ProviderIndex.from_schema(AWS, f"snapshot:{shipped.name}", Schema(shipped))


def test_the_table_has_the_changes_the_issue_names():
    assert len(RECIPES) >= 30
    named = {(r.resource, r.argument) for r in RECIPES}
    assert {("aws_db_instance", "name"), ("aws_eip", "vpc"), ("aws_instance", "cpu_core_count"),
            ("aws_ecs_cluster", "capacity_providers"), ("aws_secretsmanager_secret", "rotation_rules"),
            ("aws_api_gateway_deployment", "stage_name"), ("aws_eks_addon", "resolve_conflicts")} <= named
    assert len(named) == len(RECIPES), "one entry per argument"


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: f"{r.resource}.{r.argument}")
def test_recipe_matches_the_schema(recipe, index):
    class_name = pascal(recipe.module)
    signature = index.signature(recipe.module, class_name)
    assert signature is not None, f"{recipe.module}.{class_name} is not a class of 21.22.1"
    if recipe.kind == "unwrap":  # the keyword stayed, with a scalar type; the block's fields moved up
        assert signature.takes_scalar(recipe.argument) and recipe.fields
        assert set(recipe.fields) <= signature.keywords
    else:
        assert recipe.argument not in signature.keywords, "the old argument is still accepted: not a breaking change"
    major = recipe.terraform.split(".")[0]
    assert recipe.source.startswith(
        f"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-{major}-upgrade#")
    assert recipe.package == GUIDE_PACKAGE[major]
    if recipe.kind == "rename":
        assert recipe.to in signature.keywords
        assert recipe.shape in (None, "list") and (recipe.shape is None or recipe.use)
    elif recipe.kind == "value":
        assert recipe.values
        for rewrite in recipe.values:
            assert {k for k, _ in rewrite.keywords} <= signature.keywords
    elif recipe.kind == "regroup":
        block = signature.props[recipe.block].type
        assert block[0] == "ref", "the block is a nested struct"
        assert recipe.to in index.props(block[1], block[2])
    elif recipe.kind == "split":
        into = index.signature(recipe.into_module, pascal(recipe.into_module))
        assert into is not None, f"{recipe.into} is not a resource of 21.22.1"
        assert recipe.to == "*" or recipe.to in into.keywords
        for keyword, link in recipe.link:
            assert keyword in into.keywords
            what, _, name = link.partition(":")
            assert what in ("attr", "arg") and (name == "id" or name in signature.keywords)
    elif recipe.kind != "unwrap":
        assert recipe.kind == "removed" and recipe.use


def test_recipes_apply_only_from_the_version_that_carries_the_change(index):
    eip_then = ProviderIndex.from_schema(AWS, index.source, index.schema)
    assert set(recipes_for(eip_then, "eip", "Eip")) == {"vpc"}
    eip_then.version = "20.1.0"  # hashicorp/aws 5.x: `vpc` was still an argument
    assert recipes_for(eip_then, "eip", "Eip") == {}
    assert set(recipes_for(index, "db_instance", "DbInstance")) == {"name", "security_group_names"}
    assert recipes_for(index, "eip", "EipConfig") == {}  # structs are not the resource class


def test_cdk_terrain_providers_carry_every_change_and_cdktf_get_bindings_none(index):
    from fixer.providers import ProviderSpec

    terrain = ProviderIndex.from_schema(ProviderSpec("cdktn_provider_aws", "cdktn-provider-aws"), index.source, index.schema)
    terrain.version = "1.0.0"  # CDK Terrain numbers its releases afresh: all of them come after 21.x
    assert set(recipes_for(terrain, "eip", "Eip")) == {"vpc"}
    local = ProviderIndex.from_schema(ProviderSpec("imports.aws", "imports/aws"), index.source, index.schema)
    assert recipes_for(local, "eip", "Eip") == {}  # `cdktf get` bindings: their version says nothing of the provider
