"""The `cdktf-fixer` command line, following ruff's conventions.

Exit codes CI can trust: 0 nothing left to do; 1 findings remain (or, with --diff, a change is
pending); 2 usage error, unreadable configuration, or a file that could not be parsed or fixed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from fixer.engine import FileResult

app = typer.Typer(
    name="cdktf-fixer",
    help=(
        "Find and fix the mistakes that make CDK for Terraform (CDKTF) Python code fail at `cdktf synth` "
        "or deploy.\n\nEach rule is a LibCST codemod: rewrites keep every comment and the formatting. "
        "`check` reports, `fix` rewrites (safe fixes only unless --unsafe-fixes), `fix --diff` shows the "
        "changes without writing. Exit codes: 0 clean, 1 findings left or changes pending, 2 errors."
    ),
    no_args_is_help=True,
    add_completion=False,
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
UnsafeOpt = Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply fixes marked unsafe (they may change behaviour).")]

FORMATS = ("text", "json", "sarif", "github")


def _fail(message: str) -> None:
    typer.echo(f"cdktf-fixer: error: {message}", err=True)
    raise typer.Exit(2)


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
) -> None:
    from fixer import reporting
    from fixer.plan import PlanError, make_plan

    if output_format not in FORMATS:
        _fail(f"unknown --output-format {output_format!r}; choose from {', '.join(FORMATS)}")
    try:
        plan = make_plan(paths or [Path(".")], select, ignore, mode, unsafe_fixes, verbose)
    except PlanError as exc:
        _fail(str(exc))
    rules, options, files, roots, config = plan.rules, plan.options, plan.files, plan.roots, plan.config
    if verbose:
        from fixer.providers import PROVIDERS, load_index

        for root in sorted(set(roots.values())):
            typer.echo(f"project root: {root}", err=True)
            for spec in PROVIDERS:
                index = load_index(spec, root)
                where = f"{index.version} ({index.source})" if index else "not installed, no snapshot"
                typer.echo(f"  {spec.distribution}: {where}", err=True)
    cache = None
    if not no_cache:
        from fixer.cache import CACHE_DIR_NAME, ResultCache

        cache = ResultCache(cache_dir or config.base / CACHE_DIR_NAME, options.rule_codes, options.apply, options.write)
    results = _with_progress(files, roots, options, jobs, quiet, cache)

    machine = output_format != "text"
    out = sys.stdout
    findings_out = sys.stderr if (mode == "diff" and not machine) else out
    diffs = {}
    if mode == "diff":
        diffs = {r.path: reporting.unified_diff(r) for r in sorted(results, key=lambda r: r.path) if r.changed and not r.error}
        # machine formats keep stdout one document: the diff goes inside it (json) or to stderr
        diff_out = sys.stderr if output_format in ("sarif", "github") else out
        if output_format != "json":
            diff_out.write("".join(diffs.values()))
    if output_format == "json":
        reporting.write_json(out, results, {reporting.display_path(p): d for p, d in diffs.items()})
    elif output_format == "sarif":
        reporting.write_sarif(out, results, rules)
    elif output_format == "github":
        reporting.write_github(out, results)
    else:
        reporting.write_text(findings_out, results, verbose)

    totals = reporting.totals(results)
    summary_out = sys.stderr if (machine or mode == "diff") else out
    if statistics:
        for code, name, left, fixed in reporting.statistics(results, rules):
            summary_out.write(f"{left:5d} left {fixed:5d} fixed  {code}  {name}\n")
    if not quiet:
        summary_out.write(reporting.summary_line(totals, mode, unsafe_fixes) + "\n")

    if totals.errors:
        raise typer.Exit(2)
    if totals.findings or (mode == "diff" and totals.changed_files):
        raise typer.Exit(1)


def _with_progress(files, roots, options, jobs, quiet, cache) -> list[FileResult]:
    from fixer import engine

    show = not quiet and sys.stderr.isatty() and len(files) >= 50 and not os.environ.get("CI")
    if not show:
        return engine.run(files, roots, options, jobs, cache=cache)
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
        return engine.run(files, roots, options, jobs, on_result=lambda _: progress.advance(task), cache=cache)


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
) -> None:
    """Report findings; change nothing. `[*]` marks findings `fix` can repair."""
    _run(paths, select, ignore, output_format, jobs, statistics, quiet, verbose, "check", False, no_cache, cache_dir)


@app.command()
def fix(
    paths: PathsArg = None,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of the fixes and write nothing; exit 1 when a change is pending.")] = False,
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
) -> None:
    """Apply fixes in place (atomic writes; encoding, BOM and line endings kept), then report what is left."""
    mode = "diff" if diff else "fix"
    _run(paths, select, ignore, output_format, jobs, statistics, quiet, verbose, mode, unsafe_fixes, no_cache, cache_dir)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--output-format", help="text or json.")] = "text",
) -> None:
    """List every rule: code, name, fix safety, on by default, summary."""
    from fixer.registry import all_rules

    if output_format == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "fix": r.fix_safety.value, "default": r.default_enabled, "summary": r.summary}
            for r in all_rules()
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "name", "fix", "default", "summary")
    for r in all_rules():
        table.add_row(r.code, r.name, r.fix_safety.value, "yes" if r.default_enabled else "no", r.summary)
    Console().print(table)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. CTB001.")]) -> None:
    """Print a rule's documentation with before/after examples."""
    from fixer.registry import UnknownRuleError, rule_by_code

    try:
        rule = rule_by_code(code)
    except UnknownRuleError as exc:
        _fail(str(exc))
    lines = [f"{rule.code} ({rule.name})", f"Fix: {rule.fix_safety.value}", "", rule.docs(), ""]
    for number, example in enumerate(rule.INVALID, 1):
        if example.files:
            lines.append(f"Example {number}, in a project with: {', '.join(path for path, _ in example.files)}")
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
    app()
