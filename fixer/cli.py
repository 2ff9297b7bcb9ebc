"""The `cdktf-fixer` command line, following ruff's conventions.

Exit codes CI can trust: 0 nothing left to do; 1 findings remain or a file cannot be read or parsed
(with `fix --diff`: a change is pending, whatever report-only findings remain); 2 a usage error, an
unreadable configuration, or cdktf-fixer's own failure (a rule raised, a fix made invalid code).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from fixer.types import FileResult

app = typer.Typer(
    name="cdktf-fixer",
    help=(
        "Find and fix the mistakes that make CDK for Terraform (CDKTF) Python code fail at `cdktf synth` "
        "or deploy.\n\nEach rule is a LibCST codemod: rewrites keep every comment and the formatting. "
        "`check` reports, `fix` rewrites (safe fixes only unless --unsafe-fixes), `fix --diff` shows the "
        "changes without writing. Exit codes: 0 clean; 1 findings left or a file that cannot be parsed (`check`, "
        "`fix`), or a change pending (`fix --diff`); 2 a usage or configuration error, or cdktf-fixer's own failure."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Files or folders to process (default: current folder). Folders honour .gitignore."),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", help="Rule codes or prefixes to run (repeatable or comma-separated, e.g. CTB,CTA003)."),
]
IgnoreOpt = Annotated[
    list[str] | None, typer.Option("--ignore", help="Rule codes or prefixes to skip (repeatable or comma-separated).")
]
FormatOpt = Annotated[str, typer.Option("--output-format", help="text, json, sarif or github.")]
JobsOpt = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
]
StatsOpt = Annotated[bool, typer.Option("--statistics", help="Print a count of findings per rule.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only: no summary, no progress bar.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of failing rules and the provider index used.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the results cache.")]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Where results of earlier runs are kept (default: .cdktf_fixer_cache beside "
                 "the pyproject.toml with [tool.cdktf-fixer], else in the current folder)."),
]
ForceExcludeOpt = Annotated[
    bool,
    typer.Option("--force-exclude", help="Apply `exclude` and the always-skipped folders (cdktf.out/, .gen/, "
                 "imports/ bindings, .venv/ ...) to files named on the command line too, as pre-commit names them."),
]
MaxSizeOpt = Annotated[
    str,
    typer.Option("--max-file-size", help="Skip (and report) files larger than this: bytes, or with kB/MB (default 2MB)."),
]
UnsafeOpt = Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply fixes marked unsafe (they may change behaviour).")]

PythonOpt = Annotated[
    str | None,
    typer.Option("--python", help="Interpreter that runs the app (default: the project's .venv, else this one)."),
]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1, help="Seconds a synth may take.")]

FORMATS = ("text", "json", "sarif", "github")


def _size(text: str) -> int:
    units = {"": 1, "b": 1, "kb": 1000, "k": 1000, "mb": 1000**2, "m": 1000**2, "gb": 1000**3, "g": 1000**3}
    number = text.strip().lower().rstrip("bkmg ")
    unit = text.strip().lower()[len(number):].strip()
    try:
        size = float(number) * units[unit]
    except (ValueError, KeyError):
        _fail(f"--max-file-size {text!r}: give bytes, or a number with kB or MB (e.g. 2MB)")
    if size <= 0:
        _fail("--max-file-size must be positive")
    return int(size)


def _fail(message: str) -> None:
    typer.echo(f"cdktf-fixer: error: {message}", err=True)
    raise typer.Exit(2)


def _one_run(run: Callable[..., None]) -> Callable[..., None]:
    """A run keeps what it learns of folders until it ends (`discovery.folders_fixed`): each is listed,
    and each folder above its files asked about .gitignore and .git, once."""

    @functools.wraps(run)
    def within(*args: object, **kwargs: object) -> None:
        from fixer.discovery import folders_fixed

        with folders_fixed():
            run(*args, **kwargs)

    return within


@_one_run
def _run(
    paths: list[Path] | None,
    select: list[str] | None,
    ignore: list[str] | None,
    output_format: str,
    jobs: int | None,
    statistics: bool,
    quiet: bool,
    verbose: bool,
    mode: str,
    unsafe_fixes: bool,
    no_cache: bool = False,
    cache_dir: Path | None = None,
    force_exclude: bool = False,
    pack: str = "fix",
    max_file_size: str = "2MB",
    unsafe_options: frozenset[str] | None = None,
) -> None:
    if output_format not in FORMATS:
        _fail(f"unknown --output-format {output_format!r}; choose from {', '.join(FORMATS)}")
    size = _size(max_file_size)
    quick = None
    surveyed: list = []  # the fast path's survey of the files, reused by the usual run
    if pack == "fix" and output_format != "sarif" and unsafe_options is None:
        # a run in which no rule can find anything is answered before LibCST and the rules are imported
        # (SARIF describes each rule: it needs the classes)
        from fixer import fast

        quick = fast.answer(paths or [Path(".")], select, ignore, mode, unsafe_fixes, force_exclude, size, cache_dir,
                            no_cache, surveyed)
    if quick is not None:
        for warning in quick.warnings:
            typer.echo(f"cdktf-fixer: warning: {warning}", err=True)
        rules, rule_codes, roots, results = quick.rules, quick.rule_codes, quick.roots, quick.results
        unindexed: dict[Path, str] = {}
        projects = _projects(roots)
    else:
        from fixer.plan import PlanError, make_plan

        try:
            plan = make_plan(paths or [Path(".")], select, ignore, mode, unsafe_fixes, verbose,
                             force_exclude=force_exclude, pack=pack, max_file_size=size, unsafe_options=unsafe_options,
                             surveyed=surveyed[0] if surveyed else None)
        except PlanError as exc:
            _fail(str(exc))
        rules, options, files, roots, config = plan.rules, plan.options, plan.files, plan.roots, plan.config
        rule_codes = options.rule_codes
        for warning in plan.warnings:
            typer.echo(f"cdktf-fixer: warning: {warning}", err=True)
        cache = None
        if not no_cache:
            from fixer.cache import CACHE_DIR_NAME, ResultCache

            cache = ResultCache(cache_dir or config.base / CACHE_DIR_NAME, options.rule_codes, options.apply,
                                options.write)
        unindexed = {}
        # each project's provider versions, found where its files are checked (a worker has its pins read)
        described: dict[Path, object] = {}
        results = _with_progress(files, roots, options, jobs, quiet, cache, unindexed, described)
        projects = _projects(roots, described)
    _report(results, unindexed, projects, rules, rule_codes, roots, output_format, statistics, quiet, verbose, mode,
            unsafe_fixes, pack, unsafe_options)


def _report(
    results: list[FileResult],
    unindexed: dict[Path, str],
    projects: list[dict],
    rules: Sequence,
    rule_codes: tuple[str, ...],
    roots: dict[Path, Path],
    output_format: str,
    statistics: bool,
    quiet: bool,
    verbose: bool,
    mode: str,
    unsafe_fixes: bool,
    pack: str,
    unsafe_options: frozenset[str] | None,
) -> None:
    """What a run prints and its exit code, from its results: the same whether the engine produced them or
    the screens did (`rules`: the rule classes, or the index's entries; both have `code` and `name`)."""
    from fixer import reporting

    for project in projects:
        if verbose:
            typer.echo(f"project root: {project['root']} ({project['files']} files)", err=True)
        for provider in project["providers"]:
            where = provider["source"] + (f" at {provider['path']}" if provider["path"] else "")
            pinned = f"{provider['pinned'] or 'any version'} in {provider['pinned_in']}" if provider["pinned_in"] else ""
            if verbose:
                typer.echo(f"  {provider['distribution']}: {provider['version'] or '-'} ({where})"
                           + (f"; the project pins {pinned}" if pinned else ""), err=True)
            if pinned and not provider["usable"] and provider["version"] and pack == "fix":
                typer.echo(f"cdktf-fixer: warning: {project['root']} pins {provider['distribution']} {pinned}, and "
                           f"cdktf-fixer knows {provider['version']} ({provider['source']}): provider class names and "
                           "arguments and value types (CTB001, CTB006, CTB007, CTB008) are not checked there. Install the "
                           "project's packages in its .venv to check them against its own version.", err=True)
    # a file the project index could not read leaves project-wide rules blind to it: say so, once (a file of
    # the run that could not be read or parsed is reported as an error already)
    failed = {Path(r.path).resolve() for r in results if r.error}
    blind = {p: why for p, why in sorted(unindexed.items()) if p.resolve() not in failed}

    machine = output_format != "text"
    out = sys.stdout
    findings_out = sys.stderr if (mode == "diff" and not machine) else out
    api_lines = _api_changes(projects, roots, results) if pack == "migrate" and "CTM005" in rule_codes else []
    diffs = {}
    if mode == "diff":
        diffs = {r.path: reporting.unified_diff(r) for r in sorted(results, key=lambda r: r.path) if r.changed and not r.error}
        # machine formats keep stdout one document: the diff goes inside it (json) or to stderr
        diff_out = sys.stderr if output_format in ("sarif", "github") else out
        if output_format != "json":
            diff_out.write("".join(diffs.values()))
    if output_format == "json":
        reporting.write_json(out, results, {reporting.display_path(p): d for p, d in diffs.items()} if mode == "diff"
                             else None, projects, rules)
    elif output_format == "sarif":
        reporting.write_sarif(out, results, rules, projects)
    elif output_format == "github":
        reporting.write_github(out, results)
    else:
        reporting.write_text(findings_out, results, verbose)
        for line in api_lines:  # what the provider comparison found, also when it found nothing
            findings_out.write(f"{line}\n")

    totals = reporting.totals(results, unindexed=len(blind))
    summary_out = sys.stderr if (machine or mode == "diff") else out
    for path, why in blind.items():
        summary_out.write(f"cdktf-fixer: warning: {reporting.display_path(str(path))}: the project index cannot "
                          f"read it ({why}); project-wide rules know nothing of it\n")
    if statistics:
        for code, name, left, fixed in reporting.statistics(results, rules):
            summary_out.write(f"{left:5d} left {fixed:5d} fixed  {code}  {name}\n")
    if not quiet:
        unsafe_flag, unsafe_enabled = "--unsafe-fixes", unsafe_fixes
        if unsafe_options is not None:  # each rule's unsafe fixes have their own option: name the ones not given
            from fixer.types import Applicability

            option_of = {rule.code: rule.unsafe_option for rule in rules}
            wanted = {option_of.get(f.code, "--unsafe-fixes") for r in results for f in r.findings
                      if f.fix is Applicability.UNSAFE and not f.fixed}
            missing = sorted(wanted - unsafe_options)
            unsafe_flag, unsafe_enabled = " or ".join(missing), not missing
        command = {"migrate": "cdktf-fixer migrate --to cdktn", "upgrade": "cdktf-fixer migrate --to cdktf"}.get(
            pack, "cdktf-fixer fix")
        summary_out.write(reporting.summary_line(totals, mode, unsafe_enabled, unsafe_flag, command) + "\n")

    if totals.internal_errors:
        raise typer.Exit(2)
    # `fix --diff` answers "would this change anything?" (ruff's `check --diff` too); findings are `check`'s.
    # A file that cannot be read or parsed is reported like a finding.
    pending = totals.changed_files if mode == "diff" else totals.findings
    if pending or totals.errors or totals.unindexed:
        raise typer.Exit(1)


def _api_changes(projects: list[dict], roots: dict[Path, Path], results: list[FileResult]) -> list[str]:
    """For `migrate`: each project's line per provider on the API changes between its cdktf provider and the
    cdktn one (`aws: none of the 13 API changes between ... is used`); each project entry gets them too
    (`api_changes`, in the JSON output)."""
    from collections import Counter

    from fixer.migration import api_change_summaries, describe_api_changes
    from fixer.reporting import display_path

    by_root: dict[str, Counter] = {}
    for result in results:
        root = roots.get(Path(result.path)) or roots.get(Path(result.path).resolve())
        if root is not None:
            by_root.setdefault(display_path(str(root)), Counter()).update(f.code for f in result.findings)
    lines = []
    for root in sorted(set(roots.values())):
        shown = display_path(str(root))
        project = next((p for p in projects if p["root"] == shown), None)
        if project is None:
            continue
        project["api_changes"] = api_change_summaries(project, root, by_root.get(shown, Counter()))
        prefix = f"{shown}: " if len(projects) > 1 else ""
        lines.extend(prefix + describe_api_changes(summary) for summary in project["api_changes"])
    return lines


def _projects(roots: dict[Path, Path], described: dict[Path, object] | None = None) -> list[dict]:
    """Each project root of the run with its file count and the provider versions its rules answer from
    (`described`: those the engine found already, by root)."""
    from collections import Counter

    from fixer.providers import versions_used
    from fixer.reporting import display_path

    files = Counter(roots.values())
    projects = []
    for root in sorted(files):
        providers = (described or {}).get(root) or versions_used(root)
        for provider in providers:
            if provider["pinned_in"]:
                provider["pinned_in"] = display_path(str(provider["pinned_in"]))
        projects.append({"root": display_path(str(root)), "files": files[root], "providers": providers})
    return projects


def _with_progress(files, roots, options, jobs, quiet, cache, unindexed=None, described=None) -> list[FileResult]:
    from fixer import engine
    from fixer.providers import versions_used

    describe = versions_used if described is not None else None
    show = not quiet and sys.stderr.isatty() and len(files) >= 50 and not os.environ.get("CI")
    if not show:
        return engine.run(files, roots, options, jobs, cache=cache, unindexed=unindexed, describe=describe,
                          described=described)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("cdktf-fixer", total=len(files))
        return engine.run(files, roots, options, jobs, on_result=lambda _: progress.advance(task), cache=cache,
                          unindexed=unindexed, describe=describe, described=described)


@app.callback()
def _byte_exact_output() -> None:
    # A file name may hold bytes that are not UTF-8 (the path keeps them as surrogates): they are written
    # back as the same bytes, as `ls` and `git` show them, instead of failing under a strict UTF-8 locale.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")


@app.command()
def check(
    paths: PathsArg = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    output_format: FormatOpt = "text",
    jobs: JobsOpt = None,
    statistics: StatsOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    force_exclude: ForceExcludeOpt = False,
    max_file_size: MaxSizeOpt = "2MB",
) -> None:
    """Report findings; change nothing. `[*]` marks findings `fix` can repair."""
    _run(paths, select, ignore, output_format, jobs, statistics, quiet, verbose, "check", False, no_cache, cache_dir,
         force_exclude, max_file_size=max_file_size)


@app.command()
def fix(
    paths: PathsArg = None,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of the fixes and write nothing; exit 1 when a change is pending, 0 when none is (findings without a fix do not count: `check` reports them).")] = False,
    unsafe_fixes: UnsafeOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    output_format: FormatOpt = "text",
    jobs: JobsOpt = None,
    statistics: StatsOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    force_exclude: ForceExcludeOpt = False,
    verify: Annotated[bool, typer.Option("--verify", help="Synthesize the project before and after fixing (the after on a temporary copy) and write only if it is no worse. One project folder.")] = False,
    python: PythonOpt = None,
    timeout: TimeoutOpt = 300.0,
    max_file_size: MaxSizeOpt = "2MB",
) -> None:
    """Apply fixes in place (atomic writes; encoding, BOM and line endings kept), then report what is left."""
    mode = "diff" if diff else "fix"
    if verify:
        allowed = _verify_fix(paths, select, ignore, unsafe_fixes, python, timeout)
        if not allowed and mode == "fix":
            typer.echo("cdktf-fixer: fixes not written: the project would synthesize worse than it does now "
                       "(`fix --diff --verify` shows them).", err=True)
            raise typer.Exit(1)
    _run(paths, select, ignore, output_format, jobs, statistics, quiet, verbose, mode, unsafe_fixes, no_cache, cache_dir,
         force_exclude, max_file_size=max_file_size)


MIGRATE_HELP = """Migrate CDK for Terraform (cdktf) projects to CDK Terrain (cdktn), the community's continuation.

Python code: `cdktf` imports and uses become `cdktn` (`cdktf.testing_matchers` too), prebuilt providers
`cdktf_cdktf_provider_<x>` become `cdktn_provider_<x>`. Dependency files (requirements*.txt, Pipfile,
pyproject.toml: PEP 621 and Poetry) move to `cdktn`, `cdktn-provider-<x>` and a compatible `constructs`,
with the newest cdktn line's ranges. cdktf.json gets `targetVersions` only where the code uses a feature
cdktn validates against it (write-only `*_wo` arguments: terraform >=1.11.0; ephemeral resources, provider
functions, S3Backend use_lockfile, newer Fn functions), with the lowest version that admits them all.
Command lines that call the cdktf CLI (package.json, Makefiles, *.sh, CI workflows, Dockerfiles, READMEs)
are reported with their `cdktn` line and rewritten only with --unsafe-fixes (npm cdktn-cli, Node >= 22.19).
Never edited: strings and comments (`"cdktf.out"` stays), cdktf.json's other keys, `CDKTF_*` variables,
`~/.cdktf`, lock files (reported: re-lock), bindings `cdktf get` wrote in imports/ (reported: regenerate
with `cdktn get`). Reported too: a declared Python below 3.10, and for each provider how many of the API
changes between its cdktf and cdktn versions the code uses (also when none). A provider without a cdktn
package is reported (generate it with `cdktn get`) and the project is left unchanged unless
--allow-partial. The rules are the CTM codes (`cdktf-fixer rules --pack migrate`).

`--to cdktf` upgrades a stranded project (an old prebuilt provider such as cdktf-cdktf-provider-aws 5.x-9.x,
cdktf 0.9-0.20) to the last CDKTF line: provider classes move to the modules of the target release
(`ec2.Instance` -> `from cdktf_cdktf_provider_aws.instance import Instance`), classes it no longer has are
reported, dependency files move to cdktf 0.21 and the newest prebuilt providers (the CTU codes, `cdktf-fixer
rules --pack upgrade`). The old release's classes are read from the project's environment, else from the
package downloaded once into the user cache. Then the arguments and core `Fn` functions the current line
removed are rewritten (CTB008, CTB009). `--to cdktf --verify` synthesizes the old project (its .venv,
--python, else an environment built from its pins) and the upgraded copy, prints each Terraform address
that changes (cdktf 0.21 leaves the stack id out of every logical id), writes only when nothing else
differs, and then writes cdktf-state-moves.sh (`terraform state mv` per moved resource), or with
--keep-addresses gives the stack classes the old logical ids instead. `--to cdktn` on a stranded project
upgrades it first.

Exit codes as `fix`: 0 nothing left to do; 1 findings left (a provider to generate, a lock file to re-lock,
bindings to regenerate, command lines or a Python version to change) or a file that cannot be parsed, and
with --diff or --check a change pending; 2 a usage error or cdktf-fixer's own failure.
"""


@app.command(help=MIGRATE_HELP)
def migrate(
    paths: PathsArg = None,
    to: Annotated[str, typer.Option("--to", help="The target: cdktn (CDK Terrain), or cdktf (the last CDKTF line, for a stranded project).")] = ...,  # type: ignore[assignment]
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of the migration and write nothing; exit 1 when a change is pending.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Report what the migration would change and what it leaves to you; write nothing.")] = False,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", help="Migrate a project even when a provider it uses has no cdktn package (that provider is left for `cdktn get`).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="--to cdktn: also rewrite the command lines that call the cdktf CLI (package.json, Makefiles, shell scripts, CI workflows, Dockerfiles, READMEs) to cdktn. --to cdktf: also apply the argument recipes' unsafe fixes (regrouped blocks, resources split off).")] = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    output_format: FormatOpt = "text",
    jobs: JobsOpt = None,
    statistics: StatsOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    force_exclude: ForceExcludeOpt = False,
    verify: Annotated[bool, typer.Option("--verify", help="Synthesize the project as it is and a migrated copy (with the target packages) side by side, compare every stack's cdk.tf.json, and write the migration only when the copy synthesizes the same resources, data, outputs and providers. One project folder.")] = False,
    python: Annotated[str | None, typer.Option("--python", help="With --verify: the interpreter that runs the app before the migration (default: the project's .venv, else this one; --to cdktf: else one built from the project's pins).")] = None,
    target_python: Annotated[str | None, typer.Option("--target-python", help="With --verify: an interpreter with the cdktn packages that runs the migrated copy (default: one cdktf-fixer builds with pip in its cache folder, keyed by the target versions, and reuses).")] = None,
    keep_addresses: Annotated[bool, typer.Option("--keep-addresses", help="With --to cdktf --verify: instead of moving deployed state, keep each construct's old Terraform address (a generated module the app calls before synth() overrides their logical ids).")] = False,
    timeout: TimeoutOpt = 300.0,
) -> None:
    target = to.strip().lower()
    if target not in ("cdktn", "cdktf"):
        _fail(f"--to {to!r}: migrate --to cdktn (CDK Terrain) or --to cdktf (a stranded project to the last CDKTF line)")
    if diff and check:
        _fail("give --diff or --check, not both")
    if (python or target_python) and not verify:
        _fail("--python and --target-python choose the interpreters of --verify: add --verify")
    if keep_addresses and not (verify and target == "cdktf"):
        _fail("--keep-addresses reads the old addresses from the old synth: use it with --to cdktf --verify")
    mode = "diff" if diff else "check" if check else "fix"
    from fixer.providers.releases import before_module_layout

    roots = _project_roots(paths)
    if target == "cdktf" or any(before_module_layout(root) for root in roots):
        if verify and target == "cdktn":
            _fail("--verify compares one migration at a time; upgrade a stranded project first (`migrate --to cdktf "
                  "--verify`), then `migrate --to cdktn --verify`")
        if target == "cdktn" and output_format != "text":
            _fail(f"--output-format {output_format}: a stranded project is upgraded first, which is a run of its own: "
                  "run `migrate --to cdktf`, then `migrate --to cdktn`")
        _say_standing(roots)
        if target == "cdktn":
            typer.echo("cdktf-fixer: the project is on an old CDKTF line: upgrading it first (as `migrate --to cdktf`)"
                       + ("; the migration to cdktn follows once the upgrade is written" if mode != "fix" else ""), err=True)
        if verify and not _verify_upgrade(paths, select, ignore, python, target_python, timeout, mode, keep_addresses,
                                          unsafe_fixes):
            if mode == "fix":
                typer.echo("cdktf-fixer: upgrade not written, for the reason `verify:` gives above "
                           "(`migrate --to cdktf --diff` shows the changes).", err=True)
            raise typer.Exit(1)
        chained = target == "cdktn"  # --select/--ignore then name CTM rules: the whole upgrade runs
        if mode != "fix" and not chained and output_format == "text":
            typer.echo(f"cdktf-fixer: the arguments and core functions the current line changed ({', '.join(_UPGRADE_RECIPES)}) "
                       "are read once the upgrade is written (`migrate --to cdktf`, or `fix` after it)", err=True)
        upgrade_exit = 0
        try:
            _run(paths, None if chained else select, None if chained else ignore, output_format, jobs, statistics,
                 quiet, verbose, mode, unsafe_fixes and not chained, True, None, force_exclude, pack="upgrade")
        except typer.Exit as exc:
            if exc.exit_code == 2 or mode != "fix":
                raise
            upgrade_exit = exc.exit_code
        if mode != "fix":
            return
        from fixer import pins

        pins.clear_cache()  # the upgrade rewrote the dependency files the next rules read
        if not chained:
            _upgrade_arguments(paths, output_format, statistics, quiet, verbose, force_exclude, unsafe_fixes, upgrade_exit)
    if verify:
        allowed = _verify_migration(paths, select, ignore, allow_partial, python, target_python, timeout)
        if not allowed and mode == "fix":
            typer.echo("cdktf-fixer: migration not written, for the reason `verify:` gives above "
                       "(`migrate --to cdktn --diff` shows the changes).", err=True)
            raise typer.Exit(1)
    # a migration is one run over a project whose every file depends on the others (a provider without a
    # cdktn package anywhere holds the whole project back): no per-file results cache
    given = frozenset(option for option, on in (("--allow-partial", allow_partial), ("--unsafe-fixes", unsafe_fixes)) if on)
    _run(paths, select, ignore, output_format, jobs, statistics, quiet, verbose, mode, bool(given), True, None,
         force_exclude, pack="migrate", unsafe_options=given)


def _upgrade_arguments(paths, output_format, statistics, quiet, verbose, force_exclude, unsafe_fixes: bool,
                       upgrade_exit: int) -> None:
    """After the upgrade's names and pins are written, the arguments and `Fn` calls the current line changed:
    the fix pack's recipe rules, which answer from the versions the project now declares."""
    if output_format == "text":
        typer.echo("cdktf-fixer: the arguments and core functions the current line changed (CTB008, CTB009):", err=True)
    from fixer.pins import lock_files_ignored

    try:
        # the lock files still name the old line until re-locked (CTU003 says so): the rules answer from the
        # declarations the upgrade wrote; in this process, hence one job
        with lock_files_ignored():
            _run(paths, list(_UPGRADE_RECIPES), None, output_format, 1, statistics, quiet, verbose, "fix", unsafe_fixes,
                 True, None, force_exclude)
    except typer.Exit as exc:
        raise typer.Exit(max(exc.exit_code, upgrade_exit)) from None
    raise typer.Exit(upgrade_exit)


_UPGRADE_RECIPES = ("CTB008", "CTB009")


def _verify_upgrade(paths, select, ignore, python, target_python, timeout, mode: str, keep_addresses: bool,
                    unsafe_fixes: bool) -> bool:
    """Synthesize the project with its own versions and an upgraded copy with the current line, pair their
    resources by construct path, and print the addresses that change; True when the upgrade may be written.
    Written with it (fix mode): the `terraform state mv` script for the resources whose address changed."""
    from fixer import addresses, migration
    from fixer import verify as verify_module
    from fixer.plan import PlanError
    from fixer.reporting import display_path

    root = _project_folder(paths)
    typer.echo("cdktf-fixer: the project runs with its own versions (its .venv, else an environment built from its "
               f"pins) and the upgraded copy with the current line's, under {migration.environments_dir()} unless "
               "--python/--target-python name them.", err=True)
    try:
        verification = migration.verify_upgrade(root, select, ignore, "upgrade", python, target_python, timeout,
                                                recipes=list(_UPGRADE_RECIPES), keep_addresses=keep_addresses,
                                                unsafe_fixes=unsafe_fixes)
    except (verify_module.VerifyError, migration.TargetEnvironmentError, PlanError) as exc:
        _fail(str(exc))
    def say(line: str) -> None:
        typer.echo(line, err=True)

    say(f"before  {verification.before.summary()}  ({verification.python})")
    say(f"after   {verification.after.summary()}  ({verification.target_python})")
    report = verification.addresses
    if report is not None:
        for line in addresses.describe(report):
            say(line)
        for difference in report.differences:
            kind = "metadata " if difference.metadata_only else "unstable " if difference.unstable else "differs  "
            say(kind + difference.describe())
    say("verify: " + ("same stacks once the changed addresses are paired: the upgrade may be written"
                      if verification.allowed else f"REFUSED: {verification.reason}"))
    if verification.allowed and verification.kept:
        if mode == "fix":
            from fixer.textio import atomic_write

            for relative, text in verification.kept.items():
                atomic_write(root / relative, text.encode("utf-8"))
        say(f"cdktf-fixer: addresses kept: {', '.join(sorted(verification.kept))} "
            + ("written (the upgrade follows)" if mode == "fix" else "would be written in fix mode"))
    elif verification.allowed and report is not None and report.moves:
        script = root / STATE_MOVES_SCRIPT
        if mode == "fix":
            from fixer.textio import atomic_write

            atomic_write(script, addresses.state_moves_script(report).encode())
            script.chmod(0o755)
        say(f"cdktf-fixer: {len(report.moves)} deployed resource{'s' * (len(report.moves) != 1)} change address: "
            + (f"{display_path(str(script))} moves their state (run it after `cdktf synth`, before the first apply)"
               if mode == "fix" else f"fix mode writes {STATE_MOVES_SCRIPT} to move their state"))
    return verification.allowed


STATE_MOVES_SCRIPT = "cdktf-state-moves.sh"


def _project_roots(paths: list[Path] | None) -> list[Path]:
    """The projects named: the folder with cdktf.json at or above each path, and every one below it."""
    from fixer.discovery import ALWAYS_SKIPPED
    from fixer.project.roots import _cdktf_folder

    roots = set()
    for path in (p.resolve() for p in (paths or [Path(".")])):
        roots.add(_cdktf_folder(path) or path)
        for folder, dirs, files in os.walk(path) if path.is_dir() else ():
            dirs[:] = [d for d in dirs if d not in ALWAYS_SKIPPED and not d.startswith(".")]
            if "cdktf.json" in files:
                roots.add(Path(folder))
    return sorted(roots)


def _say_standing(roots: list[Path]) -> None:
    """Where each project stands on an old CDKTF line (its environment or the file that pins it) and what
    it moves to; the old releases' classes are read (downloaded once) here, before the rules run."""
    from fixer.providers import releases
    from fixer.reporting import display_path

    for root in roots:
        where = display_path(str(root))
        stranded = releases.stranded(root)
        for name, stands in stranded.items():
            typer.echo(f"cdktf-fixer: {where}: {name} {stands.version} ({stands.source}) -> {stands.target.range}",
                       err=True)
        for name, problem in releases.project_maps(root)[1].items():
            typer.echo(f"cdktf-fixer: warning: {name}: {problem}; its classes are not moved", err=True)
        unset = releases.unset_logical_id_flags(root) if releases.CORE in stranded else []
        if unset:
            typer.echo(f"cdktf-fixer: warning: {where}: cdktf.json does not set {' and '.join(unset)}, which cdktf 0.21 "
                       "always applies: the Terraform addresses of its resources change; move the state of deployed "
                       "stacks (compare `terraform plan` before applying)", err=True)


def _project_folder(paths: list[Path] | None) -> Path:
    if not paths or len(paths) != 1 or not paths[0].is_dir():
        _fail("--verify and `verify` take exactly one project folder")
    return paths[0]


def _verify_fix(paths, select, ignore, unsafe_fixes, python, timeout) -> bool:
    """Synthesize the project as it is and a fixed copy side by side; True when the fixes may be written."""
    from fixer import verify as verify_module
    from fixer.plan import PlanError

    root = _project_folder(paths)
    try:
        verification = verify_module.verify_fixes(root, select, ignore, unsafe_fixes, python, timeout)
    except (verify_module.VerifyError, PlanError) as exc:
        _fail(str(exc))
    _print_verification(verification.before, verification.after, verification.allowed)
    return verification.allowed


def _verify_migration(paths, select, ignore, allow_partial, python, target_python, timeout) -> bool:
    """Synthesize the project and a migrated copy side by side; True when the migration may be written."""
    from fixer import migration
    from fixer import verify as verify_module
    from fixer.plan import PlanError

    root = _project_folder(paths)
    if target_python is None:
        typer.echo("cdktf-fixer: the migrated copy runs in an environment with the cdktn packages, under "
                   f"{migration.environments_dir()} (built with pip on first use).", err=True)
    try:
        verification = migration.verify_migration(root, select, ignore, allow_partial, python, target_python, timeout)
    except (verify_module.VerifyError, migration.TargetEnvironmentError, PlanError) as exc:
        _fail(str(exc))
    _print_migration_verification(verification)
    return verification.allowed


def _print_migration_verification(verification) -> None:
    from rich.console import Console
    from rich.table import Table

    before, after = verification.before, verification.after
    console = Console(stderr=True, width=None if sys.stderr.isatty() else 140)
    table = Table("", "before (cdktf)", "after (cdktn)")
    table.add_row("synth", before.summary(), after.summary())
    table.add_row("python", before.command.split(" ", 1)[0], verification.target_python)
    console.print(table)

    def say(line: str) -> None:
        console.print(line, markup=False, highlight=False)

    for name, (old, new) in verification.provider_upgrades().items():
        say(f"note: Terraform provider {name} {old} -> {new} (the cdktn provider package pins it; "
            "`terraform init -upgrade` fetches it)")
    for difference in verification.differences:
        kind = "metadata " if difference.metadata_only else "unstable " if difference.unstable else "differs  "
        say(kind + difference.describe())
    if any(d.unstable for d in verification.differences):
        say("note: `unstable` values differ between two synths of the unmigrated project too (built from the clock, "
            "or an archive zipped at synth time): not compared")
    verdict = ("same stacks once normalised: the migration may be written" if verification.allowed
               else f"REFUSED: {verification.reason}")
    say(f"verify: {verdict}")


def _print_verification(before, after, allowed: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    from fixer.verify import compare

    console = Console(stderr=True, width=None if sys.stderr.isatty() else 140)
    table = Table("", "before", "after fixes")
    table.add_row("synth", before.summary(), after.summary())
    if before.synthesized and after.synthesized:
        kinds = sorted({k for r in (before, after) for types in r.stacks.values() for k in types})
        for kind in kinds:
            counts = [sum(types.get(kind, 0) for types in r.stacks.values()) for r in (before, after)]
            if counts[0] != counts[1]:
                table.add_row(kind, str(counts[0]), str(counts[1]))
    console.print(table)
    if before.synthesized and after.synthesized:
        changes = compare(before, after)
        for change in changes:
            old = f"{change.before[0]}: {change.before[1]}" if change.before else ""
            new = f"{change.after[0]}: {change.after[1]}" if change.after else ""
            console.print(f"{change.kind:8} {change.path}  {old} -> {new}".rstrip(" ->"), markup=False, highlight=False)
        if any(c.kind != "added" for c in changes):
            console.print("Resources that moved need `terraform state mv` (or moved blocks) before deploying over "
                          "existing state; vanished ones would be destroyed.", markup=False, highlight=False)
    verdict = "no worse: fixes may be written" if allowed else "WORSE: fixes refused"
    console.print(f"verify: {verdict}", markup=False, highlight=False)


@app.command(name="verify")
def verify_command(
    project: Annotated[Path, typer.Argument(help="The project folder (with cdktf.json, or tap.py/main.py).")],
    python: PythonOpt = None,
    timeout: TimeoutOpt = 300.0,
    output_format: Annotated[str, typer.Option("--output-format", help="text or json.")] = "text",
) -> None:
    """Run the project's app the way `cdktf synth` does (output to a temporary folder) and report whether it
    synthesizes: the failure class and its key line, or the stacks and resources by type. Exit 0 when it
    synthesizes, 1 when it fails, 2 when it cannot be run."""
    from fixer import verify as verify_module

    root = _project_folder([project]).resolve()
    if output_format not in ("text", "json"):
        _fail("--output-format must be text or json")
    try:
        result = verify_module.synth(root, python, timeout)
    except verify_module.VerifyError as exc:
        _fail(str(exc))
    if output_format == "json":
        import json

        typer.echo(json.dumps(result.to_json(), indent=2))
    else:
        lines = [f"{project}: {result.summary()}  ({result.seconds:g} s, `{result.command}`)"]
        for stack, types in result.stacks.items():
            lines.append(f"  stack {stack}: " + ", ".join(f"{kind} {n}" for kind, n in sorted(types.items())))
        typer.echo("\n".join(lines))
    if not result.synthesized:
        raise typer.Exit(1)


BATCH_HELP = """Run the fixer over many repositories and leave each change reviewable on a branch.

REPOS are git URLs (file:// included), local repositories, folders whose sub-folders are repositories, or
files listing any of those one a line. Each repository is fixed in a fresh clone under --workdir (local
paths too, unless --in-place), so your working trees are never touched. Only folders with a cdktf.json
whose language is python are processed; others are reported as skipped.

With --branch the changes are committed on that branch (message: the rules applied and their counts),
with --push also pushed to the clone's origin. --diff writes nothing anywhere and prints each
repository's diff. A repository that fails to clone, parse or commit is reported; the others go on.

--migrate cdktn runs the migration to CDK Terrain (as `migrate --to cdktn`) instead of the fixes, one
branch and commit per repository; with --verify each project is migrated only when its migrated copy
synthesizes the same stacks, and the side-by-side result is recorded per project in the report.

The JSON report (--report, default WORKDIR/report.json) is rewritten as each repository finishes, so an
interrupted run continues with --resume REPORT, and --resume REPORT --only-failed retries the failures.

Exit codes: 0 all clean or committed with nothing left, 1 findings left (with --diff: a change pending), 2 a
repository failed or a usage error.
"""


@app.command(help=BATCH_HELP)
def batch(
    repos: Annotated[list[str] | None, typer.Argument(help="Repositories: URLs, paths, folders of repositories, or listing files.", show_default=False)] = None,
    branch: Annotated[str | None, typer.Option("--branch", "-b", help="Commit the changes on this branch.")] = None,
    commit_message: Annotated[str | None, typer.Option("--commit-message", "-m", help="Commit message (default: the rules applied and their counts).")] = None,
    push: Annotated[bool, typer.Option("--push", help="Push the branch to the repository's origin (needs --branch).")] = False,
    conflict: Annotated[str, typer.Option("--conflict", help="When --branch already exists: skip the repository, or replace the branch.")] = "skip",
    in_place: Annotated[bool, typer.Option("--in-place", help="Work in local repositories themselves instead of fresh clones (refused on a dirty tree with --branch).")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print each repository's diff and write nothing.")] = False,
    diff_dir: Annotated[Path | None, typer.Option("--diff-dir", help="With --diff: save REPO.diff files here instead of printing them.")] = None,
    verify: Annotated[bool, typer.Option("--verify", help="Synthesize each project before and after fixing (on a copy); fix only the projects that do not get worse. With --migrate: migrate only the projects whose migrated copy synthesizes the same stacks (the side-by-side result is in the report).")] = False,
    migrate_to: Annotated[str | None, typer.Option("--migrate", help="Migrate instead of fixing: cdktn (CDK Terrain), as `migrate --to cdktn`; one branch and commit per repository.")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", help="With --migrate: migrate a project even when a provider it uses has no cdktn package.")] = False,
    target_python: Annotated[str | None, typer.Option("--target-python", help="With --migrate --verify: an interpreter with the cdktn packages (default: one built with pip in cdktf-fixer's cache folder and reused).")] = None,
    unsafe_fixes: UnsafeOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    workdir: Annotated[Path, typer.Option("--workdir", help="Where the clones are kept (their branches stay reviewable there).")] = Path("cdktf-fixer-batch"),
    report: Annotated[Path | None, typer.Option("--report", help="JSON report, rewritten per finished repository (default: WORKDIR/report.json; none for --diff).")] = None,
    resume: Annotated[Path | None, typer.Option("--resume", help="Continue the run recorded in this report: repositories it finished are kept, with its settings.")] = None,
    only_failed: Annotated[bool, typer.Option("--only-failed", help="With --resume: rerun only the repositories that failed.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Repositories processed at once in a local process pool (default: all cores).")] = None,
    dask_scheduler: Annotated[str | None, typer.Option("--dask-scheduler", help="Run each repository as a task on this Dask scheduler (e.g. tcp://host:8786); use URLs and --push, since clones live on the workers.")] = None,
    dask_local: Annotated[int | None, typer.Option("--dask-local", min=1, help="Start a local Dask cluster with this many worker processes.")] = None,
    quiet: QuietOpt = False,
) -> None:
    from fixer import batch as batch_module
    from fixer.plan import PlanError, split_codes

    usage = []
    if push and not branch:
        usage.append("--push needs --branch")
    if commit_message and not branch:
        usage.append("--commit-message needs --branch")
    if diff and (branch or push):
        usage.append("--diff writes nothing, so it takes no --branch or --push")
    if diff_dir and not diff:
        usage.append("--diff-dir needs --diff")
    if only_failed and not resume:
        usage.append("--only-failed needs --resume")
    if dask_scheduler and dask_local:
        usage.append("give --dask-scheduler or --dask-local, not both")
    if migrate_to is not None and migrate_to.strip().lower() != "cdktn":
        usage.append(f"--migrate {migrate_to!r}: the one migration is --migrate cdktn (CDK Terrain)")
    if migrate_to and unsafe_fixes:
        usage.append("--unsafe-fixes is for fixes; a migration that leaves a provider behind takes --allow-partial")
    if allow_partial and not migrate_to:
        usage.append("--allow-partial needs --migrate")
    if target_python and not (migrate_to and verify):
        usage.append("--target-python needs --migrate and --verify")
    if conflict not in batch_module.CONFLICT_POLICIES:
        usage.append(f"--conflict must be one of {', '.join(batch_module.CONFLICT_POLICIES)}")
    previous = None
    if resume:
        given = [name for name, value in (("REPOS", repos), ("--branch", branch), ("--commit-message", commit_message),
                 ("--push", push), ("--in-place", in_place), ("--diff", diff), ("--unsafe-fixes", unsafe_fixes),
                 ("--verify", verify), ("--migrate", migrate_to), ("--allow-partial", allow_partial),
                 ("--target-python", target_python),
                 ("--select", select), ("--ignore", ignore)) if value]
        if given:
            usage.append(f"--resume continues the recorded run with its repositories and settings; drop {', '.join(given)}")
    elif not repos:
        usage.append("name the repositories (or --resume a report)")
    if usage:
        _fail("; ".join(usage))
    try:
        if resume:
            previous = batch_module.Report.load(resume)
            settings = previous.settings
            sources = list(previous.results)
        else:
            settings = batch_module.Settings(
                mode="diff" if diff else "fix", select=tuple(split_codes(select)), ignore=tuple(split_codes(ignore)),
                unsafe_fixes=allow_partial if migrate_to else unsafe_fixes, branch=branch,
                commit_message=commit_message, push=push, conflict=conflict, in_place=in_place,
                workdir=str(workdir.resolve()), verify=verify, migrate="cdktn" if migrate_to else None,
                target_python=target_python,
            )
            sources = batch_module.resolve_sources(repos or [])
        _check_selection(settings)
    except (batch_module.SourcesError, PlanError) as exc:
        _fail(str(exc))
    if report is None and resume:
        report = resume
    elif report is None and settings.mode == "fix":
        report = Path(settings.workdir) / "report.json"
    state = batch_module.Report(report, settings, dict(previous.results) if previous else {})
    todo = batch_module.to_run(sources, previous, only_failed)
    try:
        _batch_with_progress(todo, settings, state, jobs or os.cpu_count() or 1, dask_scheduler, dask_local, quiet)
    except batch_module.SourcesError as exc:
        _fail(str(exc))
    results = [state.results[s] for s in sources]
    _batch_output(results, settings, diff_dir, report, quiet)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(2)
    pending = any(r.diff for r in results) if settings.mode == "diff" else any(r.findings for r in results)
    if pending:
        raise typer.Exit(1)


def _check_selection(settings) -> None:
    from fixer import registry
    from fixer.plan import PlanError

    try:
        for code in (*settings.select, *settings.ignore):
            registry.validate_selector(code, "migrate" if settings.migrate else "fix")
    except registry.UnknownRuleError as exc:
        raise PlanError(str(exc)) from exc


def _batch_line(result) -> str:
    fixed = f"{result.fixed} to fix" if result.diff else f"{result.fixed} fixed"
    detail = {
        "changed": f"{fixed}, {result.findings} left" + (f", on {result.branch}" if result.branch else ""),
        "clean": f"{result.findings} left" if result.findings else "nothing to fix",
    }.get(result.status, result.reason)
    if result.refused:
        detail += f"; verify refused {', '.join(result.refused)}"
    return f"{result.status:8} {result.name}: {detail}"


def _batch_with_progress(todo, settings, state, jobs, dask_scheduler, dask_local, quiet) -> None:
    from fixer.batch import run_batch

    if quiet or not todo:
        run_batch(todo, settings, state, jobs, dask_scheduler, dask_local)
        return
    if not sys.stderr.isatty() or os.environ.get("CI"):
        run_batch(todo, settings, state, jobs, dask_scheduler, dask_local,
                  on_done=lambda r: typer.echo(_batch_line(r), err=True))
        return
    from collections import Counter

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    seen: Counter = Counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("repositories", total=len(todo))

        def done(result) -> None:
            seen[result.status] += 1
            progress.console.print(_batch_line(result), markup=False, highlight=False)
            counts = ", ".join(f"{n} {status}" for status, n in seen.items())
            progress.update(task, advance=1, description=f"repositories ({counts})")

        run_batch(todo, settings, state, jobs, dask_scheduler, dask_local, on_done=done)


def _batch_output(results, settings, diff_dir, report, quiet) -> None:
    from rich.console import Console
    from rich.table import Table

    from fixer.batch import grouped, workspace_name

    if settings.mode == "diff":
        if diff_dir:
            diff_dir.mkdir(parents=True, exist_ok=True)
            for r in results:
                if r.diff:
                    (diff_dir / f"{workspace_name(r.repo)}.diff").write_text(r.diff, encoding="utf-8")
        else:
            for r in results:
                if r.diff:
                    sys.stdout.write(f"# cdktf-fixer: {r.name} ({r.repo})\n{r.diff}")
    if quiet:
        return
    # with diffs on stdout the table goes to stderr, so stdout stays a patch
    console = Console(stderr=settings.mode == "diff" and not diff_dir, width=None if sys.stdout.isatty() else 160)
    table = Table("repo", "projects", "findings", "fixed", "errors", "branch", "status")
    groups = grouped(results)
    for status, members in groups.items():
        for r in members:
            outcome = f"{status}: {r.reason}" if r.reason else status
            table.add_row(r.name, str(len(r.projects)), str(r.findings), str(r.fixed), str(r.errors),
                          r.branch or "", outcome)
    console.print(table)
    counts = ", ".join(f"{len(members)} {status}" for status, members in groups.items())
    console.print(f"{len(results)} repositor{'ies' if len(results) != 1 else 'y'}: {counts}." + (f" Report: {report}" if report else ""),
                  markup=False, highlight=False)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--output-format", help="text or json.")] = "text",
    pack: Annotated[str, typer.Option("--pack", help="fix (the rules of check and fix), migrate (of migrate --to cdktn) or upgrade (of migrate --to cdktf).")] = "fix",
) -> None:
    """List every rule: code, name, fix safety, whether it runs by default, summary (`--output-format json`
    for tools)."""
    import codemods
    from fixer import registry

    if pack not in codemods.PACKS:
        _fail(f"unknown --pack {pack!r}; choose from {', '.join(codemods.PACKS)}")

    def all_rules():
        return registry.all_rules(pack)

    if output_format == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "fix": r.fix_availability.value,
             "applicability": sorted(a.value for a in r.fix_applicability), "default": r.default_enabled,
             "summary": r.summary}
            for r in all_rules()
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    import shutil
    import textwrap

    # One block per rule, as ruff's `rule --all`: a table squeezes the summaries to a word a line at 80 columns
    width = max(40, min(shutil.get_terminal_size().columns, 100))
    blocks = []
    for r in all_rules():
        default = "on by default" if r.default_enabled else "off by default (opt in with --select)"
        blocks.append("\n".join([
            f"{r.code}  {r.name}",
            f"    fix: {r.fix_summary()}; {default}",
            *textwrap.wrap(r.summary, width, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False),
        ]))
    typer.echo("\n\n".join(blocks))
    typer.echo(f"\n{len(blocks)} rules. `cdktf-fixer explain CODE` prints a rule's documentation.")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. CTB001.")]) -> None:
    """Print a rule's documentation with before/after examples."""
    from fixer.registry import UnknownRuleError, rule_by_code

    try:
        rule = rule_by_code(code)
    except UnknownRuleError as exc:
        _fail(str(exc))
    lines = [f"{rule.code} ({rule.name})", f"Fix: {rule.fix_summary()}", "", rule.docs(), ""]
    for number, example in enumerate(rule.INVALID, 1):
        if example.files or example.path != "example.py":
            others = f", in a project with: {', '.join(path for path, _ in example.files)}" if example.files else ""
            lines.append(f"Example {number}: {example.path}{others}")
        lines += [f"Example {number}, before:", _indent(example.before)]
        lines += (["after:", _indent(example.after)] if example.after is not None else ["(reported, not rewritten)"])
        lines.append("")
    if rule.VALID:
        lines.append("Left alone:")
        lines += [_indent(v) for v in rule.VALID]
    typer.echo("\n".join(lines).rstrip() + "\n")


def _indent(code: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in code.rstrip("\n").splitlines())


def main() -> None:
    # An unexpected exception is cdktf-fixer's failure, not a finding: exit 2 (1 would read as "findings"
    # to CI and pre-commit), with the traceback for the bug report.
    try:
        app()
    except Exception:  # noqa: BLE001
        import traceback

        traceback.print_exc()
        typer.echo("cdktf-fixer: internal error (the traceback above belongs in a bug report)", err=True)
        sys.exit(2)
