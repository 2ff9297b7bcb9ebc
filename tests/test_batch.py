"""`cdktf-fixer batch`: many local git repositories with bare remotes standing in for a git server.

The fleet: two CDKTF repositories with known problems (one holding two projects), a clean CDKTF one, one
that is not CDKTF, one whose CDKTF code does not parse, and a URL that cannot be cloned.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import GOLDEN, REPO, cli

from fixer import batch

CDKTF_JSON = json.dumps({"language": "python", "app": "python main.py", "terraformProviders": ["aws@~> 6.0"]})
CASE = GOLDEN / "CTB001-provider-class-names" / "module-that-does-not-exist"
CLEAN = GOLDEN / "CTB001-provider-class-names" / "valid-imports-unchanged" / "before.py"
BRANCH = "cdktf-fixer/fixes"
BROKEN = "from cdktf_cdktf_provider_aws import dynamodb\n\ndef tables(scope:\n    pass\n"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(autouse=True)
def _git_without_user_config(tmp_path, monkeypatch):
    """No identity from the machine: batch must commit on a fresh CI box too."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def make_repo(path: Path, files: dict[str, str | Path]) -> Path:
    """A work tree with one commit on main; a Path value is copied (file or folder)."""
    path.mkdir(parents=True)
    for name, content in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path) and content.is_dir():
            shutil.copytree(content, target)
        elif isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_text(content)
    git(path, "init", "--quiet", "-b", "main")
    git(path, "add", "-A")
    git(path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "initial")
    return path


@pytest.fixture
def fleet(tmp_path) -> dict[str, Path]:
    """Work trees under tmp/repos/, each with a bare remote under tmp/remotes/ as its origin."""
    example = REPO / "examples" / "payments-app"
    trees = {
        "payments": make_repo(tmp_path / "repos" / "payments",
                              {p.relative_to(example).as_posix(): p for p in example.rglob("*") if p.is_file()}),
    }
    trees["platform"] = make_repo(tmp_path / "repos" / "platform", {
        "README.md": "two projects\n",
        "infra/tables/cdktf.json": CDKTF_JSON,
        "infra/tables/main.py": CASE / "before.py",
        "infra/web/cdktf.json": CDKTF_JSON,
        "infra/web/main.py": CLEAN,
    })
    trees["tidy"] = make_repo(tmp_path / "repos" / "tidy", {"cdktf.json": CDKTF_JSON, "main.py": CLEAN})
    trees["scripts"] = make_repo(tmp_path / "repos" / "scripts", {"tool.py": "print('not infrastructure')\n"})
    trees["broken"] = make_repo(tmp_path / "repos" / "broken", {"cdktf.json": CDKTF_JSON, "main.py": BROKEN})
    for name, tree in trees.items():
        remote = tmp_path / "remotes" / f"{name}.git"
        git(tmp_path, "clone", "--quiet", "--bare", str(tree), str(remote))
        git(tree, "remote", "add", "origin", str(remote))
    return trees


def urls(tmp_path: Path, *names: str) -> list[str]:
    return [(tmp_path / "remotes" / f"{n}.git").as_uri() for n in names]


def report_of(path: Path) -> dict[str, dict]:
    return {r["name"]: r for r in json.loads(path.read_text())["repos"]}


ALL = ("payments", "platform", "tidy", "scripts", "broken")


