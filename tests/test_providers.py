"""The provider index: built from the jsii assembly, cached per version, the shipped schema as fallback."""
from __future__ import annotations

import ast
import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

from codemods.provider_api.provider_class_names import resolve
from fixer import providers
from fixer.providers import (
    PROVIDERS,
    ProviderIndex,
    installed_providers,
    load_index,
    provider_package,
    read_installed,
    snapshot_files,
)
from fixer.providers.assembly import snake
from fixer.providers.schema import Schema

AWS = PROVIDERS[0]


def test_index_is_read_without_importing_the_provider():
    sys.modules.pop("cdktf_cdktf_provider_aws", None)
    index = load_index(AWS)
    assert index is not None and index.source.startswith("installed:")
    assert "cdktf_cdktf_provider_aws" not in sys.modules
    assert "S3BucketVersioningA" in index.exports("s3_bucket_versioning")
    assert index.home_of("AwsProvider") == "provider"


def test_shipped_schema_matches_the_pinned_installed_provider():
    # the names jsii generated (each module's `__all__`) are the names the schema derives from the assembly
    installed = load_index(AWS)
    shipped = Schema(snapshot_files(AWS)[-1])
    assert shipped.version == installed.version
    generated = read_installed(AWS, Path(installed.source.removeprefix("installed:")))
    assert {m: set(n) for m, n in shipped.names.items()} == {m: set(n) for m, n in generated.items()}


def test_schema_keywords_are_the_generated_python_signatures(aws):
    """Every keyword-only parameter of the generated `__init__`s of a few modules, read from the source."""
    package = Path(aws.source.removeprefix("installed:"))
    for module in ("s3_bucket_lifecycle_configuration", "security_group", "wafv2_ip_set", "dynamodb_table"):
        tree = ast.parse((package / module / "__init__.py").read_text(encoding="utf-8"))
        checked = 0
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            init = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
            signature = aws.signature(module, node.name)
            if init is None or signature is None:
                continue
            assert signature.keywords == {a.arg for a in init.args.kwonlyargs}, (module, node.name)
            assert signature.positional == tuple(a.arg for a in init.args.args[1:]), (module, node.name)
            checked += 1
        assert checked >= 2


@pytest.mark.parametrize("jsii, python", [
    ("ipv6CidrBlock", "ipv6_cidr_block"), ("s3BucketACL", "s3_bucket_acl"), ("lambda", "lambda_"),
    ("accessanalyzerAnalyzer", "accessanalyzer_analyzer"), ("selfAttribute", "self_attribute"), ("name", "name"),
])
def test_snake_names(jsii, python):
    assert snake(jsii) == python


@pytest.mark.parametrize("dotted, package", [
    ("cdktf_cdktf_provider_aws.s3_bucket", "cdktf_cdktf_provider_aws"),
    ("cdktn_provider_random", "cdktn_provider_random"),
    ("imports.aws.vpc", "imports.aws"),
    ("imports", None), ("cdktf", None), ("cdktf_cdktf_provider_", None), (None, None),
])
def test_provider_package(dotted, package):
    assert provider_package(dotted) == package


def test_snapshot_is_used_when_the_provider_is_not_installed(monkeypatch):
    monkeypatch.setattr(providers, "_find_installed", lambda spec, paths: None)
    index = load_index(AWS)
    assert index is not None and index.source.startswith("snapshot:") and index.version == "21.22.1"
    assert index.home_of("DataAwsVpc") == "data_aws_vpc"


