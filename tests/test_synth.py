"""Fixed code is real: with the pinned cdktf and AWS provider, before/ fails the way the catalog says and
after/ synthesizes. Each synth imports the provider (~15 s), so these are few and marked `synth`."""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import pytest
from helpers import GOLDEN, REPO, cli

pytestmark = pytest.mark.synth

B1_PROJECT = GOLDEN / "CTB001-provider-class-names" / "audit-bucket-project"
A3_PROJECT = GOLDEN / "CTA003-construct-id-parameter" / "network-project"
EXAMPLE = REPO / "examples" / "payments-app"

# Run the entry like `cdktf synth` does (cwd = project root), then, when asked, the project's own unit tests
# in the same interpreter so the provider is imported once.
DRIVER = """
import runpy, sys, importlib
sys.path.insert(0, '.')
runpy.run_path('tap.py', run_name='__main__')
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    for attr in dir(module):
        if attr.startswith('test_'):
            getattr(module, attr)()
"""


# cdktf's own switch to synthesize a project that fails validation, to count what each stack holds
SKIP_VALIDATION = """
import functools, cdktf
cdktf.App = functools.partial(cdktf.App, skip_validation=True)
"""


def synth(project: Path, *test_modules: str, skip_validation: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "ENVIRONMENT_SUFFIX": "test", "CDKTF_OUTDIR": str(project / "cdktf.out")}
    driver = (SKIP_VALIDATION if skip_validation else "") + DRIVER
    return subprocess.run(
        [sys.executable, "-c", driver, *test_modules], check=False, cwd=project, env=env, capture_output=True,
        text=True, timeout=600,
    )


class Job(NamedTuple):
    project: Path
    test_modules: tuple[str, ...] = ()
    skip_validation: bool = False


