"""The engine's promises: never corrupt a file, keep its bytes' conventions, write nothing on a dry run."""
from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path

import libcst as cst
import pytest
from helpers import GOLDEN, cli, snapshot

from fixer.engine import Options, fix_source, process_file, run
from fixer.project import ProjectContext
from fixer.registry import rule_by_code, select_rules
from fixer.rule import Rule
from fixer.textio import decode
from fixer.types import Applicability, FixAvailability

BROKEN = "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n"
FIXED = "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_unparsable_file_is_reported_untouched_and_the_run_goes_on(tmp_path):
    bad = write(tmp_path / "bad.py", BROKEN + "def broken(:\n")
    good = write(tmp_path / "good.py", BROKEN)
    outcome = cli("fix", tmp_path)
    assert outcome.exit_code == 1  # the user's input, reported like a finding (ruff's exit code)
    assert bad.read_text() == BROKEN + "def broken(:\n"
    assert good.read_text() == FIXED
    assert "bad.py:2:12: error: cannot parse: invalid syntax\n" in outcome.stdout
    assert "Traceback" not in outcome.stdout
    assert "All checks passed" not in cli("check", tmp_path).stdout


CONFLICT = BROKEN + "<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> feature\n"
TEMPLATE = BROKEN + 'name = "{{ cookiecutter.project_slug }}"\n{% if cookiecutter.use_vpc %}\nvpc = True\n{% endif %}\n'


def test_unparsable_files_get_one_position_and_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "conflict.py", CONFLICT)
    write(tmp_path / "template.py", TEMPLATE)
    write(tmp_path / "{{cookiecutter.project_slug}}" / "stack.py", TEMPLATE)  # a template folder: skipped
    write(tmp_path / "plain_conflict.py", "<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> feature\n")  # no rule looks
    outcome = cli("check", ".")
    lines = sorted(outcome.stdout.splitlines()[:-1])
    assert lines == [
        "conflict.py:2:1: error: cannot parse: unresolved merge conflict (resolve the conflict markers)",
        "plain_conflict.py:1:1: error: cannot parse: unresolved merge conflict (resolve the conflict markers)",
        "template.py:3:2: error: cannot parse: invalid syntax (template syntax such as {{ ... }} or {% ... %}, not "
        "Python: a project template?)",
    ]
    assert outcome.exit_code == 1
    errors = cli("check", tmp_path, "--output-format", "json").json()["errors"]
    assert {e["kind"] for e in errors} == {"syntax"}


def test_only_an_internal_failure_exits_2(tmp_path, monkeypatch):
    from codemods.service_constraints.log_retention_days import LogRetentionDays

    def explode(self, original_node, updated_node):
        raise KeyError("boom")

    monkeypatch.setattr(LogRetentionDays, "leave_Arg", explode)
    write(tmp_path / "a.py", (GOLDEN / "CTD001-log-retention-days" / "catalog-seven-years" / "before.py").read_text())
    outcome = cli("check", tmp_path, "--select", "CTD001", "--no-cache")
    assert outcome.exit_code == 2
    assert "rule CTD001 failed: KeyError" in outcome.stdout


def test_a_fix_that_would_leave_a_name_undefined_is_withheld(tmp_path, monkeypatch):
    import libcst as cst

    from codemods.service_constraints.log_retention_days import LogRetentionDays

    fix = LogRetentionDays.leave_Arg

    def leaves_a_name_undefined(self, original_node, updated_node):
        result = fix(self, original_node, updated_node)
        return result if result is updated_node else result.with_changes(value=cst.Name("retention_days"))

    monkeypatch.setattr(LogRetentionDays, "leave_Arg", leaves_a_name_undefined)
    source = (GOLDEN / "CTD001-log-retention-days" / "catalog-seven-years" / "before.py").read_text()
    path = write(tmp_path / "a.py", source)
    outcome = cli("fix", tmp_path, "--select", "CTD001", "--output-format", "json", "--no-cache")
    assert outcome.exit_code == 1
    assert path.read_text() == source
    report = outcome.json()
    assert report["fixed"] == [] and report["summary"]["changed_files"] == 0
    assert len(report["findings"]) == 3
    for finding in report["findings"]:
        assert finding["fix"] == "none"
        assert finding["message"].endswith("(not fixed: the fixes would leave `retention_days` undefined)")


