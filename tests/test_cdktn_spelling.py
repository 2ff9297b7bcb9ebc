"""Rules treat CDK Terrain's `cdktn_provider_<x>` as `cdktf_cdktf_provider_<x>`: without the cdktn package
installed, the provider's cdktf twin answers (the shipped AWS schema, or the installed cdktf package), and a
project that pins a cdktn version the twin is not gets no answer (the golden `*-cdktn` cases show the rules)."""
from __future__ import annotations

from fixer.providers import load_index, pinned_mismatch, snapshot_files, spec_for


def test_cdktn_aws_answers_from_the_shipped_cdktf_schema(tmp_path):
    spec = spec_for("cdktn_provider_aws")
    index = load_index(spec, tmp_path)
    assert index is not None and index.spec.package == "cdktn_provider_aws"
    assert index.version == "21.22.1" and index.source.startswith("snapshot:cdktf-cdktf-provider-aws-21.22.1")
    assert "S3BucketVersioningA" in index.exports("s3_bucket_versioning")
    assert [p.name for p in snapshot_files(spec)] == ["cdktf-cdktf-provider-aws-21.22.1.schema.zip"]


def test_a_cdktn_provider_without_a_shipped_schema_answers_from_its_installed_cdktf_twin(tmp_path):
    index = load_index(spec_for("cdktn_provider_random"), tmp_path)
    assert index is not None and index.version == "12.0.1" and "cdktf_cdktf_provider_random" in index.source
    assert "Password" in index.exports("password")


def test_a_project_pinning_a_newer_cdktn_provider_gets_no_answer_from_the_cdktf_schema(tmp_path):
    pinned, unpinned = tmp_path / "pinned", tmp_path / "unpinned"
    for folder, requirement in ((pinned, "cdktn-provider-aws>=25.8,<26\n"), (unpinned, "cdktn-provider-aws\n")):
        folder.mkdir()
        (folder / "requirements.txt").write_text(requirement)
    assert pinned_mismatch(spec_for("cdktn_provider_aws"), pinned) is not None
    assert pinned_mismatch(spec_for("cdktn_provider_aws"), unpinned) is None