def synth_all(*jobs: Job) -> list[subprocess.CompletedProcess]:
    """Several synths side by side: each spends ~15 s importing the provider on one core."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda j: synth(j.project, *j.test_modules, skip_validation=j.skip_validation), jobs))


def resources_by_stack(project: Path) -> dict[str, int]:
    counts = {}
    for path in glob.glob(str(project / "cdktf.out" / "stacks" / "*" / "cdk.tf.json")):
        resources = json.loads(Path(path).read_text()).get("resource", {})
        counts[Path(path).parent.name] = sum(len(by_name) for by_name in resources.values())
    return counts


def stack_json(project: Path) -> dict:
    files = glob.glob(str(project / "cdktf.out" / "stacks" / "*" / "cdk.tf.json"))
    assert len(files) == 1, files
    return json.loads(Path(files[0]).read_text())


def copy(source: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(source, target)
    return target


def test_b1_before_fails_with_import_error_and_after_synthesizes(tmp_path):
    before = synth(copy(B1_PROJECT / "before", tmp_path, "before"))
    assert before.returncode != 0
    assert "ImportError: cannot import name 'S3BucketVersioning'" in before.stderr

    after_dir = copy(B1_PROJECT / "after", tmp_path, "after")
    after = synth(after_dir)
    assert after.returncode == 0, after.stderr
    resources = stack_json(after_dir)["resource"]
    assert {"aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration"} <= set(resources)
    assert "aws_caller_identity" in stack_json(after_dir)["data"]


def test_a3_before_fails_the_lint_gate_and_after_passes_and_synthesizes(tmp_path):
    # ruff's flake8-builtins A002 is the gate that fails: pylint's W0622 exempts an override whose parent
    # (Construct.__init__(self, scope, id)) uses the same name, whenever pylint can resolve `constructs`.
    lint = [sys.executable, "-m", "ruff", "check", "--no-cache", "--isolated", "--select", "A002", "."]
    before_dir = copy(A3_PROJECT / "before", tmp_path, "before")
    before_lint = subprocess.run(lint, check=False, cwd=before_dir, capture_output=True, text=True)
    assert before_lint.returncode == 1 and before_lint.stdout.count("A002") == 2, before_lint.stdout

    after_dir = copy(A3_PROJECT / "after", tmp_path, "after")
    after_lint = subprocess.run(lint, check=False, cwd=after_dir, capture_output=True, text=True)
    assert after_lint.returncode == 0, after_lint.stdout
    # The renamed keyword at every call site (entry and the project's own test) matches the new parameter.
    after = synth(after_dir, "tests.unit.test_tap_stack")
    assert after.returncode == 0, after.stderr
    assert set(stack_json(after_dir)["resource"]) == {"aws_vpc", "aws_subnet"}


def test_readme_example_is_broken_before_and_synthesizes_after_fix(tmp_path):
    project = copy(EXAMPLE, tmp_path, "payments-app")
    before = synth(project)
    assert before.returncode != 0 and "ImportError: cannot import name" in before.stderr
    assert cli("fix", project, "--quiet").exit_code == 0
    after = synth(project)
    assert after.returncode == 0, after.stderr
    resources = stack_json(project)["resource"]
    assert set(resources) == {
        "aws_vpc",
        "aws_s3_bucket",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_server_side_encryption_configuration",
    }


A1 = GOLDEN / "CTA001-child-stack-to-construct"


def test_a1_b5_payment_migration_fails_then_holds_every_child_resource_in_one_stack(tmp_path):
    before = copy(A1 / "payment-migration" / "before", tmp_path, "before")
    layout = copy(A1 / "child-stacks-without-provider" / "before", tmp_path, "layout")
    after = copy(A1 / "payment-migration" / "after", tmp_path, "after")
    run_before, run_layout, run_after = synth_all(Job(before), Job(layout, skip_validation=True), Job(after))
    assert run_before.returncode != 0 and "ModuleNotFoundError: No module named 'stacks'" in run_before.stderr
    # with validation skipped, the broken layout synthesizes each child as a stack of its own
    children = resources_by_stack(layout)
    assert run_layout.returncode == 0, run_layout.stderr
    assert set(children) == {"TapStacktest", "vpc", "security", "database"} and children["vpc"] == 3
    assert run_after.returncode == 0, run_after.stderr
    assert resources_by_stack(after) == {"TapStacktest": sum(children.values())}


def test_a1_a2_child_stacks_without_provider_fail_validation_and_synthesize_after(tmp_path):
    case = A1 / "child-stacks-without-provider"
    before = copy(case / "before", tmp_path, "before")
    after = copy(case / "after", tmp_path, "after")
    run_before, run_after = synth_all(Job(before), Job(after, ("tests.unit.test_tap_stack",)))
    assert run_before.returncode != 0
    assert "Found resources without a matching provider construct" in run_before.stderr
    assert run_after.returncode == 0, run_after.stderr
    assert list(resources_by_stack(after)) == ["TapStacktest"]


def test_a2_child_created_with_scope_is_silently_dropped_before_and_kept_after(tmp_path):
    case = GOLDEN / "CTA002-scope-to-self" / "construct-child-created-with-scope"
    before = copy(case / "before", tmp_path, "before")
    after = copy(case / "after", tmp_path, "after")
    run_before, run_after = synth_all(Job(before), Job(after))
    # no error at all: the construct hangs off the App, outside every stack, and its queue is lost
    assert run_before.returncode == 0, run_before.stderr
    assert "aws_sqs_queue" not in stack_json(before).get("resource", {})
    assert run_after.returncode == 0, run_after.stderr
    assert len(stack_json(after)["resource"]["aws_sqs_queue"]) == 1


def test_a4_f4_missing_environment_suffix_fails_then_entry_and_tests_synthesize(tmp_path):
    case = GOLDEN / "CTA004-environment-suffix" / "tap-stack-lacks-suffix"
    before = copy(case / "before", tmp_path, "before")
    after = copy(case / "after", tmp_path, "after")
    run_before, run_after = synth_all(Job(before), Job(after, ("tests.unit.test_tap_stack",)))
    assert run_before.returncode != 0
    assert "TypeError" in run_before.stderr and "environment_suffix" in run_before.stderr
    assert run_after.returncode == 0, run_after.stderr
    resources = stack_json(after)["resource"]
    assert resources["aws_sqs_queue"] and resources["aws_vpc"]


def test_a4_stack_body_using_a_suffix_it_lacks_fails_then_entry_and_tests_synthesize(tmp_path):
    case = GOLDEN / "CTA004-environment-suffix" / "stack-body-uses-suffix-it-lacks"
    before = copy(case / "before", tmp_path, "before")
    after = copy(case / "after", tmp_path, "after")
    run_before, run_after = synth_all(Job(before), Job(after, ("tests.unit.test_tap_stack",)))
    assert run_before.returncode != 0
    assert "NameError: name 'environment_suffix' is not defined" in run_before.stderr
    assert run_after.returncode == 0, run_after.stderr
    (queue,) = stack_json(after)["resource"]["aws_sqs_queue"].values()
    assert queue["name"] == "orders-test"  # the entry passes what it read from ENVIRONMENT_SUFFIX


def test_b5_lib_imports_fail_then_synthesize(tmp_path):
    case = GOLDEN / "CTB005-lib-package-imports" / "pip-package-named-like-local-folder"
    before = copy(case / "before", tmp_path, "before")
    after = copy(case / "after", tmp_path, "after")
    run_before, run_after = synth_all(Job(before), Job(after))
    assert run_before.returncode != 0 and "ModuleNotFoundError: No module named 'stacks'" in run_before.stderr
    assert run_after.returncode == 0, run_after.stderr


def single_file(case: Path, which: str, tmp_path: Path) -> Path:
    """A one-file golden case as a project whose entry is tap.py."""
    project = tmp_path / f"{case.name}-{which}"
    project.mkdir()
    shutil.copy(case / f"{which}.py", project / "tap.py")
    return project


B2 = GOLDEN / "CTB002-security-group-rule-resource" / "catalog-standalone-rules-from-missing-modules"
B3 = GOLDEN / "CTB003-provider-default-tags" / "catalog-dict-literal"
B4_AZS = GOLDEN / "CTB004-terraform-interpolation" / "catalog-availability-zones"
B4_REFS = GOLDEN / "CTB004-terraform-interpolation" / "references-to-constructs"
D1 = GOLDEN / "CTD001-log-retention-days" / "catalog-seven-years"
C2 = GOLDEN / "CTC002-hardcoded-account-id" / "catalog-root-principal"
D2 = GOLDEN / "CTD002-logs-kms-key-policy" / "catalog-log-group-key"
E1 = GOLDEN / "CTE001-lambda-code-asset" / "catalog-missing-archives"
E1_SINGLE_FILE = GOLDEN / "CTE001-lambda-code-asset" / "single-file-handlers"


def test_catalog_fixes_synthesize_and_the_b2_b3_originals_fail(tmp_path):
    jobs = {name: Job(single_file(case, which, tmp_path)) for name, case, which in (
        ("b2 before", B2, "before"), ("b3 before", B3, "before"),
        ("b2", B2, "after"), ("b3", B3, "after"), ("b4 azs", B4_AZS, "after"), ("b4 refs", B4_REFS, "after"),
        ("d1", D1, "after"), ("c2", C2, "after"), ("d2", D2, "after"),
    )}
    jobs["e1"] = Job(copy(E1 / "after", tmp_path, "e1"))
    jobs["e1 single file"] = Job(copy(E1_SINGLE_FILE / "after", tmp_path, "e1-single-file"))
    runs = dict(zip(jobs, synth_all(*jobs.values())))
    assert "No module named 'cdktf_cdktf_provider_aws.security_group_ingress'" in runs["b2 before"].stderr
    assert runs["b3 before"].returncode != 0 and "AwsProviderDefaultTags>] Value is not an array" in runs["b3 before"].stderr
    for name, run in runs.items():
        if not name.endswith("before"):
            assert run.returncode == 0, f"{name}: {run.stderr}"
    stacks = {name: stack_json(job.project) for name, job in jobs.items() if not name.endswith("before")}

    rules = stacks["b2"]["resource"]["aws_security_group_rule"].values()
    assert sorted(r["type"] for r in rules) == ["egress", "ingress"]
    assert all(r["security_group_id"] == "${aws_security_group.web-sg.id}" for r in rules)

    assert stacks["b3"]["provider"]["aws"][0]["default_tags"] == [{"tags": {"Environment": "dev", "Project": "payments"}}]

    zones = sorted(s["availability_zone"] for s in stacks["b4 azs"]["resource"]["aws_subnet"].values())
    assert zones == [f"${{element(data.aws_availability_zones.available.names, {i})}}" for i in (0, 0, 1, 1, 2)]
    policy = json.loads(next(iter(stacks["b4 refs"]["resource"]["aws_s3_bucket_policy"].values()))["policy"])
    statement = policy["Statement"][0]
    assert statement["Resource"] == "${aws_s3_bucket.logs.arn}/*"
    assert statement["Principal"]["AWS"] == "${aws_iam_role.reader.arn}"

    retention = sorted(g["retention_in_days"] for g in stacks["d1"]["resource"]["aws_cloudwatch_log_group"].values())
    assert retention == [3, 14, 2557]

    logs_key = json.loads(next(iter(stacks["d2"]["resource"]["aws_kms_key"].values()))["policy"])
    assert logs_key["Statement"][1]["Principal"]["Service"] == "logs.us-east-1.amazonaws.com"

    functions = stacks["e1"]["resource"]["aws_lambda_function"].values()
    assert all(f["filename"].startswith("assets/") and f["source_code_hash"] for f in functions), functions
    # single-file handlers: their folder is packaged (a file path fails synth) and handler= names what it holds
    functions = stacks["e1 single file"]["resource"]["aws_lambda_function"]
    packaged = {f["handler"] for f in functions.values() if f["filename"].startswith("assets/")}
    assert packaged == {"payment_processor.handler", "refunds.lambda_handler", "index.handler"}, functions

    key_policy = json.loads(next(iter(stacks["c2"]["resource"]["aws_kms_key"].values()))["policy"])
    assert key_policy["Statement"][0]["Principal"]["AWS"] == "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"


def test_verify_reports_the_failure_class_before_and_the_resources_after(tmp_path):
    projects = [copy(B1_PROJECT / which, tmp_path, which) for which in ("before", "after")]

    def verify(project: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "fixer", "verify", str(project), "--output-format", "json"],
                              check=False, capture_output=True, text=True, timeout=600)

    with ThreadPoolExecutor(max_workers=2) as pool:
        before, after = pool.map(verify, projects)
    assert before.returncode == 1 and after.returncode == 0, before.stderr + after.stderr
    failed, synthesized = json.loads(before.stdout), json.loads(after.stdout)
    assert failed["stage"] == "import" and "cannot import name 'S3BucketVersioning'" in failed["key_line"]
    (counts,) = synthesized["stacks"].values()
    assert counts["aws_s3_bucket"] == 1 and counts["aws_s3_bucket_versioning"] == 1
    assert not any((p / "cdktf.out").exists() for p in projects)  # output went to a temporary folder


def test_fix_verify_writes_what_makes_the_example_synthesize_and_diff_writes_nothing(tmp_path):
    project = copy(EXAMPLE, tmp_path, "payments-app")
    original = {p: p.read_bytes() for p in project.rglob("*.py")}

    dry = cli("fix", "--diff", "--verify", project)
    assert dry.exit_code == 1 and "--- a/" in dry.stdout
    assert "synthesized: 1 stack, 4 resources" in dry.stderr and "fails (import)" in dry.stderr
    assert {p: p.read_bytes() for p in project.rglob("*.py")} == original

    applied = cli("fix", "--verify", project, "--quiet")
    assert applied.exit_code == 0, applied.stderr
    assert "no worse: fixes may be written" in applied.stderr
    assert {p: p.read_bytes() for p in project.rglob("*.py")} != original


def test_fix_verify_refuses_a_fix_that_makes_synth_worse(tmp_path, monkeypatch):
    # A codemod with a bug: it writes a string where the provider wants a number, so the app, which
    # synthesizes now (2555 days fails only at deploy), would fail jsii's type check after the fix.
    import libcst as cst

    from codemods.service_constraints.log_retention_days import LogRetentionDays

    fix = LogRetentionDays.leave_Arg

    def buggy(self, original_node, updated_node):
        result = fix(self, original_node, updated_node)
        return result if result is updated_node else result.with_changes(value=cst.SimpleString('"seven years"'))

    monkeypatch.setattr(LogRetentionDays, "leave_Arg", buggy)
    project = single_file(D1, "before", tmp_path)
    before = (project / "tap.py").read_bytes()

    outcome = cli("fix", "--verify", project, "--select", "CTD001")

    assert outcome.exit_code == 1
    assert "fails (type/arguments): TypeError" in outcome.stderr and "retention_in_days" in outcome.stderr
    assert "fixes not written" in outcome.stderr
    assert (project / "tap.py").read_bytes() == before


def test_batch_verify_commits_fixes_that_make_a_repository_synthesize(tmp_path, monkeypatch):
    from test_batch import make_repo

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    repo = make_repo(tmp_path / "repos" / "payments",
                     {p.relative_to(EXAMPLE).as_posix(): p for p in EXAMPLE.rglob("*") if p.is_file()})

    outcome = cli("batch", repo, "--verify", "--branch", "fixes", "--workdir", tmp_path / "work", "--jobs", "1")

    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    (entry,) = json.loads((tmp_path / "work" / "report.json").read_text())["repos"]
    assert entry["status"] == "changed" and entry["refused"] == [] and entry["commit"]
    assert entry["verified"]["."] == {"allowed": True, "before": entry["verified"]["."]["before"],
                                      "after": "synthesized: 1 stack, 4 resources"}
    assert entry["verified"]["."]["before"].startswith("fails (import)")


CTB007_PROJECTS = GOLDEN / "CTB007-provider-value-types" / "synthesized-projects"
RANDOM_NAMES = GOLDEN / "CTB001-provider-class-names" / "random-provider-names"
# Each script is an app of its own; all run in one interpreter, so the provider is imported once per tree.
APPS = """
import json, runpy, sys
outcome = {}
for script in sys.argv[1:]:
    try:
        runpy.run_path(script, run_name="__main__")
        outcome[script] = "ok"
    except BaseException as exc:
        outcome[script] = f"{type(exc).__name__}: {exc}"
