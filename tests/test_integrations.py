"""What a ruff user expects around the linter: pre-commit hooks (run by the real pre-commit against a git
repository), the GitHub workflow of docs/ci (its commands run as written), and SARIF output that the
official SARIF 2.1.0 schema accepts."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import REPO, cli

VENV_BIN = Path(sys.executable).parent
PRE_COMMIT = VENV_BIN / "pre-commit"
CDKTF_FIXER = VENV_BIN / "cdktf-fixer"
EXAMPLE = REPO / "examples" / "payments-app"
WORKFLOW = REPO / "docs" / "ci" / "github-workflow.yml"
CI_DOC = REPO / "docs" / "ci.md"
SARIF_SCHEMA_FILE = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"
# OASIS SARIF 2.1.0 Errata 01 schema (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json), byte for byte
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SARIF_SCHEMA = json.loads(SARIF_SCHEMA_FILE.read_text(encoding="utf-8"))

# ---------------------------------------------------------------------------------------------------------
# A small CDKTF project: one file with a CTD001 finding, one with a CTA002 finding that only the project
# shows (Queues is a construct because lib/queues.py says so), clean files, and generated code in .gen/.

CDKTF_JSON = '{"language": "python", "app": "python3 main.py"}\n'

MAIN_PY = '''\
from cdktf import App

from lib.stack import AppStack

app = App()
AppStack(app, "app")
app.synth()
'''

QUEUES_PY = '''\
from constructs import Construct
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue


class Queues(Construct):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        self.orders = SqsQueue(self, "orders")
'''

LOGS_PY = '''\
from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup


class AuditLogs(Construct):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        # compliance: keep audit logs for seven years
        self.group = CloudwatchLogGroup(self, "group", name="audit", retention_in_days=2555)
'''
LOGS_PY_FIXED = LOGS_PY.replace("retention_in_days=2555", "retention_in_days=2557")

STACK_PY = '''\
from cdktf import TerraformOutput, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider

from lib.logs import AuditLogs
from lib.queues import Queues


class AppStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        queues = Queues(scope, "queues")
        logs = AuditLogs(self, "audit")
        TerraformOutput(self, "queue_url", value=queues.orders.url)
        TerraformOutput(self, "log_group", value=logs.group.name)
'''
STACK_PY_FIXED = STACK_PY.replace('Queues(scope, "queues")', 'Queues(self, "queues")')

PROJECT = {
    "cdktf.json": CDKTF_JSON,
    "main.py": MAIN_PY,
    "lib/__init__.py": "",
    "lib/queues.py": QUEUES_PY,
    "lib/logs.py": LOGS_PY,
    "lib/stack.py": STACK_PY,
    ".gen/aws/generated_logs.py": LOGS_PY,  # would be a CTD001 finding if it were checked
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def tree_text(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts and ".cdktf_fixer_cache" not in p.parts
    }


# ---------------------------------------------------------------------------------------------------------
# git and pre-commit, isolated from the machine's settings and from any git hook that runs these tests


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, **extra)
    return env


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], check=False, cwd=cwd, env=clean_env(), capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def git_repository(root: Path) -> str:
    """Make `root` a git repository with everything in it committed; return the commit."""
    git(root, "init", "--quiet")
    git(root, "config", "user.email", "tests@example.invalid")
    git(root, "config", "user.name", "cdktf-fixer tests")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--no-verify", "-m", "snapshot")
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This checkout's working tree, uncommitted edits and new files included, committed in a repository of
    its own: what pre-commit clones and pip-installs is exactly the code under test."""
    dest = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=False, cwd=REPO, env=clean_env(), capture_output=True, text=True,
    )
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.split("\0")):
            if (REPO / name).is_file():  # a tracked file deleted in the working tree is left out
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, dest / name)
    else:  # not a git checkout
        shutil.copytree(REPO, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv*", "*.egg-info", "__pycache__", ".pytest_cache", ".cdktf_fixer_cache", "build", "dist"))
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    return dest, git_repository(dest)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One pre-commit store for the module: the hook environment (a virtualenv with cdktf-fixer
    pip-installed from the hook repository) is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def docs_pre_commit_config() -> dict:
    """The .pre-commit-config.yaml snippet of docs/ci.md."""
    blocks = re.findall(r"```yaml\n(.*?)```", CI_DOC.read_text(encoding="utf-8"), re.DOTALL)
    configs = [yaml.safe_load(b) for b in blocks if b.lstrip().startswith(("repos:", "# .pre-commit-config"))]
    assert len(configs) == 1, "docs/ci.md shows one .pre-commit-config.yaml"
    return configs[0]


def project_repository(root: Path, hook_repo: tuple[Path, str]) -> Path:
    """The test project as a git repository whose .pre-commit-config.yaml is the one docs/ci.md shows, pointed
    at this checkout; both hooks are listed so that each test can run the one it is about."""
    config = docs_pre_commit_config()
    (entry,) = config["repos"]
    entry["repo"], entry["rev"] = str(hook_repo[0]), hook_repo[1]
    listed = {hook["id"] for hook in entry["hooks"]}
    entry["hooks"] += [{"id": i} for i in ("cdktf-fixer", "cdktf-fixer-fix") if i not in listed]
    write_tree(root, {**PROJECT, ".pre-commit-config.yaml": yaml.safe_dump(config, sort_keys=False)})
    git_repository(root)
    return root


def run_pre_commit(repo: Path, home: Path, hook_id: str, *files: str) -> tuple[int, str]:
    assert PRE_COMMIT.is_file(), f"{PRE_COMMIT} missing: pre-commit is in the `test` extra"
    done = subprocess.run(
        [str(PRE_COMMIT), "run", hook_id, "--color", "never", "--files", *files],
        check=False, cwd=repo, env=clean_env(PRE_COMMIT_HOME=str(home)), capture_output=True, text=True,
        timeout=1200,
    )
    return done.returncode, done.stdout + done.stderr


# ---------------------------------------------------------------------------------------------------------
# pre-commit


def test_hook_manifest_and_docs_snippet_agree():
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(REPO / ".pre-commit-hooks.yaml")}  # pre-commit's own validation
    assert set(hooks) == {"cdktf-fixer", "cdktf-fixer-fix"}
    assert hooks["cdktf-fixer"]["entry"] == "cdktf-fixer check --force-exclude"
    assert hooks["cdktf-fixer-fix"]["entry"] == "cdktf-fixer fix --force-exclude"
    for hook in hooks.values():
        assert hook["language"] == "python" and "python" in hook["types_or"] + hook["types"]
        assert hook["pass_filenames"] and hook["require_serial"]  # one run reads each project once
        assert "--quiet" not in hook["entry"].split() + hook["args"]  # findings and the summary are printed
    (entry,) = docs_pre_commit_config()["repos"]
    assert {h["id"] for h in entry["hooks"]} <= set(hooks)


