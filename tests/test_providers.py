"""The provider index: read statically from the installed package, cached per version, snapshot fallback."""
from __future__ import annotations

import sys

import pytest

from codemods.provider_api.provider_class_names import resolve
from fixer import providers
from fixer.providers import (
    PROVIDERS,
    ProviderIndex,
    load_index,
    load_snapshot,
    snapshot_files,
)

AWS = PROVIDERS[0]


def test_index_is_read_without_importing_the_provider():
    sys.modules.pop("cdktf_cdktf_provider_aws", None)
    index = load_index(AWS)
    assert index is not None and index.source.startswith("installed:")
    assert "cdktf_cdktf_provider_aws" not in sys.modules
    assert "S3BucketVersioningA" in index.exports("s3_bucket_versioning")
    assert index.home_of("AwsProvider") == "provider"


def test_shipped_snapshot_matches_the_pinned_installed_provider():
    installed = load_index(AWS)
    snapshot = load_snapshot(snapshot_files(AWS)[-1])
    assert snapshot["version"] == installed.version
    assert {m: set(n) for m, n in snapshot["modules"].items()} == {m: set(n) for m, n in installed.modules.items()}


def test_snapshot_is_used_when_the_provider_is_not_installed(monkeypatch):
    monkeypatch.setattr(providers, "_find_installed", lambda spec, paths: None)
    index = load_index(AWS)
    assert index is not None and index.source.startswith("snapshot:") and index.version == "21.22.1"
    assert index.home_of("DataAwsVpc") == "data_aws_vpc"


def test_index_is_cached_per_version(monkeypatch, tmp_path):
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(tmp_path))
    first = load_index(AWS)
    cached = tmp_path / "providers" / f"{AWS.distribution}-{first.version}.json"
    assert cached.is_file()
    monkeypatch.setattr(providers, "read_installed", lambda *a: pytest.fail("index rebuilt despite the cache"))
    assert load_index(AWS).modules == first.modules


def test_project_virtualenv_provider_wins(tmp_path):
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"
    package = site / "cdktf_cdktf_provider_aws"
    (package / "vpc").mkdir(parents=True)
    (package / "__init__.py").write_text('__all__ = [\n    "vpc",\n]\n')
    (package / "vpc" / "__init__.py").write_text('__all__ = [\n    "Vpc",\n    "VpcConfig",\n]\n')
    (site / "cdktf_cdktf_provider_aws-99.0.0.dist-info").mkdir()
    index = load_index(AWS, tmp_path)
    assert index.version == "99.0.0" and index.modules == {"vpc": frozenset({"Vpc", "VpcConfig"})}


@pytest.fixture(scope="module")
def aws() -> ProviderIndex:
    return load_index(AWS)


@pytest.mark.parametrize(
    "module, name, expected",
    [
        ("s3_bucket_versioning", "S3BucketVersioningA", None),
        ("s3_bucket_versioning", "S3BucketVersioning", ("s3_bucket_versioning", "S3BucketVersioningA", "safe")),
        # the module named after the class beats the inline-block struct of the same name in s3_bucket
        (None, "S3BucketVersioning", ("s3_bucket_versioning", "S3BucketVersioningA", "safe")),
        (None, "Vpc", ("vpc", "Vpc", "safe")),
        (None, "vpc", None),
        ("vpc", "DataAwsVpc", ("data_aws_vpc", "DataAwsVpc", "safe")),
        ("security_group", "SecurityGroupRule", ("security_group_rule", "SecurityGroupRule", "safe")),
        ("vpc_peering_connection_accepter", "VpcPeeringConnectionAccepter",
         ("vpc_peering_connection_accepter", "VpcPeeringConnectionAccepterA", "safe")),
        ("s3_bucket_versioning", "S3BucketVersioningConfiguration",
         ("s3_bucket_versioning", "S3BucketVersioningVersioningConfiguration", "unsafe")),
        ("lb_target_group", "LbTargetGroupStickinessConfig", ("lb_target_group", "LbTargetGroupStickiness", "unsafe")),
        ("instance", "InstanceBlockDevice", ("none",)),
        ("ecs_task_definition", "EcsTaskDefinitionContainerDefinitions", ("none",)),
        ("no_such_module", "Zzzz", ("none",)),
    ],
)
def test_resolve(aws, module, name, expected):
    got = resolve(aws, module, name)
    if expected is None:
        assert got.fix is None
    elif expected == ("none",):
        assert got.fix is not None and got.fix.value == "none" and got.name is None
    else:
        assert (got.module, got.name, got.fix.value) == expected


def test_projects_share_one_loaded_index(tmp_path):
    # a monorepo of many small projects must not hold one 25,000-name index per project
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    assert load_index(AWS, first) is load_index(AWS, second)


def test_signatures_are_read_from_the_installed_source():
    sys.modules.pop("cdktf_cdktf_provider_aws", None)
    index = load_index(AWS)
    resource = index.signature("s3_bucket_versioning", "S3BucketVersioningA")
    assert resource.positional == ("scope", "id_") and {"bucket", "versioning_configuration"} <= resource.keywords
    assert not resource.takes_scalar("versioning_configuration") and resource.takes_scalar("bucket")
    struct = index.signature("dynamodb_table", "DynamodbTableAttribute")  # a one-line signature
    assert struct.positional == () and struct.keywords == {"name", "type"}
    assert "self_attribute" in index.signature("security_group", "SecurityGroupIngress").keywords
    assert index.signature("s3_bucket", "NoSuchClass") is None
    assert "cdktf_cdktf_provider_aws" not in sys.modules


def test_snapshot_has_no_signatures(monkeypatch):
    monkeypatch.setattr(providers, "_find_installed", lambda spec, paths: None)
    assert load_index(AWS).signature("s3_bucket", "S3Bucket") is None