def test_branch_commit_push_over_urls(tmp_path, fleet):
    remotes = tmp_path / "remotes"
    main_before = {n: git(remotes / f"{n}.git", "rev-parse", "main") for n in ALL}
    missing = (tmp_path / "remotes" / "gone.git").as_uri()
    listing = tmp_path / "repos.txt"
    listing.write_text("# the fleet\n" + "\n".join(urls(tmp_path, *ALL)) + f"\n\n{missing}\n")

    out = cli("batch", listing, "--branch", BRANCH, "--push", "--workdir", tmp_path / "work", "--jobs", "1")

    assert out.exit_code == 2, out.stdout + out.stderr  # two repositories failed
    report = report_of(tmp_path / "work" / "report.json")
    assert {n: r["status"] for n, r in report.items()} == {
        "payments": "changed", "platform": "changed", "tidy": "clean", "scripts": "skipped",
        "broken": "failed", "gone": "failed",
    }
    assert "could not be parsed" in report["broken"]["reason"]
    assert "git clone failed" in report["gone"]["reason"]
    assert report["scripts"]["reason"].startswith("not CDKTF")
    assert report["platform"]["projects"] == ["infra/tables", "infra/web"]
    assert report["payments"]["fixed_by_rule"] == {"CTB001": 6, "CTA003": 4}

    for name in ("payments", "platform"):
        remote = remotes / f"{name}.git"
        entry = report[name]
        assert entry["pushed"] and git(remote, "rev-parse", BRANCH) == entry["commit"]
        assert git(remote, "rev-parse", f"{BRANCH}~1") == main_before[name]  # one commit on top of main
        changed = git(remote, "show", "--name-only", "--format=", BRANCH).splitlines()
        assert sorted(changed) == entry["changed_files"]
        message = git(remote, "log", "-1", "--format=%B", BRANCH)
        for code, count in entry["fixed_by_rule"].items():
            assert f"{code} x{count}" in message
    # the pushed file is exactly the golden fix
    fixed = git(remotes / "platform.git", "show", f"{BRANCH}:infra/tables/main.py")
    assert fixed + "\n" == (CASE / "after.py").read_text()
    # main is never moved, and clean, skipped and failed repositories get no branch
    assert {n: git(remotes / f"{n}.git", "rev-parse", "main") for n in ALL} == main_before
    for name in ("tidy", "scripts", "broken"):
        assert BRANCH not in git(remotes / f"{name}.git", "branch", "--list")
    assert "payments" in out.stdout and "failed" in out.stdout  # the summary table


def test_local_paths_are_cloned_and_never_touched(tmp_path, fleet):
    before = {n: (git(t, "status", "--porcelain"), git(t, "branch", "--list")) for n, t in fleet.items()}

    out = cli("batch", tmp_path / "repos", "--branch", BRANCH, "--workdir", tmp_path / "work", "--jobs", "2")

    assert out.exit_code == 2
    assert {n: (git(t, "status", "--porcelain"), git(t, "branch", "--list")) for n, t in fleet.items()} == before
    report = report_of(tmp_path / "work" / "report.json")
    clone = Path(report["payments"]["workspace"])
    assert clone.parent == tmp_path / "work"
    assert git(clone, "rev-parse", "--abbrev-ref", "HEAD") == BRANCH and not report["payments"]["pushed"]
    assert git(clone, "status", "--porcelain") == ""  # everything the fixer wrote is committed


def test_diff_writes_nothing(tmp_path, fleet):
    remotes = tmp_path / "remotes"
    refs = {n: git(remotes / f"{n}.git", "show-ref") for n in ALL}

    out = cli("batch", tmp_path / "repos", *urls(tmp_path, "platform"), "--diff", "--workdir", tmp_path / "work")

    assert out.exit_code == 2  # broken still fails
    assert "# cdktf-fixer: payments" in out.stdout and "+from cdktf_cdktf_provider_aws.provider import" in out.stdout
    assert "--- a/infra/tables/main.py" in out.stdout
    assert not (tmp_path / "work").exists()
    assert all(git(t, "status", "--porcelain") == "" for t in fleet.values())
    assert {n: git(remotes / f"{n}.git", "show-ref") for n in ALL} == refs


def test_diff_exits_0_when_nothing_would_change_even_with_findings_left(tmp_path):
    placeholders = GOLDEN / "CTE003-placeholder-values" / "catalog-placeholders" / "before.py"
    repo = make_repo(tmp_path / "repos" / "edge", {"cdktf.json": CDKTF_JSON, "edge.py": placeholders})
    out = cli("batch", repo, "--diff", "--quiet")
    assert out.exit_code == 0, out.stdout + out.stderr
    assert out.stdout == ""
    fixable = make_repo(tmp_path / "repos" / "tables", {"cdktf.json": CDKTF_JSON, "main.py": CASE / "before.py"})
    assert cli("batch", repo, fixable, "--diff", "--quiet").exit_code == 1


def test_diff_dir_saves_one_patch_per_repo_that_git_applies(tmp_path, fleet):
    out = cli("batch", fleet["platform"], "--diff", "--diff-dir", tmp_path / "diffs")

    assert out.exit_code == 1  # changes pending
    (patch,) = (tmp_path / "diffs").iterdir()
    git(fleet["platform"], "apply", "--check", str(patch))