def test_pre_commit_check_hook_reports_findings_and_writes_nothing(tmp_path, hook_repo, pre_commit_home):
    repo = project_repository(tmp_path / "project", hook_repo)
    before = tree_text(repo)
    # lib/stack.py's finding needs lib/queues.py, which is not passed: the project is found from cdktf.json
    code, out = run_pre_commit(repo, pre_commit_home, "cdktf-fixer",
                               "lib/logs.py", "lib/stack.py", ".gen/aws/generated_logs.py")
    assert code == 1, out
    assert re.search(r"^cdktf-fixer check\.+Failed$", out, re.MULTILINE), out
    assert "- hook id: cdktf-fixer\n- exit code: 1\n" in out, out
    assert re.search(r"^lib/logs\.py:9:\d+: CTD001 `retention_in_days=2555` ", out, re.MULTILINE), out
    assert re.search(r"^lib/stack\.py:13:\d+: CTA002 `Queues` is created with `scope`", out, re.MULTILINE), out
    assert ".gen/" not in out  # generated code is excluded by the hook
    assert "Found 2 findings left. 2 fixable with `cdktf-fixer fix`." in out
    assert "files were modified" not in out
    assert tree_text(repo) == before
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""  # its cache ignores itself


def test_pre_commit_check_hook_passes_clean_files(tmp_path, hook_repo, pre_commit_home):
    repo = project_repository(tmp_path / "project", hook_repo)
    code, out = run_pre_commit(repo, pre_commit_home, "cdktf-fixer", "main.py", "lib/__init__.py", "lib/queues.py")
    assert code == 0, out
    assert re.search(r"^cdktf-fixer check\.+Passed$", out, re.MULTILINE), out


def test_pre_commit_fix_hook_rewrites_files_and_fails(tmp_path, hook_repo, pre_commit_home):
    repo = project_repository(tmp_path / "project", hook_repo)
    before = tree_text(repo)
    code, out = run_pre_commit(repo, pre_commit_home, "cdktf-fixer-fix",
                               "lib/logs.py", "lib/stack.py", ".gen/aws/generated_logs.py")
    assert code == 1, out
    assert re.search(r"^cdktf-fixer fix\.+Failed$", out, re.MULTILINE), out
    assert "- hook id: cdktf-fixer-fix\n- files were modified by this hook\n" in out, out
    assert "- exit code:" not in out  # cdktf-fixer exited 0: nothing left; the hook fails for the change alone
    assert "Fixed 2 findings in 2 files." in out
    after = tree_text(repo)
    assert after["lib/logs.py"] == LOGS_PY_FIXED
    assert after["lib/stack.py"] == STACK_PY_FIXED
    assert after == {**before, "lib/logs.py": LOGS_PY_FIXED, "lib/stack.py": STACK_PY_FIXED}  # .gen/ untouched
    assert git(repo, "diff", "--name-only").split() == ["lib/logs.py", "lib/stack.py"]