def _fake_provider(site: Path | None, version: str, package: Path | None = None) -> Path:
    """A tiny jsii provider package: one module, one resource with a config, one struct."""
    package = package or site / "cdktf_cdktf_provider_tiny"
    (package / "thing").mkdir(parents=True)
    (package / "__init__.py").write_text('__all__ = [\n    "thing",\n]\n')
    (package / "thing" / "__init__.py").write_text('__all__ = ["Thing", "ThingConfig", "ThingBlock"]\n')
    if site is not None:
        (site / f"cdktf_cdktf_provider_tiny-{version}.dist-info").mkdir()
    fqn = "@cdktf/provider-tiny.thing."
    assembly = {
        "name": "@cdktf/provider-tiny", "version": version,
        "targets": {"python": {"module": "cdktf_cdktf_provider_tiny", "distName": "cdktf-cdktf-provider-tiny"}},
        "types": {
            fqn + "Thing": {"assembly": "@cdktf/provider-tiny", "kind": "class", "name": "Thing", "namespace": "thing",
                            "initializer": {"parameters": [
                                {"name": "scope", "type": {"fqn": "constructs.Construct"}},
                                {"name": "id", "type": {"primitive": "string"}},
                                {"name": "config", "type": {"fqn": fqn + "ThingConfig"}}]}},
            fqn + "ThingConfig": {"assembly": "@cdktf/provider-tiny", "kind": "interface", "datatype": True,
                                  "name": "ThingConfig", "namespace": "thing",
                                  "interfaces": ["cdktf.TerraformMetaArguments"],
                                  "properties": [
                                      {"name": "sizeGb", "type": {"primitive": "number"}},
                                      {"name": "block", "optional": True, "type": {"union": {"types": [
                                          {"fqn": "cdktf.IResolvable"},
                                          {"collection": {"kind": "array", "elementtype": {"fqn": fqn + "ThingBlock"}}}]}}}]},
            fqn + "ThingBlock": {"assembly": "@cdktf/provider-tiny", "kind": "interface", "datatype": True,
                                 "name": "ThingBlock", "namespace": "thing",
                                 "properties": [{"name": "enabled", "optional": True, "type": {"primitive": "boolean"}}]},
        },
    }
    (package / "_jsii").mkdir()
    data = json.dumps(assembly).encode()
    with tarfile.open(package / "_jsii" / f"provider-tiny@{version}.jsii.tgz", "w:gz") as tar:
        info = tarfile.TarInfo("package/.jsii")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return package


def test_schema_is_built_from_the_assembly_and_cached_per_version(monkeypatch, tmp_path):
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(providers, "_LOADED", {})
    site = tmp_path / "project" / ".venv" / "lib" / "python3.11" / "site-packages"
    _fake_provider(site, "1.2.3")
    spec = providers.spec_for("cdktf_cdktf_provider_tiny")
    index = load_index(spec, tmp_path / "project")
    assert index.version == "1.2.3" and index.schema is not None
    signature = index.signature("thing", "Thing")
    assert signature.positional == ("scope", "id")
    assert {"size_gb", "block", "depends_on", "for_each"} <= signature.keywords
    assert signature.props["block"].type == ["array", ["ref", "thing", "ThingBlock"]]
    assert signature.props["size_gb"].required and not signature.props["block"].required
    assert index.signature("thing", "ThingBlock").keywords == {"enabled"}
    assert spec in installed_providers(tmp_path / "project")
    cached = list((tmp_path / "cache" / "providers").glob("cdktf-cdktf-provider-tiny-1.2.3-*.schema.zip"))
    assert len(cached) == 1
    monkeypatch.setattr(providers, "_LOADED", {})
    monkeypatch.setattr(providers, "read_tarball", lambda *a: pytest.fail("schema rebuilt despite the cache"))
    assert load_index(spec, tmp_path / "project").signature("thing", "Thing") == signature


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


def test_signatures_come_from_the_schema():
    sys.modules.pop("cdktf_cdktf_provider_aws", None)
    index = load_index(AWS)
    resource = index.signature("s3_bucket_versioning", "S3BucketVersioningA")
    assert resource.positional == ("scope", "id_") and {"bucket", "versioning_configuration"} <= resource.keywords
    assert not resource.takes_scalar("versioning_configuration") and resource.takes_scalar("bucket")
    struct = index.signature("dynamodb_table", "DynamodbTableAttribute")
    assert struct.positional == () and struct.keywords == {"name", "type"}
    assert "self_attribute" in index.signature("security_group", "SecurityGroupIngress").keywords
    assert index.signature("s3_bucket", "NoSuchClass") is None
    assert index.signature("s3_bucket", "S3BucketVersioningOutputReference") is None
    assert "cdktf_cdktf_provider_aws" not in sys.modules