def test_existing_branch_is_skipped_or_replaced(tmp_path, fleet):
    remote = tmp_path / "remotes" / "platform.git"
    source = urls(tmp_path, "platform")
    first = cli("batch", *source, "--branch", BRANCH, "--push", "--workdir", tmp_path / "w1")
    assert first.exit_code == 0, first.stdout + first.stderr
    pushed = git(remote, "rev-parse", BRANCH)

    again = cli("batch", *source, "--branch", BRANCH, "--push", "--workdir", tmp_path / "w2")
    assert report_of(tmp_path / "w2" / "report.json")["platform"]["status"] == "skipped"
    assert "exists" in report_of(tmp_path / "w2" / "report.json")["platform"]["reason"]
    assert git(remote, "rev-parse", BRANCH) == pushed and again.exit_code == 0

    cli("batch", *source, "--branch", BRANCH, "--push", "--conflict", "replace", "-m", "Redo the fixes",
        "--workdir", tmp_path / "w3")
    assert report_of(tmp_path / "w3" / "report.json")["platform"]["status"] == "changed"
    assert git(remote, "log", "-1", "--format=%s", BRANCH) == "Redo the fixes"
    assert git(remote, "rev-parse", f"{BRANCH}~1") == git(remote, "rev-parse", "main")  # replaced, not stacked


def test_in_place_refuses_a_dirty_tree_and_commits_a_clean_one(tmp_path, fleet):
    tree = fleet["platform"]
    (tree / "infra" / "web" / "notes.py").write_text("# work in progress\n")
    out = cli("batch", tree, "--in-place", "--branch", BRANCH, "--workdir", tmp_path / "work")
    assert out.exit_code == 2
    assert "uncommitted changes" in report_of(tmp_path / "work" / "report.json")["platform"]["reason"]
    assert git(tree, "rev-parse", "--abbrev-ref", "HEAD") == "main"

    (tree / "infra" / "web" / "notes.py").unlink()
    out = cli("batch", tree, "--in-place", "--branch", BRANCH, "--workdir", tmp_path / "work")
    assert out.exit_code == 0, out.stdout + out.stderr
    assert git(tree, "rev-parse", "--abbrev-ref", "HEAD") == BRANCH
    assert (tree / "infra" / "tables" / "main.py").read_text() == (CASE / "after.py").read_text()


def test_resume_after_an_interrupted_run(tmp_path, fleet):
    sources = batch.resolve_sources([str(tmp_path / "repos")])
    settings = batch.Settings(branch=BRANCH, workdir=str(tmp_path / "work"))
    report_path = tmp_path / "report.json"
    finished = []

    def interrupt_after_two(result):
        finished.append(result.repo)
        if len(finished) == 2:
            raise KeyboardInterrupt  # as Ctrl-C would, between two repositories

    with pytest.raises(KeyboardInterrupt):
        batch.run_batch(sources, settings, batch.Report(report_path, settings, {}), on_done=interrupt_after_two)
    interrupted = report_of(report_path)
    assert sorted(r["status"] == "pending" for r in interrupted.values()) == [False, False, True, True, True]
    # a marker in a finished clone shows whether resuming clones it again
    done_clone = Path(next(r for r in interrupted.values() if r["workspace"])["workspace"])
    (done_clone / "marker").write_text("")

    out = cli("batch", "--resume", report_path, "--jobs", "1")

    assert out.exit_code == 2  # broken
    resumed = report_of(report_path)
    assert all(r["status"] != "pending" for r in resumed.values())
    for name, entry in interrupted.items():
        if entry["status"] != "pending":
            assert resumed[name] == entry
    assert (done_clone / "marker").exists()
    assert {r["status"] for r in resumed.values()} == {"changed", "clean", "skipped", "failed"}