@pytest.mark.parametrize("last_line", ["x = 1", ""], ids=["unchanged-last-line", "changed-last-line"])
def test_diff_of_a_file_without_trailing_newline_applies(tmp_path, monkeypatch, last_line):
    import subprocess

    project = tmp_path / "project"
    path = write(project / "a.py", BROKEN + last_line if last_line else BROKEN.rstrip("\n"))
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    monkeypatch.chdir(project)
    outcome = cli("fix", "--diff", ".")
    assert outcome.exit_code == 1
    assert "\\ No newline at end of file\n" in outcome.stdout
    patch = tmp_path / "fix.diff"
    patch.write_text(outcome.stdout)
    subprocess.run(["git", "apply", "--check", str(patch)], cwd=project, check=True)
    subprocess.run(["patch", "--dry-run", "-p1", "-i", str(patch)], cwd=project, check=True, capture_output=True)
    subprocess.run(["git", "apply", str(patch)], cwd=project, check=True)
    fixed = path.read_text()
    assert fixed.startswith(FIXED.rstrip("\n")) and not fixed.endswith("\n")


class ExplodingRule(Rule):
    code = "CTX999"
    name = "exploding"
    summary = "raises"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("cdktf",)

    def visit_Module(self, node):
        raise KeyError("boom")


def test_rule_that_raises_becomes_an_error_entry(tmp_path):
    path = write(tmp_path / "a.py", BROKEN)
    project = ProjectContext.build(tmp_path)
    options = Options((ExplodingRule,), apply=frozenset({Applicability.SAFE}), write=True)
    result = process_file(str(path), [ExplodingRule], project, options)
    assert result.error is not None and "CTX999" in result.error.reason and "KeyError" in result.error.reason
    assert "Traceback" in (result.error.detail or "")
    assert path.read_text() == BROKEN


class InvalidOutputRule(Rule):
    """Produces a tree whose code does not parse: the guard must refuse it."""

    code = "CTX998"
    name = "invalid-output"
    summary = "emits broken code"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("cdktf",)

    def leave_Module(self, original_node, updated_node):
        if not self.report(original_node, "rewrites the module", Applicability.SAFE):
            return updated_node
        return updated_node.with_changes(body=[cst.SimpleStatementLine([cst.Expr(cst.Name("def"))])])


def test_fix_that_produces_invalid_code_is_refused(tmp_path):
    path = write(tmp_path / "a.py", BROKEN)
    options = Options((InvalidOutputRule,), apply=frozenset({Applicability.SAFE}), write=True)
    result = process_file(str(path), [InvalidOutputRule], ProjectContext.build(tmp_path), options)
    assert result.error is not None and "invalid code" in result.error.reason
    assert path.read_text() == BROKEN


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + BROKEN.replace("\n", "\r\n").encode(),
        b"# -*- coding: latin-1 -*-\r\n" + BROKEN.replace("\n", "\r\n").encode() + "# café\r\n".encode("latin-1"),
        BROKEN.encode() + b"x = 1\r\ny = 2\n",  # mixed line endings stay mixed
    ],
    ids=["bom-crlf", "latin1-cookie", "mixed-newlines"],
)
def test_encoding_bom_and_newlines_are_preserved(tmp_path, raw):
    path = write(tmp_path / "a.py", raw)
    assert cli("fix", path, "--quiet").exit_code == 0
    expected = raw.replace(b"S3BucketVersioning\r\n", b"S3BucketVersioningA\r\n").replace(
        b"S3BucketVersioning\n", b"S3BucketVersioningA\n"
    )
    assert path.read_bytes() == expected


def test_write_keeps_permissions_and_leaves_no_temp_files(tmp_path):
    path = write(tmp_path / "a.py", BROKEN)
    os.chmod(path, 0o640)
    cli("fix", tmp_path, "--quiet")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py"]


def test_diff_writes_nothing_and_exits_1(tmp_path):
    write(tmp_path / "a.py", BROKEN)
    before = snapshot(tmp_path)
    outcome = cli("fix", "--diff", tmp_path)
    assert outcome.exit_code == 1
    assert snapshot(tmp_path) == before
    assert "-from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n" in outcome.stdout
    assert "+" + FIXED in outcome.stdout


REPORT_ONLY = (GOLDEN / "CTE003-placeholder-values" / "catalog-placeholders" / "before.py").read_text()


def test_diff_exit_code_says_whether_a_change_is_pending_not_whether_findings_remain(tmp_path):
    write(tmp_path / "edge.py", REPORT_ONLY)  # findings without a fix only
    nothing_to_change = cli("fix", "--diff", tmp_path)
    assert nothing_to_change.exit_code == 0, nothing_to_change.stdout + nothing_to_change.stderr
    assert nothing_to_change.stdout == ""
    assert cli("check", tmp_path).exit_code == 1  # the findings are still `check`'s to report
    assert cli("fix", tmp_path).exit_code == 1  # and `fix` still says some are left
    write(tmp_path / "a.py", BROKEN)
    assert cli("fix", "--diff", tmp_path).exit_code == 1


