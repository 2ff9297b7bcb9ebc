"""`migrate --to cdktn --verify`: the normaliser, the comparison, the target environment's cache and the
command's contract. The apps here run on stand-in `cdktf`/`cdktn` modules that write a cdk.tf.json the
way the real ones do (the real synth is in test_synth.py), so each run takes a fraction of a second."""
from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from helpers import cli, snapshot

from fixer import migration
from fixer.migration import compare_documents, normalise

ROOT = "/home/me/payments"


def stack(version: str = "0.21.0", source: str = "aws", provider_version: str = "6.25.0", root: str = ROOT,
          bucket: str = "payments-audit-dev") -> dict:
    """A cdk.tf.json as cdktf writes it: a local backend under the project root, one provider, a resource,
    data source and output."""
    return {
        "//": {"metadata": {"backend": "local", "stackName": "Tap", "version": version},
               "outputs": {"Tap": {"vpc_id": "vpc_id"}}},
        "data": {"aws_region": {"current": {"//": {"metadata": {"path": "Tap/current"}}}}},
        "output": {"vpc_id": {"value": "${aws_vpc.vpc.id}"}},
        "provider": {"aws": [{"region": "us-east-1"}]},
        "resource": {
            "aws_s3_bucket": {"bucket": {"//": {"metadata": {"path": "Tap/bucket", "uniqueId": "bucket"}},
                                         "bucket": bucket, "tags": {"Name": "audit"}}},
            "aws_vpc": {"vpc": {"cidr_block": "10.0.0.0/16"}},
        },
        "terraform": {"backend": {"local": {"path": f"{root}/terraform.Tap.tfstate"}},
                      "required_providers": {"aws": {"source": source, "version": provider_version}}},
    }


AFTER_ROOT = "/tmp/cdktf-fixer-migrate-x/payments"


def test_what_a_migration_is_expected_to_change_normalises_away():
    before = normalise(stack(), (ROOT,))
    after = normalise(stack("0.24.0", "hashicorp/aws", "6.69.1", AFTER_ROOT), (AFTER_ROOT,))
    assert before == after
    assert before["terraform"] == {"backend": {"local": {"path": "<synth folder>/terraform.Tap.tfstate"}},
                                   "required_providers": {"aws": {"source": "hashicorp/aws"}}}
    assert "version" not in before["//"]["metadata"] and before["//"]["metadata"]["stackName"] == "Tap"
    assert compare_documents({"Tap": stack()}, {"Tap": stack("0.24.0", "hashicorp/aws", "6.69.1", AFTER_ROOT)},
                             (ROOT,), (AFTER_ROOT,)) == []


@pytest.mark.parametrize(("source", "same"), [("hashicorp/aws", True), ("registry.terraform.io/hashicorp/aws", True),
                                              ("AWS", True), ("someone/aws", False)])
def test_provider_sources_compare_as_terraform_resolves_them(source, same):
    assert (normalise(stack(source="aws")) == normalise(stack(source=source))) is same


def test_a_changed_attribute_is_reported_with_its_stack_address_and_key():
    after = stack("0.24.0", "hashicorp/aws", "6.69.1", AFTER_ROOT, bucket="payments-audit-prod")
    after["provider"]["aws"][0]["region"] = "eu-west-1"
    (bucket, region) = compare_documents({"Tap": stack()}, {"Tap": after}, (ROOT,), (AFTER_ROOT,))
    assert (bucket.stack, bucket.address, bucket.key, bucket.before, bucket.after) == (
        "Tap", "aws_s3_bucket.bucket", "bucket", "payments-audit-dev", "payments-audit-prod")
    assert (region.address, region.key, region.kind) == ("provider.aws", "[0].region", "changed")
    assert bucket.describe() == 'Tap aws_s3_bucket.bucket bucket: "payments-audit-dev" -> "payments-audit-prod"'