def test_project_wide_facts_hold_when_only_one_file_is_given(tmp_path):
    """CTA002's verdict on lib/stack.py depends on lib/queues.py (is Queues a construct?). Given only
    lib/stack.py, cdktf-fixer still reads the project rooted at cdktf.json; without cdktf.json the project
    is just that file, and the finding goes away: the first result comes from the project, not the file."""
    project = write_tree(tmp_path / "project", {k: v for k, v in PROJECT.items() if not k.startswith(".gen/")})
    stack = project / "lib" / "stack.py"

    outcome = cli("check", "--no-cache", "--output-format", "json", "--select", "CTA002", stack)
    assert outcome.exit_code == 1, outcome.stdout + outcome.stderr
    found = [(f["code"], (Path.cwd() / f["path"]).resolve(), f["line"]) for f in outcome.json()["findings"]]
    assert found == [("CTA002", stack.resolve(), 13)]

    outcome = cli("fix", "--no-cache", stack)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert stack.read_text(encoding="utf-8") == STACK_PY_FIXED

    stack.write_text(STACK_PY, encoding="utf-8")
    (project / "cdktf.json").unlink()
    outcome = cli("check", "--no-cache", "--output-format", "json", "--select", "CTA002", stack)
    assert outcome.exit_code == 0 and outcome.json()["findings"] == [], outcome.stdout


# ---------------------------------------------------------------------------------------------------------
# SARIF against the official schema