def test_check_writes_nothing_and_exit_codes(tmp_path):
    write(tmp_path / "a.py", BROKEN)
    before = snapshot(tmp_path)
    assert cli("check", tmp_path).exit_code == 1
    assert snapshot(tmp_path) == before
    write(tmp_path / "a.py", FIXED)
    clean = cli("check", tmp_path)
    assert clean.exit_code == 0 and "All checks passed" in clean.stdout


def test_files_without_markers_are_not_parsed(tmp_path):
    path = write(tmp_path / "plain.py", "import os\nprint(os.sep)\n")
    from codemods.provider_api.provider_class_names import ProviderClassNames

    result = process_file(str(path), [ProviderClassNames], ProjectContext.build(tmp_path), Options((ProviderClassNames,)))
    assert result.parsed is False and result.findings == []
    marked = write(tmp_path / "marked.py", BROKEN)
    assert process_file(str(marked), [ProviderClassNames], ProjectContext.build(tmp_path), Options((ProviderClassNames,))).parsed


def test_a_file_no_rule_looks_at_is_not_compiled_either(tmp_path, monkeypatch):
    # the depth guard compiles files with hundreds of brackets or dots (most of a standard library): with
    # one process it ran before the rules' cheap tests, and took 40 % of a mixed monorepo's check
    from fixer import engine

    plain = write(tmp_path / "plain.py", "import os\n" + "print(os.path.sep)\n" * 400)
    compiled = []
    monkeypatch.setattr(engine, "_refused_for_depth", lambda text, path: compiled.append(path))
    rules = (rule_by_code("CTB001"),)
    result = process_file(str(plain), rules, ProjectContext.build(tmp_path), Options(rules))
    assert (result.parsed, result.error, compiled) == (False, None, [])
    marked = write(tmp_path / "marked.py", BROKEN + "print(os.path.sep)\n" * 400)
    assert process_file(str(marked), rules, ProjectContext.build(tmp_path), Options(rules)).parsed
    assert compiled == [str(marked)]


def test_a_file_the_project_index_cannot_parse_is_reported_even_when_no_rule_looks_at_it(tmp_path):
    write(tmp_path / "cdktf.json", '{"app": "python main.py"}')
    bad = write(tmp_path / "stack.py", "from constructs import Construct\nclass A(Construct):\n    def f(:\n")
    for jobs in ("1", "2"):
        outcome = cli("check", tmp_path, "--no-cache", "--jobs", jobs, "--select", "CTA004")
        assert f"{bad.name}:3:11: error: cannot parse" in outcome.stdout, outcome.stdout
        assert outcome.exit_code == 1 and "project index cannot read" not in outcome.stdout + outcome.stderr


def test_each_project_is_described_where_its_files_are_checked(tmp_path):
    # with a pool, in the worker that built the project (its pins read there), not again in the main process
    for project in ("a", "b"):
        write(tmp_path / project / "cdktf.json", '{"app": "python main.py"}')
        for i in range(15):
            write(tmp_path / project / f"m{i:02d}.py", BROKEN)
    files = sorted(tmp_path.rglob("*.py"))
    roots = {f: (tmp_path / f.parent.name).resolve() for f in files}
    options = Options((rule_by_code("CTB001"),))
    for jobs in (1, 2):
        described: dict = {}
        results = run(files, roots, options, jobs=jobs, describe=lambda root: ("pid", os.getpid(), root.name),
                      described=described)
        assert len(results) == 30 and sorted(described) == sorted(set(roots.values())), jobs
        assert {d[2] for d in described.values()} == {"a", "b"}
        assert all((d[1] == os.getpid()) is (jobs == 1) for d in described.values()), jobs


def test_discovery_skips_generated_code_and_gitignored_files(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "scratch/\nlocal_*.py\n")
    for relative in [
        "lib/stack.py",
        "cdktf.out/stacks/x.py",
        "imports/aws/vpc.py",
        "imports/aws/_jsii/__init__.py",
        ".gen/aws/vpc.py",
        ".venv/lib/site.py",
        "node_modules/pkg/x.py",
        "scratch/try.py",
        "lib/local_notes.py",
    ]:
        write(tmp_path / relative, BROKEN)
    report = cli("check", tmp_path, "--output-format", "json").json()
    paths = {Path(f["path"]).resolve().relative_to(tmp_path.resolve()).as_posix() for f in report["findings"]}
    assert paths == {"lib/stack.py"}