def test_vanished_and_added_blocks_and_stacks_are_reported_whole():
    after = stack()
    del after["resource"]["aws_vpc"]
    after["data"]["aws_caller_identity"] = {"me": {}}
    del after["output"]
    found = {(d.stack, d.address, d.key, d.kind) for d in compare_documents({"Tap": stack()}, {"Tap": after, "Extra": {}})}
    assert found == {("Tap", "aws_vpc.vpc", "", "vanished"), ("Tap", "data.aws_caller_identity.me", "", "added"),
                     ("Tap", "output.vpc_id", "", "vanished"), ("Extra", "", "", "added")}


def test_only_metadata_differences_do_not_refuse():
    after = stack()
    after["resource"]["aws_vpc"]["vpc"]["//"] = {"metadata": {"path": "Tap/vpc"}}
    after["//"]["metadata"]["overrides"] = {}
    differences = compare_documents({"Tap": stack()}, {"Tap": after})
    # the per-resource `//` is part of the resource's block: it refuses; the stack's `//` does not
    assert {(d.address, d.metadata_only) for d in differences} == {("aws_vpc.vpc", False), ("//", True)}
    synthesized = migration.SynthResult(True, "synthesized")
    assert not migration.MigrationVerification(synthesized, synthesized, differences).allowed
    metadata = [d for d in differences if d.metadata_only]
    assert migration.MigrationVerification(synthesized, synthesized, metadata).allowed


def test_provider_upgrades_are_notes():
    verification = migration.MigrationVerification(
        migration.SynthResult(True, "synthesized", documents={"Tap": stack()}),
        migration.SynthResult(True, "synthesized", documents={"Tap": stack(provider_version="6.69.1")}))
    assert verification.allowed and verification.provider_upgrades() == {"aws": ("6.25.0", "6.69.1")}


# --- the target environment ------------------------------------------------------------------------


def test_target_environment_is_built_once_per_set_of_versions_and_a_failed_build_leaves_nothing(monkeypatch):
    built = []

    def fake_checked(command, timeout):
        if command[1:3] == ["-m", "venv"]:
            python = Path(command[3]) / "bin" / "python"
            python.parent.mkdir(parents=True)
            python.write_text("")
        elif "broken==1" in command:
            raise migration.TargetEnvironmentError("pip failed")
        built.append(command)

    monkeypatch.setattr(migration, "_checked", fake_checked)
    first = migration.target_environment(["cdktn==0.24.0", "cdktn-provider-aws==25.8.1"])
    assert Path(first).is_relative_to(migration.environments_dir())
    assert built[-1][-2:] == ["cdktn==0.24.0", "cdktn-provider-aws==25.8.1"]  # pip installs exactly those
    count = len(built)
    assert migration.target_environment(["cdktn-provider-aws==25.8.1", "cdktn==0.24.0"]) == first  # reused
    assert len(built) == count
    other = migration.target_environment(["cdktn==0.24.0", "cdktn-provider-aws==25.9.0"])
    assert other != first and len(built) == count + 2
    with pytest.raises(migration.TargetEnvironmentError, match="pip failed"):
        migration.target_environment(["broken==1"])
    assert sorted(p.name.split("-")[-1] for p in migration.environments_dir().iterdir() if p.is_dir()) == sorted(
        Path(p).parents[1].name.split("-")[-1] for p in (first, other))


def test_target_requirements_follow_the_providers_the_migrated_code_imports(tmp_path):
    from fixer.cdktn import target_requirements

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.py").write_text("from cdktn_provider_aws.vpc import Vpc\nimport cdktn_provider_google_beta\n")
    (tmp_path / "main.py").write_text("from cdktn import App\n")
    assert migration.providers_imported(tmp_path) == {"aws", "google-beta"}
    requirements = target_requirements(migration.providers_imported(tmp_path))
    assert requirements[:2] == ["cdktn==0.24.0", "constructs>=10.6,<10.8"]
    assert "cdktn-provider-aws==25.8.1" in requirements
    assert any(r.startswith("cdktn-provider-google-beta==") for r in requirements)


