"""The fixer over many repositories, each change left reviewable on a branch.

A repository is a local path, a git URL (file:// included) or a bare repository. Each one is worked on in
a fresh clone (local paths too, unless --in-place), its CDKTF Python projects found by their cdktf.json,
fixed in one engine run, and with a branch name the changes are committed there and, when asked, pushed.
Every repository ends in one outcome: changed, clean, failed (with the reason) or skipped (not CDKTF, or
its branch exists). A failure is caught where it happens and never stops the others. With `migrate`
set the migration pack (`migrate --to cdktn`) runs instead of the fixes, and `verify` compares each
project's stacks with its migrated copy's (`fixer.migration`).

`process_repo` is a plain top-level function of picklable arguments, so the same code runs in this
process, in a local process pool or as a task on a Dask cluster; only the client writes the report,
once per finished repository, which is what makes `--resume` possible after an interruption.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from fixer import __version__

STATUSES = ("changed", "clean", "failed", "skipped")  # the report's groups, in this order
PENDING = "pending"
CONFLICT_POLICIES = ("skip", "replace")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^[\w.-]+@[\w.-]+:")


class BatchError(Exception):
    """A repository cannot be processed; the message is the reason shown in the report."""


class SourcesError(ValueError):
    """The repositories named on the command line cannot be listed: a usage error."""


@dataclass(frozen=True)
class Settings:
    mode: str = "fix"  # "fix" writes (in the clone unless in_place); "diff" writes nothing anywhere
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    branch: str | None = None
    commit_message: str | None = None
    push: bool = False
    conflict: str = "skip"
    in_place: bool = False
    workdir: str = "cdktf-fixer-batch"
    verify: bool = False  # synthesize each project before and after; write only when no worse
    migrate: str | None = None  # "cdktn": run the migration pack instead of the fixes (unsafe_fixes: --allow-partial)
    target_python: str | None = None  # with migrate and verify: the interpreter with the cdktn packages


@dataclass
class RepoResult:
    repo: str  # the source as resolved: an absolute path or a URL
    name: str
    status: str = PENDING
    reason: str = ""
    projects: list[str] = field(default_factory=list)  # project roots relative to the repository
    findings: int = 0  # left after fixing
    fixed: int = 0
    errors: int = 0  # files that could not be parsed or fixed (left untouched)
    fixed_by_rule: dict[str, int] = field(default_factory=dict)
    left_by_rule: dict[str, int] = field(default_factory=dict)
    changed_files: list[str] = field(default_factory=list)
    file_errors: list[dict] = field(default_factory=list)
    branch: str | None = None
    commit: str | None = None
    pushed: bool = False
    workspace: str | None = None  # where the changes are: the clone, or the repository itself
    diff: str | None = None
    verified: dict[str, dict] = field(default_factory=dict)  # project -> before/after synth and verdict
    refused: list[str] = field(default_factory=list)  # projects whose fixes (or migration) verify refused
    seconds: float = 0.0

    @classmethod
    def from_json(cls, data: dict) -> RepoResult:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


# --- which repositories ---------------------------------------------------------------------------


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


def _is_work_tree(folder: Path) -> bool:
    return (folder / ".git").exists()


def _is_bare(folder: Path) -> bool:
    return (folder / "HEAD").is_file() and (folder / "objects").is_dir() and (folder / "refs").is_dir()


def resolve_sources(args: Iterable[str], base: Path | None = None) -> list[str]:
    """Each argument is a URL, a repository, a folder whose sub-folders are repositories, or a file listing
    any of those one a line (blank lines and `#` comments skipped; relative paths are read from the
    listing's folder). Returns URLs and absolute paths, first occurrence kept."""
    found: dict[str, None] = {}
    for arg in args:
        for source in _resolve(arg.strip(), base or Path.cwd(), depth=0):
            found.setdefault(source, None)
    return list(found)


def _resolve(arg: str, base: Path, depth: int) -> list[str]:
    if is_url(arg):
        return [arg]
    path = (base / arg).expanduser()
    if path.is_file():
        if depth:
            raise SourcesError(f"{path}: a listing may not name another listing")
        lines = path.read_text(encoding="utf-8").splitlines()
        return [s for line in lines if line.strip() and not line.lstrip().startswith("#")
                for s in _resolve(line.strip(), path.parent, depth + 1)]
    if not path.is_dir():
        raise SourcesError(f"{arg}: no such repository, folder, listing or URL")
    path = path.resolve()
    if _is_work_tree(path) or _is_bare(path):
        return [str(path)]
    children = sorted(c for c in path.iterdir() if c.is_dir() and (_is_work_tree(c) or _is_bare(c)))
    if not children:
        raise SourcesError(f"{arg}: not a git repository, and none of its sub-folders is one")
    return [str(c) for c in children]


def repo_name(source: str) -> str:
    tail = source.rstrip("/").replace(":", "/").rsplit("/", 1)[-1]
    return tail.removesuffix(".git") or "repo"


def workspace_name(source: str) -> str:
    """Unique per source: two repositories called `infra` on different hosts get different clones."""
    return f"{repo_name(source)}-{hashlib.sha1(source.encode()).hexdigest()[:8]}"


# --- one repository -------------------------------------------------------------------------------


def _git(args: Sequence[str], cwd: Path | None = None) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}  # a URL needing credentials fails instead of waiting
    proc = subprocess.run(["git", *args], check=False, cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode:
        # the subcommand, not the `-c name=value` options before it, and what the remote or a hook said:
        # git's last line alone ("failed to push some refs") hid why a push was rejected
        command = next((a for n, a in enumerate(args) if not a.startswith("-") and (n == 0 or args[n - 1] != "-c")),
                       args[0])
        lines = [line.strip() for line in (proc.stderr or proc.stdout).strip().splitlines()
                 if line.strip() and not line.startswith(("To ", "hint:"))]
        said = "; ".join(lines[-6:]) if lines else f"exit {proc.returncode}"
        raise BatchError(f"git {command} failed: {said}")
    return proc.stdout.strip()


def find_projects(root: Path) -> list[Path]:
    """Folders with a cdktf.json whose language is python, outside generated and vendored folders."""
    from fixer.discovery import ALWAYS_SKIPPED

    projects = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ALWAYS_SKIPPED)
        if "cdktf.json" not in files:
            continue
        try:
            language = json.loads((Path(folder) / "cdktf.json").read_text(encoding="utf-8")).get("language")
        except (OSError, ValueError, AttributeError):
            continue
        if language == "python":
            projects.append(Path(folder))
    return projects