def test_a_run_interrupted_twice_finishes_each_repository_once_and_pushes_nothing(tmp_path, fleet):
    remotes = tmp_path / "remotes"
    refs_before = {n: git(remotes / f"{n}.git", "for-each-ref") for n in ALL}
    sources = batch.resolve_sources([str(tmp_path / "repos")])
    settings = batch.Settings(branch=BRANCH, workdir=str(tmp_path / "work"))
    report_path = tmp_path / "report.json"
    processed: list[str] = []

    def interrupt_after(count):
        def on_done(result):
            processed.append(result.repo)
            if len(processed) == count:
                raise KeyboardInterrupt
        return on_done

    with pytest.raises(KeyboardInterrupt):
        batch.run_batch(sources, settings, batch.Report(report_path, settings, {}), on_done=interrupt_after(2))
    first = report_of(report_path)
    previous = batch.Report.load(report_path)
    todo = batch.to_run(sources, previous, only_failed=False)
    assert len(todo) == 3
    with pytest.raises(KeyboardInterrupt):  # the resumed run is interrupted too
        batch.run_batch(todo, previous.settings, batch.Report(report_path, previous.settings, dict(previous.results)),
                        on_done=interrupt_after(3))
    second = report_of(report_path)
    assert sum(r["status"] == "pending" for r in second.values()) == 2
    assert {n: e for n, e in second.items() if first[n]["status"] != "pending"} == \
        {n: e for n, e in first.items() if e["status"] != "pending"}

    out = cli("batch", "--resume", report_path, "--jobs", "1")

    assert out.exit_code == 2, out.stdout + out.stderr  # the broken repository
    final = report_of(report_path)
    assert all(r["status"] != "pending" for r in final.values())
    assert {n: e for n, e in final.items() if second[n]["status"] != "pending"} == \
        {n: e for n, e in second.items() if e["status"] != "pending"}
    assert len(processed) == len(set(processed)) == 3  # the two interrupted runs never repeated a repository
    assert {r["status"] for r in final.values()} == {"changed", "clean", "skipped", "failed"}
    assert {n: git(remotes / f"{n}.git", "for-each-ref") for n in ALL} == refs_before  # no --push: no remote touched


def test_only_failed_reruns_just_the_failures(tmp_path, fleet):
    work = tmp_path / "work"
    cli("batch", tmp_path / "repos", "--branch", BRANCH, "--workdir", work, "--jobs", "1")
    first = report_of(work / "report.json")
    broken = fleet["broken"]
    (broken / "main.py").write_text((CASE / "before.py").read_text())
    git(broken, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "repair syntax")

    out = cli("batch", "--resume", work / "report.json", "--only-failed", "--jobs", "1")

    assert out.exit_code == 0, out.stdout + out.stderr
    second = report_of(work / "report.json")
    assert second["broken"]["status"] == "changed" and second["broken"]["fixed"] > 0
    assert {n: r for n, r in second.items() if n != "broken"} == {n: r for n, r in first.items() if n != "broken"}


def _comparable(report: dict[str, dict]) -> dict[str, dict]:
    varying = {"seconds", "workspace", "commit"}
    return {n: {k: v for k, v in r.items() if k not in varying} for n, r in report.items()}


def test_dask_local_cluster_gives_the_pool_report(tmp_path, fleet):
    pool = cli("batch", tmp_path / "repos", "--branch", BRANCH, "--workdir", tmp_path / "pool", "--jobs", "2")
    dask = cli("batch", tmp_path / "repos", "--branch", BRANCH, "--workdir", tmp_path / "dask", "--dask-local", "2")

    assert pool.exit_code == dask.exit_code == 2
    from_pool, from_dask = report_of(tmp_path / "pool" / "report.json"), report_of(tmp_path / "dask" / "report.json")
    assert _comparable(from_dask) == _comparable(from_pool)
    for name in ("payments", "platform"):  # the same fixes, committed: the same tree
        trees = [git(Path(r[name]["workspace"]), "rev-parse", "HEAD^{tree}") for r in (from_pool, from_dask)]
        assert trees[0] == trees[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--push"], "--push needs --branch"),
        (["--diff", "--branch", "x"], "--diff writes nothing"),
        (["--only-failed"], "--only-failed needs --resume"),
        (["--select", "XYZ"], "XYZ"),
        (["--conflict", "merge", "--branch", "x"], "--conflict must be one of"),
        (["--migrate", "cdktf"], "the one migration is --migrate cdktn"),
        (["--migrate", "cdktn", "--unsafe-fixes"], "takes --allow-partial"),
        (["--allow-partial"], "--allow-partial needs --migrate"),
        (["--migrate", "cdktn", "--target-python", "python3"], "--target-python needs --migrate and --verify"),
        (["--migrate", "cdktn", "--select", "CTB001"], "CTB001"),  # not a rule of the migration
    ],
)
def test_usage_errors(tmp_path, fleet, args, message):
    out = cli("batch", fleet["tidy"], *args, "--workdir", tmp_path / "work")
    assert out.exit_code == 2 and message in out.stderr
    assert not (tmp_path / "work").exists()