# --- the command, with stand-in cdktf and cdktn modules ----------------------------------------------

# What `App().synth()` writes: stack.json of the project, with the core's version and a local backend in the
# folder the app runs in, as cdktf does. The cdktn stand-in applies TWEAK (a provider bug, say) to it.
FAKE_CORE = """
import json, os, time

VERSION = {version!r}
TWEAK = {tweak!r}


class App:
    def synth(self):
        document = json.load(open("stack.json"))
        document["//"]["metadata"]["version"] = VERSION
        document["terraform"]["backend"] = {{"local": {{"path": os.path.join(os.getcwd(), "terraform.Tap.tfstate")}}}}
        # a project may carry what the cdktn stand-in changes in it (a batch of repositories, each its own)
        project_tweak = document.pop("cdktn_tweak", {{}})
        if document.pop("from_the_clock", False):  # an app that stamps a resource with the time of its synth
            document["resource"]["aws_vpc"]["vpc"]["tags"] = {{"Built": str(time.time_ns())}}
        if document.pop("named_by_the_clock", False):  # ... or puts a fresh suffix in a construct id
            document["resource"]["aws_vpc"] = {{f"vpc-{{time.time_ns()}}": document["resource"]["aws_vpc"]["vpc"]}}
        document["resource"]["aws_s3_bucket"]["bucket"].update(TWEAK or (project_tweak if VERSION != "0.21.0" else {{}}))
        folder = os.path.join(os.environ["CDKTF_OUTDIR"], "stacks", "Tap")
        os.makedirs(folder)
        json.dump(document, open(os.path.join(folder, "cdk.tf.json"), "w"))
"""


def interpreter(folder: Path, module: str, version: str, tweak: dict | None = None) -> Path:
    """An interpreter (a shell script around this one) that imports `module` from a stand-in package."""
    (folder / module).mkdir(parents=True)
    (folder / module / "__init__.py").write_text(FAKE_CORE.format(version=version, tweak=tweak or {}))
    script = folder / "python"
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{folder}" exec "{sys.executable}" "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def project(root: Path, cdktn_tweak: dict | None = None, from_the_clock: bool = False,
            named_by_the_clock: bool = False) -> Path:
    root.mkdir(parents=True)
    (root / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}\n')
    (root / "main.py").write_text("from cdktf import App\n\nApp().synth()\n")
    (root / "requirements.txt").write_text("cdktf==0.21.0\n")
    document = stack()
    del document["terraform"]["backend"]
    if cdktn_tweak:
        document["cdktn_tweak"] = cdktn_tweak
    document["from_the_clock"] = from_the_clock
    document["named_by_the_clock"] = named_by_the_clock
    (root / "stack.json").write_text(json.dumps(document))
    return root


pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in interpreters are shell scripts")


def run_verify(tmp_path: Path, *extra: str, tweak: dict | None = None, from_the_clock: bool = False,
               named_by_the_clock: bool = False):
    root = project(tmp_path / "payments", from_the_clock=from_the_clock, named_by_the_clock=named_by_the_clock)
    before = interpreter(tmp_path / "before-env", "cdktf", "0.21.0")
    after = interpreter(tmp_path / "after-env", "cdktn", "0.24.0", tweak)
    return root, cli("migrate", "--to", "cdktn", "--verify", "--python", before, "--target-python", after, *extra, root)


def test_verify_writes_the_migration_when_the_stacks_are_the_same(tmp_path):
    root, outcome = run_verify(tmp_path)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "the migration may be written" in outcome.stderr
    assert (root / "main.py").read_text() == "from cdktn import App\n\nApp().synth()\n"
    assert (root / "requirements.txt").read_text() == "cdktn>=0.24,<0.25\n"
    assert not (root / "cdktf.out").exists() and not (root / "terraform.Tap.tfstate").exists()