def _branch_exists(workspace: Path, branch: str) -> bool:
    for ref in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
        try:
            _git(["rev-parse", "--verify", "--quiet", ref], workspace)
            return True
        except BatchError:
            pass
    return False


def _identity(workspace: Path) -> list[str]:
    """Commit as the user when git knows who they are; otherwise as cdktf-fixer rather than fail."""
    try:
        _git(["config", "user.email"], workspace)
        return []
    except BatchError:
        return ["-c", "user.name=cdktf-fixer", "-c", "user.email=cdktf-fixer@localhost"]


def commit_message(result: RepoResult, rule_names: dict[str, str], migrate: str | None = None) -> str:
    counts = ", ".join(f"{code} x{n}" for code, n in sorted(result.fixed_by_rule.items()))
    plural = "s" * (result.fixed != 1)
    subject = (f"cdktf-fixer: migrate to CDK Terrain ({migrate}): {result.fixed} change{plural} ({counts})" if migrate
               else f"cdktf-fixer: fix {result.fixed} finding{plural} ({counts})")
    lines = [subject, "", f"Rules applied by cdktf-fixer {__version__}:"]
    lines += [f"- {code} {rule_names.get(code, '')}: {n}".rstrip() for code, n in sorted(result.fixed_by_rule.items())]
    lines += ["", f"Projects: {', '.join(result.projects)}"]
    verified = [name for name, verdict in result.verified.items() if verdict.get("allowed")]
    if migrate and verified:
        lines.append(f"Verified by synth (same stacks before and after, once normalised): {', '.join(verified)}")
    if result.findings:
        lines.append(f"Left for review: {result.findings} finding{'s' * (result.findings != 1)} "
                     "(`cdktf-fixer check` lists them).")
    return "\n".join(lines) + "\n"


def _workspace(source: str, settings: Settings, scratch: Path) -> Path:
    """Where to work: the repository itself (diff mode on a path reads only; --in-place), else a fresh
    clone, in the work folder when fixing (so the branch stays reviewable), in `scratch` for a diff."""
    local = not is_url(source) and not _is_bare(Path(source))
    if local and (settings.mode == "diff" or settings.in_place):
        return Path(source)
    parent = scratch if settings.mode == "diff" else Path(settings.workdir).resolve()
    target = parent / workspace_name(source)
    if target.exists():
        shutil.rmtree(target)
    parent.mkdir(parents=True, exist_ok=True)
    _git(["clone", "--quiet", source, str(target)])
    return target