def sarif_violations(document: dict) -> list[str]:
    """Every error the schema finds, under the draft it declares (04) and under Draft 7 (the SARIF schema
    uses no keyword whose meaning differs between the two)."""
    found = []
    for validator_class in (jsonschema.validators.validator_for(SARIF_SCHEMA), jsonschema.Draft7Validator):
        validator = validator_class(SARIF_SCHEMA, format_checker=validator_class.FORMAT_CHECKER)
        found += [f"{validator_class.__name__}: /{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(document)]
    return found


def test_vendored_sarif_schema_is_the_oasis_2_1_0_schema():
    assert hashlib.sha256(SARIF_SCHEMA_FILE.read_bytes()).hexdigest() == SARIF_SCHEMA_SHA256
    assert SARIF_SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert SARIF_SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    jsonschema.Draft7Validator.check_schema(SARIF_SCHEMA)
    definitions = set(SARIF_SCHEMA["definitions"])
    assert {"run", "result", "message", "notification", "invocation", "reportingDescriptor"} <= definitions


def test_sarif_output_is_valid_sarif_2_1_0(tmp_path):
    project = shutil.copytree(EXAMPLE, tmp_path / "payments-app")
    outcome = cli("check", "--no-cache", "--output-format", "sarif", project)
    assert outcome.exit_code == 1
    document = outcome.json()
    assert sarif_violations(document) == []

    findings = cli("check", "--no-cache", "--output-format", "json", project).json()["findings"]
    (run,) = document["runs"]
    assert len(run["results"]) == len(findings) == 10
    assert [r["ruleId"] for r in run["results"]] == [f["code"] for f in findings]
    assert {r["ruleId"] for r in run["results"]} <= {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert run["invocations"][0]["executionSuccessful"] is True

    # the check can fail: documents the schema refuses
    without_message = copy.deepcopy(document)
    del without_message["runs"][0]["results"][0]["message"]
    assert any("'message' is a required property" in v for v in sarif_violations(without_message))
    bad_region = copy.deepcopy(document)
    bad_region["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert any("startLine" in v for v in sarif_violations(bad_region))


def test_sarif_with_a_file_in_error_is_valid(tmp_path):
    project = shutil.copytree(EXAMPLE, tmp_path / "payments-app")
    # it names a provider class, so the rules read it, and it does not parse
    (project / "lib" / "broken.py").write_text(
        "from cdktf_cdktf_provider_aws.vpc import Vpc\n\ndef broken(:\n    Vpc(self, 'vpc')\n", encoding="utf-8"
    )
    outcome = cli("check", "--no-cache", "--output-format", "sarif", project)
    assert outcome.exit_code != 0
    document = outcome.json()
    assert sarif_violations(document) == []
    (run,) = document["runs"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and notification["message"]["text"].startswith("cannot parse")
    location = notification["locations"][0]["physicalLocation"]
    assert (Path.cwd() / location["artifactLocation"]["uri"]).resolve() == (project / "lib" / "broken.py").resolve()
    assert location["region"]["startLine"] == 3  # where Python says the syntax error is
    assert len(run["results"]) == 10  # the other files' findings are still there


# ---------------------------------------------------------------------------------------------------------
# The GitHub workflow of docs/ci, its commands run as written

GITHUB_LINE = re.compile(r"^::error title=cdktf-fixer \((CT[A-Z]\d{3})\),file=([^,]+),line=(\d+),col=(\d+)::\1 \S")


def workflow_steps() -> tuple[dict, list[dict]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return workflow, job["steps"]


def run_step(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """As GitHub runs a `run:` step on Linux (bash -e, pipefail), with this checkout's cdktf-fixer first on PATH."""
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert shutil.which("cdktf-fixer", path=env["PATH"]) == str(CDKTF_FIXER)
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
                          check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr  # a crash exits 1 as findings do: tell them apart here
    return done


def test_github_workflow_commands(tmp_path):
    workflow, steps = workflow_steps()
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    commands = [s for s in steps if "cdktf-fixer" in s.get("run", "") and not s["run"].startswith("pip install")]
    (annotate,) = [s for s in commands if "--output-format github" in s["run"]]
    (sarif_step,) = [s for s in commands if "--output-format sarif" in s["run"]]
    assert len(commands) == 2
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    sarif_file = upload["with"]["sarif_file"]
    assert f"> {sarif_file}" in sarif_step["run"]
    assert sarif_step.get("if") == "always()" and upload.get("if") == "always()"  # they run after a failed check
    assert steps.index(annotate) < steps.index(sarif_step) < steps.index(upload)

    project = shutil.copytree(EXAMPLE, tmp_path / "repo")  # the repository root, as actions/checkout leaves it
    expected = {(f["code"], f["path"], f["line"], f["column"])
                for f in cli("check", "--no-cache", "--output-format", "json", project).json()["findings"]}
    expected = {(code, Path(os.path.relpath(Path.cwd() / path, project)).as_posix(), line, column)
                for code, path, line, column in expected}
    assert len(expected) == 10

    done = run_step(annotate["run"], project)
    assert done.returncode == 1, done.stderr  # findings fail the job
    lines = done.stdout.splitlines()
    matches = [GITHUB_LINE.match(line) for line in lines]
    assert all(matches), done.stdout  # stdout is annotations only
    got = {(m[1], m[2], int(m[3]), int(m[4])) for m in matches}
    assert got == expected and len(lines) == len(expected)
    assert all((project / file).is_file() for _, file, _, _ in got)  # paths relative to the repository root
    assert "Found 10 findings left." in done.stderr

    done = run_step(sarif_step["run"], project)
    assert done.returncode == 0, done.stderr  # exit 1 (findings) is accepted: the check step gates
    document = json.loads((project / sarif_file).read_text(encoding="utf-8"))
    assert sarif_violations(document) == []
    results = document["runs"][0]["results"]
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in results} == expected

    # a file that cannot be parsed: the check step fails, the SARIF step fails only where the exit code is 2,
    # and the SARIF it writes still validates, with the file as a tool execution notification
    (project / "lib" / "broken.py").write_text(
        "from cdktf_cdktf_provider_aws.vpc import Vpc\n\ndef broken(:\n    Vpc(self, 'vpc')\n", encoding="utf-8"
    )
    exit_code = cli("check", "--no-cache", project).exit_code
    assert exit_code in (1, 2)
    done = run_step(annotate["run"], project)
    assert done.returncode == exit_code
    assert re.search(r"^::error title=cdktf-fixer,file=lib/broken\.py,line=3,col=\d+::cannot parse", done.stdout,
                     re.MULTILINE), done.stdout
    done = run_step(sarif_step["run"], project)
    assert done.returncode == (0 if exit_code == 1 else exit_code), done.stderr
    document = json.loads((project / sarif_file).read_text(encoding="utf-8"))
    assert sarif_violations(document) == []
    (notification,) = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "lib/broken.py"


def test_python_dash_m_in_a_project_shadowing_standard_modules(tmp_path):
    """`python -m fixer` run inside a project whose own modules are named like the standard library's
    (`secrets.py`, `types.py`) imports the standard library's, not the project's."""
    (tmp_path / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
    for name in ("secrets", "types", "tokenize"):
        (tmp_path / f"{name}.py").write_text("raise ImportError('the project module was imported')\n")
    (tmp_path / "main.py").write_text("from cdktf import App\n\napp = App()\napp.synth()\n")
    run = subprocess.run([sys.executable, "-m", "fixer", "check", "--no-cache", "--output-format", "json", "."],
                         cwd=tmp_path, capture_output=True, text=True, check=False)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode in (0, 1)
    assert json.loads(run.stdout)["summary"]["files"] >= 4