def test_verify_writes_nothing_and_names_what_differs(tmp_path):
    untouched = snapshot(project(tmp_path / "reference"))
    root, outcome = run_verify(tmp_path, tweak={"bucket": "payments-audit-prod"})
    assert outcome.exit_code == 1
    assert snapshot(root) == untouched
    assert 'Tap aws_s3_bucket.bucket bucket: "payments-audit-dev" -> "payments-audit-prod"' in outcome.stderr
    assert "migration not written" in outcome.stderr


def test_a_value_that_differs_between_two_synths_of_the_unmigrated_project_refuses_nothing(tmp_path):
    root, outcome = run_verify(tmp_path, from_the_clock=True)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "unstable Tap aws_vpc.vpc tags.Built" in outcome.stderr and "the migration may be written" in outcome.stderr
    assert (root / "main.py").read_text() == "from cdktn import App\n\nApp().synth()\n"


def test_blocks_named_afresh_by_each_synth_are_unstable_when_every_type_counts_the_same(tmp_path):
    root, outcome = run_verify(tmp_path, named_by_the_clock=True)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "unstable Tap aws_vpc.vpc-" in outcome.stderr and ": added" in outcome.stderr
    assert "the migration may be written" in outcome.stderr


def test_a_block_type_that_counts_differently_is_not_hidden_by_unstable_names():
    def synth(*labels: str) -> dict:
        return {"Tap": {"resource": {"aws_vpc": {label: {"cidr_block": "10.0.0.0/16"} for label in labels}}}}

    before, again, after = synth("vpc-1"), synth("vpc-2"), synth("vpc-3", "vpc-4")
    differences = migration.mark_unstable(compare_documents(before, after), compare_documents(before, again),
                                          before, after)
    assert {(d.address, d.unstable) for d in differences} == {
        ("aws_vpc.vpc-1", True), ("aws_vpc.vpc-3", False), ("aws_vpc.vpc-4", False)}  # one more vpc: refused
    same = migration.mark_unstable(compare_documents(before, synth("vpc-3")), compare_documents(before, again),
                                   before, synth("vpc-3"))
    assert all(d.unstable for d in same)


def test_an_unstable_value_does_not_hide_a_real_difference(tmp_path):
    untouched = snapshot(project(tmp_path / "reference", from_the_clock=True))
    root, outcome = run_verify(tmp_path, tweak={"bucket": "payments-audit-prod"}, from_the_clock=True)
    assert outcome.exit_code == 1 and snapshot(root) == untouched
    assert "unstable Tap aws_vpc.vpc tags.Built" in outcome.stderr
    assert 'differs  Tap aws_s3_bucket.bucket bucket: "payments-audit-dev" -> "payments-audit-prod"' in outcome.stderr
    assert "REFUSED: 1 difference in the synthesized stacks" in outcome.stderr


def test_verify_writes_nothing_when_the_migrated_copy_does_not_synthesize(tmp_path):
    root = project(tmp_path / "payments")
    untouched = snapshot(root)
    before = interpreter(tmp_path / "before-env", "cdktf", "0.21.0")
    after = interpreter(tmp_path / "after-env", "not_cdktn", "0.24.0")  # no cdktn module there
    outcome = cli("migrate", "--to", "cdktn", "--verify", "--python", before, "--target-python", after, root)
    assert outcome.exit_code == 1
    assert snapshot(root) == untouched
    assert "fails (import)" in outcome.stderr and "does not synthesize" in outcome.stderr


def test_verify_with_diff_prints_the_migration_and_writes_nothing_either_way(tmp_path):
    untouched = snapshot(project(tmp_path / "reference"))
    root, outcome = run_verify(tmp_path, "--diff", tweak={"bucket": "x"})
    assert outcome.exit_code == 1 and "+from cdktn import App" in outcome.stdout and "REFUSED" in outcome.stderr
    assert snapshot(root) == untouched