def test_a_gitignore_in_a_walked_folder_applies_below_it_whatever_sorts_beside_it(tmp_path):
    # the walk finds a folder's .gitignore in its listing: names sorting before and after it are beside it
    (tmp_path / ".git").mkdir()
    write(tmp_path / "app" / ".gitignore", "local_*.py\n")
    for relative in ["app/-first.py", "app/.a.py", "app/.gitignore.py", "app/local_notes.py", "app/stack.py",
                     "app/sub/local_more.py", "other/local_kept.py"]:
        write(tmp_path / relative, BROKEN)
    (tmp_path / "plain" / ".gitignore").mkdir(parents=True)  # a folder of that name is not an ignore file
    write(tmp_path / "plain" / "local_too.py", BROKEN)
    report = cli("check", tmp_path, "--output-format", "json").json()
    paths = {Path(f["path"]).resolve().relative_to(tmp_path.resolve()).as_posix() for f in report["findings"]}
    assert paths == {"app/-first.py", "app/.a.py", "app/.gitignore.py", "app/stack.py", "other/local_kept.py",
                     "plain/local_too.py"}


def test_a_run_lists_each_folder_and_asks_each_folder_above_once_and_nothing_is_kept_after_it(tmp_path):
    from fixer.discovery import folders_fixed, iter_python_files, repository_folders

    (tmp_path / ".git").mkdir()
    project = tmp_path / "apps" / "one"
    write(project / "stack.py", "x = 1\n")
    write(project / "local_notes.py", "x = 1\n")

    def listed() -> list[str]:
        return sorted(p.name for p in iter_python_files(project))

    with folders_fixed():
        assert listed() == ["local_notes.py", "stack.py"] and repository_folders(project)[-1] == tmp_path
        write(tmp_path / "apps" / ".gitignore", "local_*.py\n")
        (tmp_path / "apps" / ".git").mkdir()
        write(project / "late.py", "x = 1\n")
        # listed and asked already in this run: the answers stand
        assert listed() == ["local_notes.py", "stack.py"] and repository_folders(project)[-1] == tmp_path
    assert listed() == ["late.py", "stack.py"] and repository_folders(project)[-1] == tmp_path / "apps"


def test_ignore_files_above_a_named_folder_apply_up_to_the_repository_root_and_not_outside_one(tmp_path):
    write(tmp_path / ".gitignore", "local_*.py\n")  # above the repository: not the repository's rules
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    write(repository / ".gitignore", "scratch_*.py\n")
    for folder in (repository / "apps" / "one", tmp_path / "loose" / "one"):
        for name in ("stack.py", "local_notes.py", "scratch_try.py"):
            write(folder / name, BROKEN)

    def checked(named):
        report = cli("check", named, "--output-format", "json").json()
        return sorted(Path(f["path"]).name for f in report["findings"])

    assert checked(repository / "apps" / "one") == ["local_notes.py", "stack.py"]
    assert checked(tmp_path / "loose" / "one") == ["local_notes.py", "scratch_try.py", "stack.py"]


def test_the_engine_reads_each_file_of_a_cdktf_project_once(tmp_path, monkeypatch):
    # the project index reads every file of the project; the engine takes the bytes it read of the run's
    from fixer.project import assign_roots

    write(tmp_path / "cdktf.json", '{"app": "python3 main.py"}')
    files = [write(tmp_path / "stacks" / f"stack_{number}.py", BROKEN) for number in range(3)]
    write(tmp_path / "main.py", "from cdktf import App\nApp().synth()\n")
    reads: list[str] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real_read(self))
    rules = tuple(select_rules(None, []))
    results = run(files, assign_roots([tmp_path / "stacks"], files), Options(rules), jobs=1)
    assert sorted(r.path for r in results if r.findings) == sorted(str(f) for f in files)
    assert sorted(name for name in reads if name.endswith(".py")) == ["main.py", "stack_0.py", "stack_1.py",
                                                                         "stack_2.py"]


def test_explicit_file_is_processed_even_if_ignored(tmp_path):
    write(tmp_path / ".gitignore", "scratch/\n")
    path = write(tmp_path / "scratch" / "try.py", BROKEN)
    assert cli("check", path).exit_code == 1


def test_a_named_folder_inside_an_ignored_tree_is_checked(tmp_path):
    """Ignore files above the folder the user names never exclude it; they still apply below it."""
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "build/\nlocal_*.py\n!local_keep.py\n")
    write(tmp_path / "build" / "sub" / "stack.py", BROKEN)
    write(tmp_path / "build" / "sub" / "local_notes.py", BROKEN)
    write(tmp_path / "build" / "sub" / "local_keep.py", BROKEN)
    write(tmp_path / "build" / "sub" / "deeper" / "build" / "x.py", BROKEN)  # a build/ below the named folder
    for named in (tmp_path / "build", tmp_path / "build" / "sub"):
        outcome = cli("check", named, "--output-format", "json")
        paths = {Path(f["path"]).resolve().relative_to(named.resolve()).as_posix() for f in outcome.json()["findings"]}
        below = "" if named.name == "sub" else "sub/"
        assert paths == {f"{below}stack.py", f"{below}local_keep.py"}
        assert outcome.exit_code == 1
    assert cli("check", tmp_path, "--output-format", "json").json()["findings"] == []