def test_resume_takes_no_new_settings(tmp_path, fleet):
    cli("batch", fleet["tidy"], "--workdir", tmp_path / "work")
    out = cli("batch", "--resume", tmp_path / "work" / "report.json", "--unsafe-fixes")
    assert out.exit_code == 2 and "drop --unsafe-fixes" in out.stderr


def test_sources_from_listings_folders_and_urls(tmp_path, fleet):
    listing = tmp_path / "lists" / "fleet.txt"
    listing.parent.mkdir()
    listing.write_text("# comment\n../repos/tidy\n\n  ../repos/scripts  \nfile:///srv/x.git\n")
    found = batch.resolve_sources([str(listing), str(tmp_path / "repos"), "git@example.com:org/infra.git"])
    assert found == [str(fleet["tidy"]), str(fleet["scripts"]), "file:///srv/x.git",
                     *[str(fleet[n]) for n in sorted(["payments", "platform", "broken"])],
                     "git@example.com:org/infra.git"]
    with pytest.raises(batch.SourcesError, match="not a git repository"):
        batch.resolve_sources([str(tmp_path / "lists")])
    assert batch.workspace_name("https://a/infra.git") != batch.workspace_name("https://b/infra.git")


# --- --migrate cdktn ---------------------------------------------------------------------------------


def test_migrate_commits_the_migration_on_a_branch(tmp_path, fleet):
    out = cli("batch", fleet["payments"], "--migrate", "cdktn", "--branch", "cdktn", "--workdir", tmp_path / "work")

    assert out.exit_code == 0, out.stdout + out.stderr
    entry = report_of(tmp_path / "work" / "report.json")["payments"]
    assert entry["status"] == "changed" and set(entry["fixed_by_rule"]) == {"CTM001", "CTM002"}
    clone = Path(entry["workspace"])
    assert git(clone, "log", "-1", "--format=%s").startswith("cdktf-fixer: migrate to CDK Terrain (cdktn)")
    assert sorted(git(clone, "show", "--name-only", "--format=", "cdktn").splitlines()) == entry["changed_files"]
    assert "from cdktn import App" in git(clone, "show", "cdktn:tap.py")
    assert git(fleet["payments"], "status", "--porcelain") == ""  # the repository itself is untouched


def test_migrate_verify_records_the_side_by_side_result_and_migrates_only_the_same_stacks(tmp_path, monkeypatch):
    from test_migrate_verify import interpreter, project

    from fixer import verify

    before = interpreter(tmp_path / "before-env", "cdktf", "0.21.0")
    after = interpreter(tmp_path / "after-env", "cdktn", "0.24.0")
    monkeypatch.setattr(verify, "default_python", lambda root: str(before))  # the clones have no .venv
    same = project(tmp_path / "src" / "same")
    differs = project(tmp_path / "src" / "differs", cdktn_tweak={"bucket": "renamed"})
    repos = [make_repo(tmp_path / "repos" / name, {p.name: p for p in source.iterdir()})
             for name, source in (("same", same), ("differs", differs))]

    out = cli("batch", *repos, "--migrate", "cdktn", "--verify", "--target-python", after, "--branch", "cdktn",
              "--workdir", tmp_path / "work", "--jobs", "1")

    assert out.exit_code == 2, out.stdout + out.stderr  # every project of `differs` refused
    report = report_of(tmp_path / "work" / "report.json")
    assert report["same"]["status"] == "changed" and report["same"]["branch"] == "cdktn"
    verdict = report["same"]["verified"]["."]
    assert verdict["allowed"] and verdict["differences"] == [] and verdict["target_python"] == str(after)
    assert verdict["before"] == verdict["after"] == "synthesized: 1 stack, 2 resources"
    assert "Verified by synth" in git(Path(report["same"]["workspace"]), "log", "-1", "--format=%B")
    refused = report["differs"]
    assert refused["status"] == "failed" and refused["refused"] == ["."] and not refused["branch"]
    assert refused["verified"]["."]["differences"] == [{"stack": "Tap", "address": "aws_s3_bucket.bucket",
                                                        "key": "bucket", "kind": "changed", "unstable": False,
                                                        "before": "payments-audit-dev", "after": "renamed"}]
    assert "cdktn" not in git(Path(refused["workspace"]), "branch", "--list")
