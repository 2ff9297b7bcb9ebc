"""Turning results into output: text, json, sarif, github annotations, statistics, diffs, the summary."""

from __future__ import annotations

import difflib
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from fixer import __version__
from fixer.types import Applicability, ErrorKind, FileError, FileResult, Finding

if TYPE_CHECKING:  # fixer.rule imports LibCST, which a run that screened out every file never needs
    from fixer.rule import Rule


@dataclass
class Totals:
    files: int
    findings: int  # left to fix (reported)
    fixed: int
    fixable_safe: int
    fixable_unsafe: int
    errors: int
    changed_files: int
    internal_errors: int = 0  # cdktf-fixer's own failures (exit 2), not the user's input
    unindexed: int = 0  # project files the project index could not read (not otherwise reported)
    # why files were not processed: "cannot parse", "too large", ... -> how many
    not_processed: dict[str, int] | None = None


def display_path(path: str) -> str:
    return _relative(path, os.getcwd())


@lru_cache(maxsize=16384)  # a file with many findings is shown once per finding, from the same folder
def _relative(path: str, cwd: str) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:
        return path


def remaining(results: Sequence[FileResult]) -> list[Finding]:
    found = [f for r in results for f in r.findings if not f.fixed]
    return sorted(found, key=lambda f: (f.path, f.line, f.column, f.code))


def errors(results: Sequence[FileResult]) -> list[FileError]:
    return [r.error for r in results if r.error]


def error_class(error: FileError) -> str:
    """The headline's word for why a file was not processed."""
    reason = error.reason
    for prefix in ("cannot parse", "cannot decode", "cannot read", "cannot write", "too large", "too deeply nested"):
        if reason.startswith(prefix):
            return prefix
    return "cdktf-fixer failed" if error.kind is ErrorKind.INTERNAL else reason.split(":", 1)[0]


def totals(results: Sequence[FileResult], unindexed: int = 0) -> Totals:
    left = remaining(results)
    return Totals(
        files=len(results),
        findings=len(left),
        fixed=sum(1 for r in results if not r.error for f in r.findings if f.fixed),
        fixable_safe=sum(1 for f in left if f.fix is Applicability.SAFE),
        fixable_unsafe=sum(1 for f in left if f.fix is Applicability.UNSAFE),
        errors=len(errors(results)),
        changed_files=sum(1 for r in results if r.changed),
        internal_errors=sum(1 for e in errors(results) if e.kind is ErrorKind.INTERNAL),
        unindexed=unindexed,
        not_processed=dict(Counter(error_class(e) for e in errors(results))),
    )


def write_text(out: TextIO, results: Sequence[FileResult], verbose: bool) -> None:
    for finding in remaining(results):
        mark = {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]", Applicability.NONE: ""}[finding.fix]
        out.write(
            f"{display_path(finding.path)}:{finding.line}:{finding.column}: {finding.code} {finding.message}{mark}\n"
        )
    for error in errors(results):
        out.write(f"{display_path(error.path)}:{error.line}:{error.column}: error: {error.reason}\n")
        if verbose and error.detail:
            out.write(error.detail)


def write_json(
    out: TextIO,
    results: Sequence[FileResult],
    diffs: dict[str, str] | None = None,
    projects: Sequence[dict] = (),
    rules: Sequence[type[Rule]] = (),
) -> None:
    """One document a dashboard or a batch can aggregate: the version, each project's provider versions,
    findings, fixes, errors, totals and counts per rule."""
    summary = totals(results)
    json.dump(
        {
            **({"diffs": diffs} if diffs is not None else {}),
            "version": __version__,
            "projects": list(projects),
            "findings": [f.to_json() | {"path": display_path(f.path)} for f in remaining(results)],
            "fixed": [
                f.to_json() | {"path": display_path(f.path)} for r in results if not r.error for f in r.findings if f.fixed
            ],
            "errors": [e.to_json() | {"path": display_path(e.path)} for e in errors(results)],
            "summary": summary.__dict__,
            "by_rule": {code: {"name": name, "left": left, "fixed": fixed}
                        for code, name, left, fixed in statistics(results, rules)},
        },
        out,
        indent=2,
    )
    out.write("\n")