def test_a_run_that_finds_no_python_file_says_why_and_never_that_checks_passed(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "scratch/\ngenerated_*.py\n")
    write(tmp_path / "scratch" / "try.py", BROKEN)
    write(tmp_path / "generated_a.py", BROKEN)
    ignored = cli("check", tmp_path)
    assert ignored.exit_code == 0
    assert "All checks passed" not in ignored.stdout
    assert "warning: no Python files to check" in ignored.stderr
    assert "1 Python file and 1 folder ignored by .gitignore" in ignored.stderr
    empty = tmp_path / "docs"
    write(empty / "notes.md", "# notes\n")
    none = cli("check", empty)
    assert "warning: no Python files found in" in none.stderr and "All checks passed" not in none.stdout
    with_files = cli("check", tmp_path / "scratch" / "try.py")
    assert "warning" not in with_files.stderr and with_files.exit_code == 1


def test_pyproject_config_select_exclude_and_per_file_ignores(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.cdktf-fixer]\nselect = ["CTB"]\nexclude = ["legacy/**"]\n'
        'per-file-ignores = { "tests/**" = ["CTB001"] }\n',
    )
    write(tmp_path / "lib" / "a.py", BROKEN)
    write(tmp_path / "legacy" / "old.py", BROKEN)
    write(tmp_path / "tests" / "test_a.py", BROKEN)
    write(tmp_path / "lib" / "stack.py", "from constructs import Construct\nclass A(Construct):\n    def __init__(self, scope, id):\n        pass\n")
    report = cli("check", tmp_path, "--output-format", "json").json()
    found = {(Path(f["path"]).name, f["code"]) for f in report["findings"]}
    assert found == {("a.py", "CTB001")}  # CTA003 not selected; legacy excluded; tests ignored


def test_bad_config_and_unknown_codes_are_usage_errors(tmp_path):
    write(tmp_path / "a.py", BROKEN)
    assert cli("check", tmp_path, "--select", "XYZ").exit_code == 2
    assert cli("check", tmp_path / "missing").exit_code == 2
    write(tmp_path / "pyproject.toml", "[tool.cdktf-fixer]\nselct = ['CTB']\n")
    outcome = cli("check", tmp_path / "a.py")
    assert outcome.exit_code == 2 and "selct" in outcome.stderr


def test_select_and_ignore_by_prefix(tmp_path):
    write(tmp_path / "a.py", BROKEN + "from constructs import Construct\nclass A(Construct):\n    def __init__(self, scope, id):\n        pass\n")
    codes = lambda *a: {f["code"] for f in cli("check", tmp_path, "--output-format", "json", *a).json()["findings"]}
    assert codes() == {"CTB001", "CTA003"}
    assert codes("--select", "CTA") == {"CTA003"}
    assert codes("--ignore", "CTA003,CTB") == set()


def test_output_formats(tmp_path):
    write(tmp_path / "a.py", BROKEN)
    sarif = json.loads(cli("check", tmp_path, "--output-format", "sarif").stdout)
    result = sarif["runs"][0]["results"][0]
    assert sarif["version"] == "2.1.0" and result["ruleId"] == "CTB001"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    github = cli("check", tmp_path, "--output-format", "github").stdout
    assert github.startswith("::error title=cdktf-fixer (CTB001),file=") and ",line=1," in github
    text = cli("check", tmp_path, "--statistics").stdout
    assert "CTB001" in text and "1 fixable with `cdktf-fixer fix`" in text


def test_json_output_is_a_run_summary_a_dashboard_can_aggregate(tmp_path):
    from fixer import __version__

    for name in ("web", "data"):
        write(tmp_path / name / "cdktf.json", '{"language": "python", "app": "python3 main.py"}')
        write(tmp_path / name / "main.py", BROKEN)
    write(tmp_path / "data" / "edge.py", REPORT_ONLY)
    report = cli("check", tmp_path, "--output-format", "json", "--select", "CTB001,CTE003").json()
    assert report["version"] == __version__
    projects = {Path(p["root"]).name: p for p in report["projects"]}
    assert {name: p["files"] for name, p in projects.items()} == {"web": 1, "data": 2}
    providers = {p["distribution"]: p for p in projects["web"]["providers"]}
    aws = providers["cdktf-cdktf-provider-aws"]
    assert aws["version"] and aws["source"]
    # every installed provider is found, not only the one whose schema ships with cdktf-fixer
    assert providers["cdktf-cdktf-provider-random"]["version"] == "12.0.1"
    assert report["by_rule"]["CTB001"] == {"name": "provider-class-names", "left": 2, "fixed": 0}
    assert report["by_rule"]["CTE003"]["left"] == report["summary"]["findings"] - 2 > 0
    fixed = cli("fix", tmp_path, "--output-format", "json", "--select", "CTB001").json()
    assert fixed["by_rule"]["CTB001"] == {"name": "provider-class-names", "left": 0, "fixed": 2}
    sarif = json.loads(cli("check", tmp_path, "--output-format", "sarif").stdout)
    assert {Path(p["root"]).name for p in sarif["runs"][0]["properties"]["projects"]} == {"web", "data"}