def process_repo(source: str, settings: Settings) -> RepoResult:
    """Clone, fix, commit, push one repository. Never raises: a failure is the result's reason."""
    started = time.monotonic()
    result = RepoResult(repo=source, name=repo_name(source))
    with tempfile.TemporaryDirectory(prefix="cdktf-fixer-batch-") as scratch:
        try:
            _process(source, settings, Path(scratch), result)
        except BatchError as exc:
            result.status, result.reason = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 -- a bug of ours must not stop the other repositories
            result.status = "failed"
            result.reason = f"{type(exc).__name__}: {exc}"
            result.file_errors.append({"path": "", "reason": traceback.format_exc()})
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _process(source: str, settings: Settings, scratch: Path, result: RepoResult) -> None:
    from fixer import engine, reporting
    from fixer.plan import PlanError, make_plan

    workspace = _workspace(source, settings, scratch)
    if settings.mode == "fix":
        result.workspace = str(workspace)
    projects = find_projects(workspace)
    result.projects = [Path(os.path.relpath(p, workspace)).as_posix() for p in projects]
    if not projects:
        result.status, result.reason = "skipped", 'not CDKTF: no cdktf.json with "language": "python"'
        return
    committing = settings.mode == "fix" and settings.branch
    if committing:
        if _branch_exists(workspace, settings.branch) and settings.conflict == "skip":
            result.status = "skipped"
            result.reason = f"branch {settings.branch} exists (--conflict replace redoes it)"
            return
        if settings.in_place and _git(["status", "--porcelain"], workspace):
            raise BatchError("uncommitted changes in the working tree: commit or stash them, or drop --in-place")
    if settings.verify:
        projects = _verified(projects, workspace, settings, result)
        if not projects:
            what = "migration" if settings.migrate else "fixes"
            raise BatchError(f"verify refused the {what} of every project ({', '.join(result.refused)})")
    try:
        plan = make_plan(projects, list(settings.select), list(settings.ignore), settings.mode,
                         settings.unsafe_fixes, config_boundary=workspace,
                         pack="migrate" if settings.migrate else "fix",
                         # --migrate's unsafe fixes are the partial migration's (--allow-partial), never
                         # the rewrite of command lines, which batch does not offer
                         unsafe_options=frozenset({"--allow-partial"}) if settings.migrate else None)
    except PlanError as exc:
        raise BatchError(f"configuration: {exc}") from exc
    results = engine.run(plan.files, plan.roots, plan.options, jobs=1)

    for file_result in results:
        if file_result.error:
            error = file_result.error
            result.file_errors.append({"path": os.path.relpath(error.path, workspace), "line": error.line,
                                       "reason": error.reason})
    left = reporting.remaining(results)
    fixed = [f for r in results if not r.error for f in r.findings if f.fixed]
    result.findings, result.fixed, result.errors = len(left), len(fixed), len(result.file_errors)
    result.left_by_rule = dict(Counter(f.code for f in left))
    result.fixed_by_rule = dict(Counter(f.code for f in fixed))
    changed = sorted((r for r in results if r.changed and not r.error), key=lambda r: r.path)
    result.changed_files = [Path(os.path.relpath(r.path, workspace)).as_posix() for r in changed]
    if settings.mode == "diff":
        result.diff = "".join(reporting.unified_diff(r, workspace) for r in changed) or None
    if not changed:
        if result.errors:
            raise BatchError(f"{result.errors} file{'s' * (result.errors != 1)} could not be parsed or fixed")
        result.status = "clean"
        return
    result.status = "changed"
    if committing:
        _commit(workspace, settings, result, {r.code: r.name for r in plan.rules})


def _verified(projects: list[Path], workspace: Path, settings: Settings, result: RepoResult) -> list[Path]:
    """The projects whose fixes do not make synth worse (with --migrate: whose migrated copy synthesizes the
    same stacks); the verdicts, side by side, go into the result."""
    from fixer.migration import TargetEnvironmentError, verify_migration
    from fixer.plan import PlanError
    from fixer.verify import VerifyError, verify_fixes

    kept = []
    for project in projects:
        name = Path(os.path.relpath(project, workspace)).as_posix()
        try:
            if settings.migrate:
                verification = verify_migration(project, list(settings.select), list(settings.ignore),
                                                settings.unsafe_fixes, target_python=settings.target_python)
            else:
                verification = verify_fixes(project, list(settings.select), list(settings.ignore),
                                            settings.unsafe_fixes)
        except (VerifyError, PlanError, TargetEnvironmentError) as exc:
            raise BatchError(f"verify {name}: {exc}") from exc
        result.verified[name] = verification.to_json()
        if verification.allowed:
            kept.append(project)
        else:
            result.refused.append(name)
    if result.refused and settings.migrate:
        result.reason = (f"verify refused the migration of {', '.join(result.refused)} (the migrated stacks differ "
                         "or do not synthesize)")
    elif result.refused:
        result.reason = f"verify refused the fixes of {', '.join(result.refused)} (synth would get worse)"
    return kept