print(json.dumps(outcome))
"""


def run_apps(project: Path, *scripts: str) -> dict[str, str]:
    env = {**os.environ, "CDKTF_OUTDIR": str(project / "cdktf.out")}
    run = subprocess.run([sys.executable, "-c", APPS, *scripts], check=False, cwd=project, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_ctb007_value_types_fail_before_and_synthesize_after(tmp_path):
    """The provider's types, proven by the provider: each before/ app fails as the issue quotes, the fixed
    app synthesizes, and the settings the types would have dropped reach Terraform."""
    scripts = ("lifecycle.py", "tables.py", "recovery.py", "firewall.py", "cache.py", "secrets.py", "names.py")
    before = copy(CTB007_PROJECTS / "before", tmp_path, "before")
    after = copy(CTB007_PROJECTS / "before", tmp_path, "after")
    # and a class name of the random provider (CTB001): a second provider is found and answered from too
    for tree in (before, after):
        shutil.copy(RANDOM_NAMES / "before.py", tree / "names.py")
    fixed = cli("fix", after, "--unsafe-fixes", "--select", "CTB001,CTB007", "--no-cache")
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    with ThreadPoolExecutor(max_workers=2) as pool:
        failed, synthesized = pool.map(lambda p: run_apps(p, *scripts), (before, after))
    assert "Unable to deserialize value" in failed["lifecycle.py"]
    assert "Unable to deserialize value" in failed["tables.py"] and "globalSecondaryIndex" in failed["tables.py"]
    assert "point_in_time_recovery must be one of" in failed["recovery.py"] and "got list instead" in failed["recovery.py"]
    assert failed["firewall.py"].startswith("ImportError") and "Wafv2WebAclRuleStatement" in failed["firewall.py"]
    assert "at_rest_encryption_enabled must be one of (str, NoneType); got bool" in failed["cache.py"]
    assert "length must be one of (int, float); got str" in failed["secrets.py"]
    assert "No module named 'cdktf_cdktf_provider_random.string'" in failed["names.py"]
    assert synthesized == {script: "ok" for script in scripts}

    def resources(stack: str) -> dict:
        return json.loads((after / "cdktf.out" / "stacks" / stack / "cdk.tf.json").read_text())["resource"]

    rule = resources("logs")["aws_s3_bucket_lifecycle_configuration"]["lifecycle"]["rule"][0]
    assert rule["expiration"] == [{"days": 365}] and rule["transition"] == [{"days": 30, "storage_class": "GLACIER"}]
    (index,) = resources("tables")["aws_dynamodb_table"]["orders"]["global_secondary_index"]
    assert index == {"name": "by_owner", "hash_key": "owner", "projection_type": "ALL"}
    assert resources("recovery")["aws_dynamodb_table"]["audit"]["point_in_time_recovery"] == {"enabled": True}
    statement = resources("firewall")["aws_wafv2_web_acl"]["acl"]["rule"][0]["statement"]
    assert statement == {"managed_rule_group_statement": {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}}
    assert resources("cache")["aws_elasticache_replication_group"]["sessions"]["at_rest_encryption_enabled"] == "true"
    secrets = resources("secrets")
    assert secrets["random_password"]["db"]["length"] == 24 and secrets["random_shuffle"]["zone"]["input"] == ["us-east-1a"]
    assert resources("names")["random_string"]["suffix"]["length"] == 8


def test_migrate_verify_builds_the_cdktn_environment_and_writes_a_migration_that_synthesizes_the_same(
        tmp_path, monkeypatch, request):
    """The fixed example, migrated to CDK Terrain: its stack synthesized with cdktf and with cdktn in an
    environment cdktf-fixer builds itself (no --target-python) is the same once normalised. The environment
    is kept in pytest's cache folder, so a second run (or a CI cache of .pytest_cache) reuses it."""
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(request.config.cache.mkdir("cdktf-fixer-cache")))
    project = copy(EXAMPLE, tmp_path, "payments-app")
    assert cli("fix", "--unsafe-fixes", "--no-cache", "--quiet", project).exit_code == 0

    migrated = cli("migrate", "--to", "cdktn", "--verify", project)

    assert migrated.exit_code == 0, migrated.stdout + migrated.stderr
    assert migrated.stderr.count("synthesized: 1 stack, 4 resources") == 2  # before (cdktf) and after (cdktn)
    assert "verify: same stacks once normalised" in migrated.stderr
    assert "note: Terraform provider aws" in migrated.stderr  # the provider line moves the Terraform provider
    sources = "".join(p.read_text() for p in project.rglob("*.py"))
    assert "from cdktn import" in sources and "cdktn_provider_aws" in sources and "cdktf_cdktf" not in sources
    markers = (Path(os.environ["CDKTF_FIXER_CACHE_DIR"]) / "environments").glob("*/cdktf-fixer-environment.json")
    built = [json.loads(marker.read_text())["requirements"] for marker in markers]
    assert ["cdktn==0.24.0", "constructs>=10.6,<10.8", "cdktn-provider-aws==25.8.1"] in built
    assert str(Path(os.environ["CDKTF_FIXER_CACHE_DIR"]) / "environments") in migrated.stderr  # the run said where