def test_verify_usage_errors_exit_2(tmp_path):
    root = project(tmp_path / "payments")
    assert cli("migrate", "--to", "cdktf", "--keep-addresses", root).exit_code == 2  # needs --verify
    assert cli("migrate", "--to", "cdktn", "--verify", "--keep-addresses", root).exit_code == 2  # upgrades only
    assert cli("migrate", "--to", "cdktn", "--python", sys.executable, root).exit_code == 2  # needs --verify
    assert cli("migrate", "--to", "cdktn", "--target-python", sys.executable, root).exit_code == 2
    assert cli("migrate", "--to", "cdktn", "--verify", root, root).exit_code == 2  # one project folder
    missing = cli("migrate", "--to", "cdktn", "--verify", "--python", tmp_path / "nope", "--target-python",
                  sys.executable, root)
    assert missing.exit_code == 2 and "not found" in missing.stderr
    assert (root / "main.py").read_text().startswith("from cdktf import")


# --- an upgrade from an old core: the same proof, blocks paired by construct path ----------------------

OLD_IDS = {"bucket": "tap_bucket_5366E848", "vpc": "tap_vpc_4161EAED"}  # what cdktf 0.12 names them


def old_core(folder: Path, tweak: dict | None = None) -> Path:
    """A stand-in for cdktf 0.12: the stack id in every logical id, references to match."""
    script = interpreter(folder, "cdktf", "0.12.3", tweak)
    core = folder / "cdktf" / "__init__.py"
    core.write_text(core.read_text().replace(
        '        folder = os.path.join(os.environ["CDKTF_OUTDIR"], "stacks", "Tap")',
        '        ids = ' + repr(OLD_IDS) + '\n'
        '        for kind in document["resource"].values():\n'
        '            for label in list(kind):\n'
        '                kind[ids[label]] = kind.pop(label)\n'
        '                kind[ids[label]]["//"] = {"metadata": {"path": "Tap/" + label, "uniqueId": ids[label]}}\n'
        '        document["output"]["vpc_id"]["value"] = "${aws_vpc.tap_vpc_4161EAED.id}"\n'
        '        folder = os.path.join(os.environ["CDKTF_OUTDIR"], "stacks", "Tap")'))
    return script


def new_core(folder: Path, tweak: dict | None = None) -> Path:
    script = interpreter(folder, "cdktf", "0.21.0", tweak)
    core = folder / "cdktf" / "__init__.py"
    core.write_text(core.read_text().replace(
        '        folder = os.path.join(os.environ["CDKTF_OUTDIR"], "stacks", "Tap")',
        '        for kind in document["resource"].values():\n'
        '            for label in kind:\n'
        '                kind[label]["//"] = {"metadata": {"path": "Tap/" + label, "uniqueId": label}}\n'
        '        folder = os.path.join(os.environ["CDKTF_OUTDIR"], "stacks", "Tap")'))
    return script


def test_an_upgrade_verification_pairs_the_changed_addresses_and_finds_nothing_else(tmp_path):
    root = project(tmp_path / "payments")
    verification = migration.verify_upgrade(root, None, None, "fix", python=str(old_core(tmp_path / "old")),
                                            target_python=str(new_core(tmp_path / "new")))
    assert verification.allowed, verification.to_json()
    assert {(c.before, c.after) for c in verification.addresses.moves} == {
        ("aws_s3_bucket.tap_bucket_5366E848", "aws_s3_bucket.bucket"), ("aws_vpc.tap_vpc_4161EAED", "aws_vpc.vpc")}


def test_an_upgrade_that_changes_more_than_addresses_is_refused(tmp_path):
    root = project(tmp_path / "payments")
    # the new core's stand-in changes a value (as a renamed argument the upgrade got wrong would)
    new = new_core(tmp_path / "new", {"bucket": "payments-audit-prod"})
    verification = migration.verify_upgrade(root, None, None, "fix", python=str(old_core(tmp_path / "old")),
                                            target_python=str(new))
    assert not verification.allowed
    assert [d.describe() for d in verification.blocking] == [
        'Tap aws_s3_bucket.bucket bucket: "payments-audit-dev" -> "payments-audit-prod"']