def write_github(out: TextIO, results: Sequence[FileResult]) -> None:
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    out.writelines(f"::error title=cdktf-fixer ({f.code}),file={display_path(f.path)},line={f.line},col={f.column}"
            f"::{escape(f.code + ' ' + f.message)}\n" for f in remaining(results))
    out.writelines(f"::error title=cdktf-fixer,file={display_path(e.path)},line={e.line},col={e.column}::{escape(e.reason)}\n" for e in errors(results))


def _sarif_location(path: str, line: int, column: int) -> dict:
    return {
        "physicalLocation": {
            # a URI reference: spaces and bytes a file name may hold that are not UTF-8 are percent-encoded
            "artifactLocation": {"uri": quote(os.fsencode(Path(display_path(path)).as_posix()), safe="/")},
            "region": {"startLine": line, "startColumn": column},
        }
    }


def write_sarif(
    out: TextIO, results: Sequence[FileResult], rules: Sequence[type[Rule]], projects: Sequence[dict] = ()
) -> None:
    sarif_results = [
        {
            "ruleId": f.code,
            "level": "error",
            "message": {"text": f.message},
            "locations": [_sarif_location(f.path, f.line, f.column)],
        }
        for f in remaining(results)
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": e.reason},
            "locations": [_sarif_location(e.path, e.line, e.column)],
        }
        for e in errors(results)
    ]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cdktf-fixer",
                        "version": __version__,
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.docs()},
                            }
                            for r in rules
                        ],
                    }
                },
                "results": sarif_results,
                "properties": {"projects": list(projects)},
                "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
            }
        ],
    }
    json.dump(document, out, indent=2)
    out.write("\n")


def unified_diff(result: FileResult, base: Path | None = None) -> str:
    """The change as `git apply` reads it; paths relative to `base` (default: the current folder)."""
    assert result.before is not None and result.after is not None
    name = Path(os.path.relpath(result.path, base) if base else display_path(result.path)).as_posix()
    lines = difflib.unified_diff(
        result.before.splitlines(keepends=True),
        result.after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    # a last line without a newline is marked as diff and git do, or patch/git apply reject the diff
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def statistics(results: Sequence[FileResult], rules: Sequence[type[Rule]]) -> list[tuple[str, str, int, int]]:
    """(code, name, left, fixed) per rule that reported anything, most findings first."""
    names = {r.code: r.name for r in rules}
    left = Counter(f.code for f in remaining(results))
    fixed = Counter(f.code for r in results if not r.error for f in r.findings if f.fixed)
    rows = [(code, names.get(code, ""), left[code], fixed[code]) for code in set(left) | set(fixed)]
    return sorted(rows, key=lambda row: (-(row[2] + row[3]), row[0]))


def summary_line(t: Totals, mode: str, unsafe_enabled: bool, unsafe_flag: str = "--unsafe-fixes",
                 fix_command: str = "cdktf-fixer fix") -> str:
    parts = []
    if mode == "fix":
        parts.append(f"Fixed {t.fixed} finding{'s' * (t.fixed != 1)} in {t.changed_files} file{'s' * (t.changed_files != 1)}.")
    elif mode == "diff":
        parts.append(
            f"Would fix {t.fixed} finding{'s' * (t.fixed != 1)} in {t.changed_files} file{'s' * (t.changed_files != 1)}."
        )
    if t.findings:
        parts.append(f"Found {t.findings} finding{'s' * (t.findings != 1)} left.")
        if t.fixable_safe and mode == "check":
            parts.append(f"{t.fixable_safe} fixable with `{fix_command}`.")
        if t.fixable_unsafe and not unsafe_enabled:
            parts.append(f"{t.fixable_unsafe} fixable with `{unsafe_flag}`.")
    elif mode == "check" and t.files and not t.errors and not t.unindexed:
        parts.append("All checks passed.")
    if t.errors:
        why = ", ".join(f"{n} {reason}" for reason, n in sorted((t.not_processed or {}).items()))
        parts.append(f"{t.errors} file{'s' * (t.errors != 1)} could not be processed ({why}; left unchanged).")
    if t.unindexed:
        parts.append(f"{t.unindexed} project file{'s' * (t.unindexed != 1)} the project index could not read "
                     "(project-wide rules know nothing of them).")
    parts.append(f"({t.files} file{'s' * (t.files != 1)} checked)")
    return " ".join(parts)