MULTI_STACK = {
    "cdktf.json": '{"language": "python", "app": "python main.py", "terraformProviders": ["aws@~> 6.0"]}\n',
    "main.py": '''\
from constructs import Construct
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="eu-west-1")
        self.vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", tags={"Name": "shared"})
        self.subnet = Subnet(self, "private", vpc_id=self.vpc.id, cidr_block="10.0.1.0/24")
        TerraformOutput(self, "vpc_id", value=self.vpc.id)


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, network: NetworkStack):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="eu-west-1")
        # cross-stack references: cdktf wires them through outputs and terraform_remote_state
        SecurityGroup(self, "app", vpc_id=network.vpc.id, description="app servers")
        S3Bucket(self, "assets", bucket_prefix="assets-", tags={"Subnet": network.subnet.id})


app = App()
network = NetworkStack(app, "network")
AppStack(app, "app-dev", network)
AppStack(app, "app-prod", network)
app.synth()
''',
}


def test_migrate_verify_a_multi_stack_project_with_cross_stack_references(tmp_path, monkeypatch, request):
    """Three stacks, two of them reading the first through terraform_remote_state: each stack synthesizes
    the same under cdktn (the remote state's local paths point into each run's own folder)."""
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(request.config.cache.mkdir("cdktf-fixer-cache")))
    project = tmp_path / "multi"
    project.mkdir()
    for name, text in MULTI_STACK.items():
        (project / name).write_text(text)

    migrated = cli("migrate", "--to", "cdktn", "--verify", project)

    assert migrated.exit_code == 0, migrated.stdout + migrated.stderr
    assert migrated.stderr.count("synthesized: 3 stacks") == 2, migrated.stderr  # before (cdktf) and after (cdktn)
    assert "verify: same stacks once normalised" in migrated.stderr
    text = (project / "main.py").read_text()
    assert "from cdktn import App, TerraformOutput, TerraformStack" in text
    assert "from cdktn_provider_aws.vpc import Vpc" in text and "cdktf_cdktf" not in text
    assert json.loads((project / "cdktf.json").read_text())["app"] == "python main.py"  # cdktf.json stays