def test_an_upgrade_without_an_environment_or_pins_asks_for_python(tmp_path):
    root = project(tmp_path / "payments")
    (root / "requirements.txt").write_text("requests\n")
    with pytest.raises(migration.TargetEnvironmentError, match="--python"):
        migration.verify_upgrade(root, None, None, "fix")
    pinned = project(tmp_path / "pinned")  # pins are read once per folder and process
    (pinned / "requirements.txt").write_text("cdktf==0.12.3\ncdktf-cdktf-provider-aws~=9.0\nconstructs>=10.0.0\nboto3\n")
    assert migration.pinned_requirements(pinned) == ["cdktf-cdktf-provider-aws~=9.0", "cdktf==0.12.3", "constructs>=10.0.0"]


def test_migrate_to_cdktf_verify_prints_the_changed_addresses_and_writes_the_state_moves(tmp_path):
    root = project(tmp_path / "payments")
    (root / "requirements.txt").write_text("cdktf==0.12.3\n")
    old, new = old_core(tmp_path / "old"), new_core(tmp_path / "new")
    previewed = cli("migrate", "--to", "cdktf", "--verify", "--diff", "--python", old, "--target-python", new, root)
    assert previewed.exit_code == 1, previewed.stdout + previewed.stderr  # the pins' change is pending
    assert not (root / "cdktf-state-moves.sh").exists() and "fix mode writes cdktf-state-moves.sh" in previewed.stderr

    outcome = cli("migrate", "--to", "cdktf", "--verify", "--python", old, "--target-python", new, root)

    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "address  Tap aws_s3_bucket.tap_bucket_5366E848 -> aws_s3_bucket.bucket" in outcome.stderr
    assert "the upgrade may be written" in outcome.stderr
    script = (root / "cdktf-state-moves.sh").read_text()
    assert "terraform state mv aws_s3_bucket.tap_bucket_5366E848 aws_s3_bucket.bucket" in script
    assert "terraform state mv aws_vpc.tap_vpc_4161EAED aws_vpc.vpc" in script
    assert (root / "requirements.txt").read_text().startswith("cdktf>=0.21,<0.22")


def test_migrate_to_cdktf_verify_writes_nothing_when_more_than_addresses_change(tmp_path):
    root = project(tmp_path / "payments")
    (root / "requirements.txt").write_text("cdktf==0.12.3\n")
    untouched = snapshot(root)
    outcome = cli("migrate", "--to", "cdktf", "--verify", "--python", old_core(tmp_path / "old"), "--target-python",
                  new_core(tmp_path / "new", {"bucket": "payments-audit-prod"}), root)
    assert outcome.exit_code == 1
    assert 'differs  Tap aws_s3_bucket.bucket bucket: "payments-audit-dev" -> "payments-audit-prod"' in outcome.stderr
    assert "upgrade not written" in outcome.stderr and snapshot(root) == untouched


def test_an_upgrade_verification_runs_the_recipes_as_the_upgrade_does_whatever_the_stale_lock_says(tmp_path):
    """The copy that is synthesized must be the upgrade that is written: its recipe rules answer from the
    declarations, not from a lock file that still names the old line."""
    root = project(tmp_path / "payments")
    (root / "main.py").write_text('from cdktf import App\nfrom cdktf_cdktf_provider_aws.eip import Eip\n\n'
                                  'app = App()\nEip(app, "nat", vpc=True)\napp.synth()\n')
    (root / "Pipfile").write_text('[packages]\ncdktf-cdktf-provider-aws = "*"\n')
    (root / "Pipfile.lock").write_text(json.dumps({"default": {"cdktf-cdktf-provider-aws": {"version": "==9.0.52"}}}))
    verification = migration.verify_upgrade(root, None, None, "fix", python=str(old_core(tmp_path / "old")),
                                            target_python=str(new_core(tmp_path / "new")), recipes=["CTB008"])
    assert "main.py" in verification.changed