def _commit(workspace: Path, settings: Settings, result: RepoResult, rule_names: dict[str, str]) -> None:
    branch = settings.branch
    replacing = _branch_exists(workspace, branch)
    _git(["checkout", "--quiet", "-B", branch], workspace)  # the fixed files come along, uncommitted
    result.branch = branch
    _git(["add", "--", *result.changed_files], workspace)  # only what the fixer wrote
    message = settings.commit_message or commit_message(result, rule_names, settings.migrate)
    _git([*_identity(workspace), "commit", "--quiet", "-m", message], workspace)
    result.commit = _git(["rev-parse", "HEAD"], workspace)
    if settings.push:
        _git(["push", "--quiet", *(["--force"] if replacing else []), "origin", f"{branch}:{branch}"], workspace)
        result.pushed = True


# --- many repositories ----------------------------------------------------------------------------


class Report:
    """The JSON report, rewritten atomically whenever a repository finishes: a run killed at any moment
    leaves a readable report whose unfinished repositories are still `pending`."""

    def __init__(self, path: Path | None, settings: Settings, results: dict[str, RepoResult]):
        self.path, self.settings, self.results = path, settings, results

    @classmethod
    def load(cls, path: Path) -> Report:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            settings = Settings(**{k: tuple(v) if isinstance(v, list) else v for k, v in data["settings"].items()})
            results = {r["repo"]: RepoResult.from_json(r) for r in data["repos"]}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SourcesError(f"{path}: not a cdktf-fixer batch report ({exc})") from exc
        return cls(path, settings, results)

    def record(self, result: RepoResult) -> None:
        self.results[result.repo] = result
        self.save()

    def save(self) -> None:
        if self.path is None:
            return
        from fixer.textio import atomic_write

        document = {
            "tool": "cdktf-fixer",
            "version": __version__,
            "settings": asdict(self.settings),
            "summary": dict(Counter(r.status for r in self.results.values())),
            "repos": [asdict(r) for r in self.results.values()],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, (json.dumps(document, indent=2) + "\n").encode("utf-8"))


def to_run(sources: Sequence[str], previous: Report | None, only_failed: bool) -> list[str]:
    """What a resumed run still has to do: repositories never finished, or with --only-failed the failed."""
    if previous is None:
        return list(sources)
    if only_failed:
        return [s for s in sources if s in previous.results and previous.results[s].status == "failed"]
    return [s for s in sources if s not in previous.results or previous.results[s].status == PENDING]


def run_batch(
    sources: Sequence[str],
    settings: Settings,
    report: Report,
    jobs: int = 1,
    dask_scheduler: str | None = None,
    dask_local: int | None = None,
    on_done: Callable[[RepoResult], None] | None = None,
) -> list[RepoResult]:
    """Process `sources` serially, in a process pool (jobs > 1) or on a Dask cluster; record each result
    in `report` as it arrives."""
    for source in sources:
        report.results[source] = RepoResult(repo=source, name=repo_name(source))
    report.save()

    def finish(result: RepoResult) -> None:
        report.record(result)
        if on_done:
            on_done(result)

    if dask_scheduler or dask_local:
        _run_dask(sources, settings, dask_scheduler, dask_local, finish)
    elif jobs > 1 and len(sources) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=min(jobs, len(sources))) as pool:
            futures = [pool.submit(process_repo, s, settings) for s in sources]
            for future in as_completed(futures):
                finish(future.result())
    else:
        for source in sources:
            finish(process_repo(source, settings))
    return [report.results[s] for s in sources]


def _run_dask(
    sources: Sequence[str],
    settings: Settings,
    scheduler: str | None,
    local_workers: int | None,
    finish: Callable[[RepoResult], None],
) -> None:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise SourcesError("the Dask options need dask.distributed: pip install 'cdktf-fixer[dask]'") from exc
    cluster = None
    if local_workers:
        cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            # pure=False: the same repository twice is two runs, never a cached answer
            futures = [client.submit(process_repo, s, settings, pure=False) for s in sources]
            for future in as_completed(futures):
                finish(future.result())
    finally:
        if cluster is not None:
            cluster.close()


def grouped(results: Iterable[RepoResult]) -> dict[str, list[RepoResult]]:
    groups: dict[str, list[RepoResult]] = {status: [] for status in (*STATUSES, PENDING)}
    for result in results:
        groups.setdefault(result.status, []).append(result)
    return {status: members for status, members in groups.items() if members}