RECIPES_APP = '''
from constructs import Construct
from cdktf import App, Fn, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.eip import Eip
from cdktf_cdktf_provider_aws.instance import Instance
from cdktf_cdktf_provider_aws.provider import AwsProvider


class Legacy(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="eu-west-1")
        Eip(self, "nat", vpc=True)
        db = DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
                        username="app", password="not-a-secret", name="orders")
        Instance(self, "vm", ami="ami-123", instance_type="c5.xlarge", cpu_core_count=2, cpu_threads_per_core=1)
        TerraformOutput(self, "database", value=db.name)
        TerraformOutput(self, "zones", value=Fn.join(separator=",", value=["a", "b"]))


app = App()
Legacy(app, "legacy")
app.synth()
'''


def test_ctb008_ctb009_old_provider_and_core_arguments_fail_before_and_synthesize_after(tmp_path):
    """Code written against the AWS provider 4.x/5.x and cdktf 0.15: each keyword fails under 21.22.1 and
    cdktf 0.21; fixed by CTB008 and CTB009, the stack synthesizes with the settings the guides say."""
    before, after = tmp_path / "before", tmp_path / "after"
    for tree in (before, after):
        tree.mkdir()
        (tree / "tap.py").write_text(RECIPES_APP)
        (tree / "cdktf.json").write_text('{"language": "python", "app": "python tap.py"}')
    fixed = cli("fix", after, "--unsafe-fixes", "--select", "CTB008,CTB009", "--no-cache")
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    failed, synthesized = synth_all(Job(before), Job(after))
    assert failed.returncode != 0 and "unexpected keyword argument 'vpc'" in failed.stderr
    assert synthesized.returncode == 0, synthesized.stderr
    stack = stack_json(after)
    resources = stack["resource"]
    assert resources["aws_eip"]["nat"]["domain"] == "vpc"
    assert resources["aws_db_instance"]["db"]["db_name"] == "orders"
    assert resources["aws_instance"]["vm"]["cpu_options"] == {"core_count": 2, "threads_per_core": 1}
    assert stack["output"]["database"]["value"] == "${aws_db_instance.db.db_name}"
    assert stack["output"]["zones"]["value"] == '${join(",", ["a", "b"])}'


