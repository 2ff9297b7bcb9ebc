"""`migrate --to cdktf`: where a stranded project stands, the old -> new class map of real provider
releases, and the command. Old releases are downloaded once (tests/conftest.py keeps them across sessions)."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from helpers import GOLDEN, cli, snapshot

from fixer.providers import releases

AWS = "cdktf-cdktf-provider-aws"
WHOLE_PROJECT = GOLDEN / "CTU001-provider-class-modules" / "whole-project"


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(textwrap.dedent(text).lstrip("\n"))
    return root


@pytest.fixture(scope="session")
def aws9_map(_release_cache, tmp_path_factory):
    """The 9.0.52 -> 21.22.1 map, computed once per session (from the cached wheel and the installed target),
    under the session's cache folder as every test sees it."""
    patch = pytest.MonkeyPatch()
    patch.setenv("CDKTF_FIXER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    try:
        yield releases.name_map(AWS, "9.0.52")
    finally:
        patch.undo()


# --- where the project stands ----------------------------------------------------------------------------


@pytest.mark.parametrize(("specifier", "version"), [
    ("==9.0.52", "9.0.52"), ("~=9.0.52", "9.0.52"), (">=0.12,<0.13", "0.12"), ("", None), ("<10", None),
])
def test_the_release_a_pin_starts_from(specifier, version):
    assert releases.pinned_version(specifier) == version


def test_standing_reads_the_lock_before_the_manifest_and_says_which_file(tmp_path):
    root = _write(tmp_path, {"cdktf.json": "{}", "Pipfile": '[packages]\ncdktf = "~=0.9.4"\ncdktf-cdktf-provider-aws = "*"\n',
                             "Pipfile.lock": json.dumps({"default": {"cdktf": {"version": "==0.9.4"},
                                                                     AWS: {"version": "==5.0.50"}}})})
    stands = releases.standing(root)
    assert (stands[AWS].version, stands[AWS].source) == ("5.0.50", "Pipfile.lock")
    assert stands["cdktf"].version == "0.9.4" and stands["cdktf"].stranded and stands[AWS].stranded
    assert stands[AWS].target.range == ">=21.22,<22"


def test_standing_prefers_the_project_environment(tmp_path):
    root = _write(tmp_path, {"cdktf.json": "{}", "requirements.txt": f"{AWS}==21.22.1\n"})
    site = root / ".venv" / "lib" / "python3.11" / "site-packages"
    (site / "cdktf_cdktf_provider_aws-7.0.56.dist-info").mkdir(parents=True)
    stands = releases.standing(root)[AWS]
    assert stands.version == "7.0.56" and stands.source.startswith("project environment")
    assert stands.stranded


def test_a_project_on_the_last_line_is_not_stranded(tmp_path):
    root = _write(tmp_path, {"cdktf.json": "{}", "requirements.txt": f"cdktf>=0.21,<0.22\n{AWS}==21.22.1\n"})
    assert releases.stranded(root) == {}


def test_a_local_build_of_the_core_is_not_an_old_line(tmp_path):
    root = _write(tmp_path, {"cdktf.json": "{}", "Pipfile.lock": json.dumps({"default": {"cdktf": {"version": "==0.0.0"}}})})
    assert releases.standing(root)["cdktf"].version == "0.0.0" and releases.stranded(root) == {}


@pytest.mark.parametrize(("pins", "before"), [
    ("cdktf~=0.12.3\n", True), (f"cdktf>=0.21\n{AWS}==9.0.52\n", True), (f"cdktf~=0.19.2\n{AWS}==19.0.0\n", False),
])
def test_which_projects_predate_the_module_layout(tmp_path, pins, before):
    root = _write(tmp_path, {"cdktf.json": "{}", "requirements.txt": pins})
    assert releases.before_module_layout(root) is before


def test_migrate_to_cdktn_leaves_the_upgrade_to_projects_that_need_it(tmp_path):
    project = _write(tmp_path / "repo", {"infra/cdktf.json": "{}", "infra/requirements.txt": "cdktf~=0.19.2\n",
                                         "infra/main.py": "import cdktf\n"})
    outcome = cli("migrate", "--to", "cdktn", "--check", project)
    assert "upgrading it first" not in outcome.stderr and "CTM" in outcome.stdout
    upgrade = cli("migrate", "--to", "cdktf", "--check", project)  # a project below the folder named
    assert "infra: cdktf 0.19.2 (requirements.txt) -> >=0.21,<0.22" in upgrade.stderr.replace("\\", "/")


def test_the_logical_id_flags_an_old_project_never_set_are_said(tmp_path):
    flags = '{"context": {"excludeStackIdFromLogicalIds": "true", "allowSepCharsInLogicalIds": "true"}}'
    assert releases.unset_logical_id_flags(_write(tmp_path / "set", {"cdktf.json": flags})) == []
    assert releases.unset_logical_id_flags(_write(tmp_path / "unset", {"cdktf.json": '{"app": "python main.py"}'})) == [
        "excludeStackIdFromLogicalIds", "allowSepCharsInLogicalIds"]
    project = _write(tmp_path / "p", {"cdktf.json": "{}", "requirements.txt": "cdktf~=0.12.3\n"})
    assert "the Terraform addresses of its resources change" in cli("migrate", "--to", "cdktf", "--check", project).stderr


# --- the map of real releases ------------------------------------------------------------------------------


def test_the_map_keys_on_the_old_qualified_name(aws9_map):
    assert aws9_map.lookup("ec2", "Instance") == ("instance", "Instance")
    assert aws9_map.lookup("vpc", "Subnet") == ("subnet", "Subnet")  # `vpc` is also a new module
    assert aws9_map.lookup("vpc", "Vpc") == ("vpc", "Vpc")
    assert aws9_map.lookup("", "AwsProvider") == ("provider", "AwsProvider")
    assert aws9_map.lookup("ec2", "InstanceEbsBlockDevice") == ("instance", "InstanceEbsBlockDevice")
    assert {"ec2", "vpc", "elb", "cloudtrail", "codepipeline"} <= aws9_map.namespaces


def test_nested_blocks_follow_their_property_when_renamed(aws9_map):
    renamed = {old: new for old, new in aws9_map.moved.items() if old.rpartition(".")[2] != new[1]}
    assert renamed["networkfirewall.NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList"] == (
        "networkfirewall_rule_group", "NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceListStruct")
    assert len(renamed) == 3


def test_removed_types_are_known_with_their_replacement(aws9_map):
    assert aws9_map.removed["vpc.DataAwsSubnetIds"] == "data:aws_subnet_ids"
    assert aws9_map.replacement("vpc", "DataAwsSubnetIds") == ("data_aws_subnets", "DataAwsSubnets")
    assert aws9_map.removed["opsworks.OpsworksStack"] == "resource:aws_opsworks_stack"
    assert aws9_map.replacement("opsworks", "OpsworksStack") is None


def test_coverage_of_9_0_52(aws9_map):
    # the figures of issue 17: every class but the removed Terraform types
    assert aws9_map.coverage() == (1449, 1476)
    unmapped = {name for name in aws9_map.constructs if name not in aws9_map.moved}
    assert all(aws9_map.constructs[name] in aws9_map.removed.values() for name in unmapped)


def test_a_computed_map_is_cached_and_read_back(aws9_map):
    cached = releases.releases_dir() / f"{AWS}-9.0.52-to-21.22.1.map.json"
    assert cached.is_file()
    again = releases.NameMap.from_json(json.loads(cached.read_text()))
    assert again.moved == aws9_map.moved and again.coverage() == aws9_map.coverage()


def test_an_old_release_installed_in_the_project_is_read_there(tmp_path, monkeypatch):
    """The project's .venv holds the old package (here: the random provider's, unpacked from its wheel):
    its assembly is read there and nothing is downloaded."""
    import zipfile

    wheel = releases.download("cdktf-cdktf-provider-random", "0.1.53")  # cached by the session
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    monkeypatch.setattr(releases, "download", lambda *a: pytest.fail("downloaded although installed"))
    assembly, where = releases.assembly("cdktf-cdktf-provider-random", "0.1.53", tmp_path)
    assert where == "project environment" and assembly["version"] == "0.1.53"
    assert releases.standing(tmp_path)["cdktf-cdktf-provider-random"].source.startswith("project environment")


def test_terraform_type_of_old_and_new_docs():
    old = {"kind": "class", "docs": {"summary": "Represents a {@link https://www.terraform.io/docs/providers/aws/d/subnet_ids aws_subnet_ids}."}}
    new = {"kind": "class", "docs": {"summary": "Represents a {@link https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/instance aws_instance}."}}
    provider = {"kind": "class", "docs": {"summary": "Represents a {@link https://www.terraform.io/docs/providers/aws aws}."}}
    assert [releases.terraform_type(d) for d in (old, new, provider)] == ["data:aws_subnet_ids", "resource:aws_instance", "provider:aws"]
    assert releases.terraform_type({"kind": "interface", "docs": new["docs"]}) is None


def test_an_unreadable_release_is_said_and_holds_the_dependency_versions_back(tmp_path, monkeypatch):
    def offline(distribution, version):
        raise releases.ReleaseError(f"cannot download {distribution}=={version}")

    monkeypatch.setattr(releases, "download", offline)
    root = _write(tmp_path, {"cdktf.json": "{}", "requirements.txt": f"cdktf~=0.12.3\n{AWS}==9.9.999\n",
                             "main.py": "from cdktf_cdktf_provider_aws import ec2\nec2.Instance(None, 'x')\n"})
    maps, problems = releases.project_maps(root)
    assert maps == {} and "cannot download" in problems[AWS]
    outcome = cli("migrate", "--to", "cdktf", root)
    assert outcome.exit_code == 1 and "its classes are not moved" in outcome.stderr
    assert "not rewritten while the classes of the old release cannot be read" in outcome.stdout
    assert (root / "requirements.txt").read_text() == f"cdktf~=0.12.3\n{AWS}==9.9.999\n"


# --- the command ---------------------------------------------------------------------------------------------


def test_migrate_to_cdktf_says_where_the_project_stands_and_a_second_run_changes_nothing(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(WHOLE_PROJECT / "before", project)
    first = cli("migrate", "--to", "cdktf", project)
    assert first.exit_code == 1  # the removed data source and the lock file are left to the user
    assert f"{AWS} 9.0.52 (Pipfile.lock) -> >=21.22,<22" in first.stderr
    assert snapshot(project) == snapshot(WHOLE_PROJECT / "after")
    second = cli("migrate", "--to", "cdktf", "--diff", project)
    assert second.exit_code == 0 and second.stdout.count("+++") == 0


def test_migrate_to_cdktn_upgrades_a_stranded_project_first(tmp_path):
    project = _write(tmp_path / "p", {
        "cdktf.json": '{"app": "python main.py"}',
        "requirements.txt": f"cdktf~=0.12.3\n{AWS}==9.0.52\nconstructs==10.1.131\n",
        "main.py": """
            from cdktf import App, TerraformStack
            from cdktf_cdktf_provider_aws import AwsProvider, ec2
            app = App()
            stack = TerraformStack(app, "web")
            AwsProvider(stack, "aws", region="eu-west-1")
            ec2.Instance(stack, "web", ami="ami-123")
            """,
    })
    outcome = cli("migrate", "--to", "cdktn", "--select", "CTM", project)  # CTM codes: the upgrade runs whole
    assert outcome.exit_code in (0, 1) and "upgrading it first" in outcome.stderr
    code = (project / "main.py").read_text()
    assert "from cdktn_provider_aws.instance import Instance" in code
    assert "from cdktn_provider_aws.provider import AwsProvider" in code and "ec2" not in code
    assert (project / "requirements.txt").read_text().startswith("cdktn>=0.24,<0.25\ncdktn-provider-aws>=")


def test_what_a_stranded_project_cannot_combine(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(WHOLE_PROJECT / "before", project)
    before = snapshot(project)
    assert cli("migrate", "--to", "cdktf", "--verify", project, project).exit_code == 2  # one project folder
    assert cli("migrate", "--to", "cdktn", "--verify", project).exit_code == 2  # the upgrade comes first
    assert cli("migrate", "--to", "cdktn", "--output-format", "json", project).exit_code == 2  # one document
    assert snapshot(project) == before


def test_check_and_diff_of_an_upgrade_write_nothing(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(WHOLE_PROJECT / "before", project)
    before = snapshot(project)
    assert cli("migrate", "--to", "cdktf", "--check", project).exit_code == 1
    diff = cli("migrate", "--to", "cdktf", "--diff", project)
    assert diff.exit_code == 1 and "+from cdktf_cdktf_provider_aws.subnet import Subnet" in diff.stdout
    assert snapshot(project) == before


def test_upgrade_rules_are_not_run_by_check_or_by_the_cdktn_pack(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(WHOLE_PROJECT / "before", project)
    report = cli("check", project, "--no-cache", "--output-format", "json").json()
    assert not any(f["code"].startswith("CTU") for f in report["findings"])
    assert cli("migrate", "--to", "cdktn", "--select", "CTU001", project).exit_code == 2


# --- proof by synthesis ---------------------------------------------------------------------------------------


@pytest.mark.synth
@pytest.mark.parametrize(("folder", "stacks"), [
    ("stranded-aws9", {"web": {"aws_instance": 1, "aws_s3_bucket": 1, "aws_subnet": 1, "aws_vpc": 1}}),
    ("stranded-aws5", {"queue": {"aws_sqs_queue": 1, "aws_ssm_parameter": 1, "random_password": 1}}),
])
def test_a_stranded_project_synthesizes_on_the_last_line_once_upgraded(tmp_path, folder, stacks):
    """Written against cdktf-cdktf-provider-aws 9.0.52 (namespace imports) or 5.0.50 with random 0.1.53
    (`import cdktf_cdktf_provider_aws as aws`, root classes); cdktf-fixer's environment has cdktf 0.21,
    aws 21.22.1 and random 12.0.1: each fails at import before, and synthesizes its resources after."""
    import sys

    from fixer.verify import synth

    project = tmp_path / "p"
    shutil.copytree(Path(__file__).parent / "data" / folder, project)
    before = synth(project, sys.executable)
    assert not before.synthesized and before.stage in ("import", "attribute")
    outcome = cli("migrate", "--to", "cdktf", project)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    after = synth(project, sys.executable)
    assert after.synthesized, after.key_line
    assert after.stacks == stacks


def test_migrate_to_cdktf_rewrites_the_arguments_the_current_line_removed_despite_the_stale_lock(tmp_path):
    """After the names and pins, the recipe rules answer from the declarations the upgrade wrote: the lock
    file still says 9.0.52 until the user re-locks, and would otherwise keep them silent."""
    project = _write(tmp_path / "p", {
        "cdktf.json": '{"app": "python main.py"}',
        "Pipfile": f'[packages]\ncdktf = "~=0.12.3"\n{AWS} = "*"\n',
        "Pipfile.lock": json.dumps({"default": {"cdktf": {"version": "==0.12.3"}, AWS: {"version": "==9.0.52"}}}),
        "main.py": """
            from cdktf import App, TerraformStack
            from cdktf_cdktf_provider_aws import AwsProvider, ec2, rds
            app = App()
            stack = TerraformStack(app, "web")
            AwsProvider(stack, "aws", region="eu-west-1")
            ec2.Eip(stack, "nat", vpc=True)
            rds.DbInstance(stack, "db", name="orders", engine="postgres", instance_class="db.t3.micro")
            """,
    })
    outcome = cli("migrate", "--to", "cdktf", project)
    assert "(CTB008, CTB009)" in outcome.stderr and "Fixed 2 findings in 1 file" in outcome.stdout
    code = (project / "main.py").read_text()
    assert 'Eip(stack, "nat", domain="vpc")' in code and 'DbInstance(stack, "db", db_name="orders"' in code
    assert "from cdktf_cdktf_provider_aws.eip import Eip" in code
    assert json.loads((project / "Pipfile.lock").read_text())["default"][AWS]["version"] == "==9.0.52"  # never edited