def test_process_pool_gives_the_same_results_as_one_process(tmp_path, monkeypatch):
    # every file passes the workers' screen (a provider import), half of them are correct: all 30
    # must reach the workers, or this would compare the serial path with itself
    for i in range(30):
        write(tmp_path / f"m{i:02d}.py", BROKEN if i % 2 else FIXED)
    files = sorted(tmp_path.glob("*.py"))
    roots = {f: tmp_path.resolve() for f in files}
    options = Options((rule_by_code("CTA003"), rule_by_code("CTB001")))
    serial = run(files, roots, options, jobs=1)
    from fixer import engine

    pools = []
    real_pool = engine.ProcessPoolExecutor
    monkeypatch.setattr(engine, "ProcessPoolExecutor", lambda *a, **k: pools.append(k) or real_pool(*a, **k))
    pooled = run(files, roots, options, jobs=2)
    assert len(pools) == 1
    as_tuples = lambda rs: sorted((r.path, [f.to_json() for f in r.findings]) for r in rs)
    assert as_tuples(serial) == as_tuples(pooled)
    assert sum(len(r.findings) for r in serial) == 15


def test_process_pool_still_reports_a_merge_conflict_no_rule_looks_at(tmp_path):
    for i in range(30):
        write(tmp_path / f"m{i:02d}.py", "x = 1\n")
    write(tmp_path / "m07.py", "<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> feature\n")
    files = sorted(tmp_path.glob("*.py"))
    roots = {f: tmp_path.resolve() for f in files}
    options = Options((rule_by_code("CTB001"),))
    for jobs in (1, 2):
        errors = [r.error.reason for r in run(files, roots, options, jobs=jobs) if r.error]
        assert errors == ["cannot parse: unresolved merge conflict (resolve the conflict markers)"], jobs


def test_in_memory_api_reports_positions(tmp_path):
    source = decode(("\n" * 4 + BROKEN).encode())
    rules = select_rules(None, [])
    result = fix_source(source, "x.py", rules, ProjectContext.build(tmp_path), Options(tuple(rules)))
    assert [(f.code, f.line, f.column) for f in result.findings] == [("CTB001", 5, 59)]


NET = "from constructs import Construct\n\nclass Net(Construct):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
CALL = "from other import Net\n\ndef build(stack):\n    return Net(stack, id='net')\n"


def test_without_cdktf_json_the_project_is_what_the_run_was_given(tmp_path):
    write(tmp_path / "other.py", NET)
    main = write(tmp_path / "main.py", CALL)
    alone = cli("check", main, "--output-format", "json").json()["findings"]
    assert alone == []  # other.py was not given: nothing is known about Net
    together = cli("check", tmp_path, "--output-format", "json").json()["findings"]
    assert {(Path(f["path"]).name, f["line"]) for f in together} == {("other.py", 4), ("main.py", 4)}


def test_with_cdktf_json_the_whole_project_is_known_even_for_one_file(tmp_path):
    write(tmp_path / "cdktf.json", '{"language": "python", "app": "python main.py"}')
    write(tmp_path / "other.py", NET)
    main = write(tmp_path / "main.py", CALL)
    assert cli("fix", main, "--quiet").exit_code == 0
    assert "Net(stack, construct_id='net')" in main.read_text()


def test_a_project_folder_named_imports_is_checked_unless_it_holds_generated_bindings(tmp_path):
    # corpus Pr7115 keeps its own stacks in imports/: skipping it left the synth blocker unfixed
    write(tmp_path / "imports" / "networking.py", BROKEN)
    report = cli("check", tmp_path, "--output-format", "json").json()
    assert [Path(f["path"]).name for f in report["findings"]] == ["networking.py"]