def test_migrate_to_cdktf_verify_builds_the_old_environment_and_moves_every_changed_address(
        tmp_path, monkeypatch, request):
    """A project written for cdktf 0.12 and cdktf-cdktf-provider-aws 9.0.52 that never set the logical-id
    flags: synthesized in an environment cdktf-fixer builds from its pins (kept in pytest's cache folder) and,
    upgraded, with cdktf 0.21 and 21.22.1 (this interpreter). cdktf 0.21 leaves the stack id out of every
    logical id, so each resource's address changes: the report pairs them by construct path, nothing else
    differs, and the state-moves script moves each one."""
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(request.config.cache.mkdir("cdktf-fixer-cache")))
    project = tmp_path / "web"
    shutil.copytree(REPO / "tests" / "data" / "stranded-aws9", project)
    (project / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}\n')  # no flags set

    outcome = cli("migrate", "--to", "cdktf", "--verify", "--target-python", sys.executable, project)

    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert outcome.stderr.count("synthesized: 1 stack, 4 resources") == 2  # 0.12.3 before, 0.21.0 after
    assert "the upgrade may be written" in outcome.stderr
    assert "address  web output.web_serverip_079E497E -> output.server_ip" in outcome.stderr
    moves = [line.strip() for line in (project / "cdktf-state-moves.sh").read_text().splitlines() if "state mv" in line]
    assert [m.removesuffix(" &&") for m in moves] == [
        "terraform state mv aws_s3_bucket.web_assets_9A1AD52D aws_s3_bucket.assets",
        "terraform state mv aws_vpc.web_network_666C4F10 aws_vpc.network",
        "terraform state mv aws_subnet.web_public_8470930D aws_subnet.public",
        "terraform state mv aws_instance.web_4780DFF3 aws_instance.web",
    ]
    code = (project / "main.py").read_text()
    assert "from cdktf_cdktf_provider_aws.instance import Instance, InstanceRootBlockDevice" in code
    assert (project / "requirements.txt").read_text().startswith("cdktf>=0.21,<0.22")

    # the same project with the flags set in cdktf.json's context (which the app reads, as under `cdktf
    # synth`): the old core already named its resources as 0.21 does, and nothing moves
    flagged = tmp_path / "flagged"
    shutil.copytree(REPO / "tests" / "data" / "stranded-aws9", flagged)
    outcome = cli("migrate", "--to", "cdktf", "--verify", "--target-python", sys.executable, flagged)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "address  " not in outcome.stderr and not (flagged / "cdktf-state-moves.sh").exists()