def test_shipped_snapshot_answers_signatures(monkeypatch):
    monkeypatch.setattr(providers, "_find_installed", lambda spec, paths: None)
    monkeypatch.setattr(providers, "_LOADED", {})
    index = load_index(AWS)
    assert index.source.startswith("snapshot:")
    assert "force_destroy" in index.signature("s3_bucket", "S3Bucket").keywords


def test_imports_bindings_from_cdktf_get_are_a_provider(monkeypatch, tmp_path):
    """`cdktf get` writes jsii bindings into the project's imports/: their assembly answers like a prebuilt
    provider's, for names, keywords and value types."""
    from helpers import cli

    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(tmp_path / "cache"))
    project = tmp_path / "app"
    _fake_provider(None, "0.0.0", project / "imports" / "tiny")
    (project / "cdktf.json").write_text('{"language": "python", "app": "python3 main.py"}')
    (project / "main.py").write_text(
        "from imports.tiny.thing import Thing, ThingBlock\n\n"
        "Thing(self, 'a', size_gb='20', block=ThingBlock(enabled=True), colour='red')\n"
    )
    report = cli("check", project, "--no-cache", "--output-format", "json").json()
    messages = sorted(f["code"] + " " + f["message"].split(";")[0] for f in report["findings"])
    assert messages == [
        "CTB006 `Thing` takes no keyword `colour`",
        "CTB007 `block` of `Thing` takes a list of `ThingBlock` blocks",
        "CTB007 `size_gb` of `Thing` takes a number, not a string",
    ]
    (tiny,) = [p for p in report["projects"][0]["providers"] if p["distribution"] == "imports/tiny"]
    assert tiny["version"] == "0.0.0" and tiny["source"] == "project environment"


@pytest.mark.parametrize("core", ["cdktf", "cdktn"])
def test_a_cdk_terrain_assembly_reads_like_a_cdktf_one(core):
    from fixer.providers.assembly import compact

    fqn = "@cdktn/provider-tiny.thing."
    assembly = {"name": "@cdktn/provider-tiny", "version": "1.0.0", "targets": {"python": {"module": "cdktn_provider_tiny"}},
                "types": {fqn + "ThingConfig": {
                    "assembly": "@cdktn/provider-tiny", "kind": "interface", "datatype": True, "name": "ThingConfig",
                    "namespace": "thing", "interfaces": [f"{core}.TerraformMetaArguments"],
                    "properties": [{"name": "enabled", "type": {"union": {"types": [
                        {"primitive": "boolean"}, {"fqn": f"{core}.IResolvable"}]}}}]}}}
    props = {p[0]: p for p in compact(assembly)["modules"]["thing"]["ThingConfig"]["props"]}
    assert props["enabled"][2] == "boolean"  # a token is accepted everywhere: no union left
    assert {"depends_on", "for_each", "provider"} <= set(props)


def test_an_installed_provider_version_comes_from_the_dist_info_beside_it(tmp_path, monkeypatch):
    """A provider found on the import path takes its version from the one dist-info beside it; with two
    there (a broken upgrade), importlib.metadata, which knows which one Python uses, answers."""
    from importlib import metadata

    from fixer.providers import _find_installed, spec_for

    site = tmp_path / "site"
    site.mkdir()
    package = _fake_provider(site, "3.2.1")
    monkeypatch.syspath_prepend(str(site))
    spec = spec_for("cdktf_cdktf_provider_tiny")
    asked = []
    monkeypatch.setattr(metadata, "version", lambda name: asked.append(name) or "9.9.9")
    assert _find_installed(spec, []) == (package, "3.2.1") and asked == []
    (site / "cdktf_cdktf_provider_tiny-3.0.0.dist-info").mkdir()
    assert _find_installed(spec, []) == (package, "9.9.9") and asked == ["cdktf-cdktf-provider-tiny"]