def test_diff_with_json_output_is_one_json_document(tmp_path):
    write(tmp_path / "a.py", BROKEN)
    outcome = cli("fix", "--diff", tmp_path, "--output-format", "json")
    assert outcome.exit_code == 1
    document = json.loads(outcome.stdout)
    (path, diff), = document["diffs"].items()
    assert path.endswith("a.py") and "+" + FIXED in diff
    assert [f["code"] for f in document["fixed"]] == ["CTB001"]


def test_without_cdktf_json_the_folder_given_is_the_project_root_for_files_below_it(tmp_path):
    # files in sub-folders belong to the folder given, not each to its own folder (corpus Pr7948):
    # from lib/main.py, `stacks.network` is lib.stacks.network of the project given
    write(tmp_path / "lib" / "main.py", "from stacks.network import Network\n\nNetwork\n")
    write(tmp_path / "lib" / "stacks" / "network.py", "class Network:\n    pass\n")
    write(tmp_path / "tap.py", "from lib.main import Network\n\napp.synth()\n")
    report = cli("check", tmp_path, "--select", "CTB005", "--output-format", "json").json()
    assert [(Path(f["path"]).name, f["line"]) for f in report["findings"]] == [("main.py", 1)]


def test_without_cdktf_json_an_entry_inside_lib_is_found_by_its_synth_call(tmp_path):
    # corpus Pr7948 (model): no cdktf.json, lib/main.py synthesizes, so lib/ is on sys.path
    write(tmp_path / "lib" / "main.py", "from stacks.network import Network\n\napp.synth()\n")
    write(tmp_path / "lib" / "stacks" / "network.py", "class Network:\n    pass\n")
    assert cli("check", tmp_path, "--select", "CTB005", "--output-format", "json").json()["findings"] == []


def test_each_cdktf_project_below_the_folder_given_is_its_own_root(tmp_path):
    for name in ("one", "two"):
        write(tmp_path / name / "cdktf.json", '{"language": "python", "app": "python main.py"}')
        write(tmp_path / name / "lib" / "stacks" / "network.py", "class Network:\n    pass\n")
    write(tmp_path / "one" / "main.py", "from stacks.network import Network\n")
    write(tmp_path / "two" / "main.py", "from lib.stacks.network import Network\n")
    report = cli("check", tmp_path, "--select", "CTB005", "--output-format", "json").json()
    assert [Path(f["path"]).parent.name for f in report["findings"]] == ["one"]


def test_an_unexpected_exception_exits_2_not_1(tmp_path, monkeypatch, capsys):
    import sys

    from fixer import cli as cli_module
    from fixer import plan

    def broken_plan(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(plan, "make_plan", broken_plan)
    monkeypatch.setattr(sys, "argv", ["cdktf-fixer", "check", str(tmp_path)])
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    assert exited.value.code == 2
    assert "RuntimeError: a bug" in capsys.readouterr().err


class CountDown(Rule):
    """Each fix lowers `countdown = N` by one, so reaching 0 takes N passes: a rule that needs the
    engine's fix point, and with a large N one that never gets there within the bound."""

    code, name, summary, markers = "CTX995", "count-down", "counts down", ("countdown",)
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})

    def leave_Integer(self, original_node, updated_node):
        if original_node.evaluated_value == 0 or not self.report(original_node, "not zero yet", Applicability.SAFE):
            return updated_node
        return updated_node.with_changes(value=str(original_node.evaluated_value - 1))


def test_fixes_run_to_a_fix_point_and_non_convergence_is_an_error(tmp_path):
    from fixer.engine import MAX_FIX_PASSES

    options = Options((CountDown,), apply=frozenset({Applicability.SAFE}), write=True)
    path = write(tmp_path / "a.py", "countdown = 2\n")
    result = process_file(str(path), [CountDown], ProjectContext.build(tmp_path), options)
    assert result.error is None and path.read_text() == "countdown = 0\n"
    assert [f.fixed for f in result.findings] == [True, True]  # one fix per pass
    path = write(tmp_path / "b.py", f"countdown = {MAX_FIX_PASSES + 1}\n")
    result = process_file(str(path), [CountDown], ProjectContext.build(tmp_path), options)
    assert result.error is not None and "did not converge" in result.error.reason
    assert path.read_text() == f"countdown = {MAX_FIX_PASSES + 1}\n"