def test_migrate_to_cdktf_verify_keep_addresses_keeps_every_old_logical_id(tmp_path, monkeypatch, request):
    """The same stranded project with --keep-addresses: its stack class allocates the ids of the old synth,
    so the upgraded stack has every address (and reference) its deployed state has, and nothing is moved."""
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(request.config.cache.mkdir("cdktf-fixer-cache")))
    project = tmp_path / "web"
    shutil.copytree(REPO / "tests" / "data" / "stranded-aws9", project)
    (project / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}\n')

    outcome = cli("migrate", "--to", "cdktf", "--verify", "--keep-addresses", "--target-python", sys.executable,
                  project)

    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "the upgrade may be written" in outcome.stderr and "address  " not in outcome.stderr
    assert not (project / "cdktf-state-moves.sh").exists()
    assert "def _allocate_logical_id(self, tf_element):" in (project / "main.py").read_text()
    out = tmp_path / "out"
    subprocess.run([sys.executable, "main.py"], cwd=project, env={**os.environ, "CDKTF_OUTDIR": str(out)},
                   check=True, capture_output=True)
    document = json.loads((out / "stacks" / "web" / "cdk.tf.json").read_text())
    assert document["resource"]["aws_subnet"]["web_public_8470930D"]["vpc_id"] == "${aws_vpc.web_network_666C4F10.id}"
    assert set(document["resource"]["aws_instance"]) == {"web_4780DFF3"}


WRITE_ONLY = {
    "cdktf.json": '{\n  "language": "python",\n  "app": "python main.py"\n}\n',
    "main.py": '''\
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.provider import AwsProvider


class Database(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        DbInstance(self, "db", instance_class="db.t3.micro", allocated_storage=20, engine="postgres",
                   username="app", password_wo="from-a-secret", password_wo_version=1)


app = App()
Database(app, "database")
app.synth()
''',
}


def test_migrate_verify_a_write_only_attribute_synthesizes_under_cdktn_once_target_versions_is_declared(
        tmp_path, monkeypatch, request):
    """`password_wo=` synthesizes under cdktf, which never checks; cdktn refuses it while cdktf.json declares
    no `targetVersions` (it assumes terraform >=1.5.7). Without CTM006 the migrated copy fails with cdktn's
    own message and nothing is written; with it cdktf.json gets `{"terraform": ">=1.11.0"}` and the copy
    synthesizes the same stack."""
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(request.config.cache.mkdir("cdktf-fixer-cache")))
    project = tmp_path / "write-only"
    project.mkdir()
    for name, text in WRITE_ONLY.items():
        (project / name).write_text(text)

    refused = cli("migrate", "--to", "cdktn", "--verify", "--ignore", "CTM006", project)

    assert refused.exit_code == 1, refused.stdout + refused.stderr
    flat = " ".join(refused.stderr.replace("│", " ").split())  # the table wraps the message in its cell
    assert "write-only attributes requires terraform >=1.11.0, but the project targets terraform >=1.5.7" in flat
    assert "REFUSED: the migrated project does not synthesize" in refused.stderr
    assert (project / "main.py").read_text() == WRITE_ONLY["main.py"]  # nothing written
    assert (project / "cdktf.json").read_text() == WRITE_ONLY["cdktf.json"]

    migrated = cli("migrate", "--to", "cdktn", "--verify", project)

    assert migrated.exit_code == 0, migrated.stdout + migrated.stderr
    assert migrated.stderr.count("synthesized: 1 stack, 1 resources") == 2, migrated.stderr
    assert "verify: same stacks once normalised" in migrated.stderr
    assert (project / "cdktf.json").read_text() == (
        '{\n  "language": "python",\n  "app": "python main.py",\n  "targetVersions": {\n'
        '    "terraform": ">=1.11.0"\n  }\n}\n')
    assert "from cdktn_provider_aws.db_instance import DbInstance" in (project / "main.py").read_text()