def test_force_exclude_applies_exclusions_to_files_named_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.cdktf-fixer]\nexclude = ["legacy/**"]\n')
    named = [write(tmp_path / "legacy" / "old.py", BROKEN), write(tmp_path / ".gen" / "aws" / "vpc.py", BROKEN),
             write(tmp_path / "imports" / "aws" / "vpc.py", BROKEN), write(tmp_path / "lib" / "stack.py", BROKEN)]
    (tmp_path / "imports" / "aws" / "_jsii").mkdir()
    paths = [str(p.relative_to(tmp_path)) for p in named]
    every = cli("check", *paths, "--output-format", "json", "--no-cache").json()
    assert len(every["findings"]) == 4  # named files are checked...
    forced = cli("check", *paths, "--force-exclude", "--output-format", "json", "--no-cache").json()
    assert [f["path"] for f in forced["findings"]] == ["lib/stack.py"]  # ...unless excluded and forced
    alone = cli("check", "legacy/old.py", "--force-exclude")
    assert alone.exit_code == 0 and "1 Python file" in alone.stderr and "All checks passed" not in alone.stdout


def test_pool_tasks_keep_a_projects_files_together_and_split_only_large_projects():
    from fixer.engine import _tasks

    roots = [Path(f"/p{n}") for n in range(6)]
    # 5 small projects of 3 files, one of 150: 165 files for 2 workers (tasks of about 10 files)
    items = [(f"/p{r}/f{i}.py", roots[r]) for r in range(5) for i in range(3)]
    items += [(f"/p5/f{i}.py", roots[5]) for i in range(150)]
    tasks = _tasks(list(range(len(items))), items, jobs=2)
    assert sorted(n for task in tasks for n in task) == list(range(len(items)))  # each file once
    small = [{items[n][1] for n in task} for task in tasks if roots[5] not in {items[n][1] for n in task}]
    for r in range(5):  # a small project is never split between tasks
        assert sum(roots[r] in task_roots for task_roots in small) == 1
    assert len([t for t in tasks if items[t[0]][1] == roots[5]]) > 2  # the large one is
    assert [len(t) for t in tasks] == sorted((len(t) for t in tasks), reverse=True)  # one kind: cost is size


def test_pool_tasks_put_cdktf_projects_first_and_keep_a_large_screened_project_whole(tmp_path):
    """A monorepo's 200 files outside any CDKTF project are mostly screened out: they cost less than the 30
    files of each CDKTF project beside them, so they are not split between the workers (each would build
    their index), and the CDKTF projects run first (by file count, the monorepo would)."""
    from fixer.engine import _tasks

    apps = [tmp_path / f"app{n}" for n in range(4)]
    for app in apps:
        app.mkdir()
        (app / "cdktf.json").write_text("{}")
    rest = tmp_path / "monorepo"
    items = [(str(app / f"f{i}.py"), app) for app in apps for i in range(30)]
    items += [(str(rest / f"f{i}.py"), rest) for i in range(200)]
    tasks = _tasks(list(range(len(items))), items, jobs=2)
    assert sorted(n for task in tasks for n in task) == list(range(len(items)))
    holding_rest = [task for task in tasks if any(items[n][1] == rest for n in task)]
    assert len(holding_rest) == 1 and len(holding_rest[0]) == 200  # whole
    assert items[tasks[0][0]][1] in apps  # a CDKTF project's task runs first
    for app in apps:  # and no CDKTF project is split
        assert sum(any(items[n][1] == app for n in task) for task in tasks) == 1
    # once the screened files outweigh a worker's share, they are split after all
    items += [(str(rest / f"g{i}.py"), rest) for i in range(2400)]
    tasks = _tasks(list(range(len(items))), items, jobs=2)
    assert sum(any(items[n][1] == rest for n in task) for task in tasks) > 2


def test_undefined_names_are_global_reads_nothing_binds_at_any_depth():
    from fixer.engine import undefined_names

    code = (
        "import os\n"
        "def f(x):\n"
        "    global late\n"
        "    late = 1\n"
        "    class Inner:\n"
        "        def method(self):\n"
        "            return missing_in_method, os, late, x\n"
        "    return lambda: missing_in_lambda\n"
        "print(f(1), __name__, missing_at_top)\n"
    )
    assert undefined_names(code) == {"missing_in_method", "missing_in_lambda", "missing_at_top"}


def test_pool_tasks_shrink_so_the_workers_finish_together():
    """The last task a worker takes decides how long the other waits: tasks shrink as the run goes, from
    an eighth of it (few round trips) to a single small project at the end, and no project is split."""
    from fixer.engine import _tasks

    items = [(f"/p{r}/f{i}.py", Path(f"/p{r}")) for r in range(200) for i in range(10)]
    tasks = _tasks(list(range(len(items))), items, jobs=2)
    assert sorted(n for task in tasks for n in task) == list(range(len(items)))
    assert all(len({items[n][1] for n in task}) * 10 == len(task) for task in tasks)  # whole projects
    sizes = [len(task) for task in tasks]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] <= len(items) / 8 and sizes[-4:] == [10, 10, 10, 10]  # the tail: one project each
    assert len(tasks) < 60  # and not a round trip per project
