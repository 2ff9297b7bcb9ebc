"""Every golden case: fix(before) == after, fix(after) == after with nothing fixable left, exact findings."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import GoldenCase, cli, golden_cases, snapshot

CASES = [pytest.param(case, id=case.id) for case in golden_cases()]


def _fix(case: GoldenCase, folder: Path) -> None:
    outcome = cli(*case.fix_command(), folder, "--select", case.select, "--quiet")
    assert outcome.exit_code in (0, 1), outcome.stdout + outcome.stderr


def test_golden_cases_exist_for_every_rule():
    from fixer.registry import every_rule

    covered = {c.code for c in golden_cases()}
    assert {r.code for r in every_rule()} <= covered


@pytest.mark.parametrize("case", CASES)
def test_fix_before_gives_after(case: GoldenCase, tmp_path: Path):
    folder = case.materialize("before", tmp_path / "work")
    _fix(case, folder)
    assert snapshot(folder) == case.expected("after")
    unparsable = {e["path"] for e in case.spec.get("errors", [])}  # left as they were, which did not parse
    for path in folder.rglob("*.py"):
        if path.relative_to(folder).as_posix() not in unparsable:
            ast.parse(path.read_bytes(), filename=str(path))


@pytest.mark.parametrize("case", CASES)
def test_fix_is_idempotent(case: GoldenCase, tmp_path: Path):
    folder = case.materialize("after", tmp_path / "work")
    _fix(case, folder)
    assert snapshot(folder) == case.expected("after")
    report = cli(*case.check_command(), folder, "--select", case.select, "--output-format", "json").json()
    fixable = {"safe", "unsafe"} if case.spec.get("unsafe_fixes") else {"safe"}
    assert [f for f in report["findings"] if f["fix"] in fixable] == []


@pytest.mark.parametrize("case", CASES)
def test_findings_on_before(case: GoldenCase, tmp_path: Path):
    folder = case.materialize("before", tmp_path / "work")
    report = cli(*case.check_command(), folder, "--select", case.select, "--output-format", "json").json()
    got = []
    for f in report["findings"]:
        entry = {"code": f["code"], "line": f["line"], "column": f["column"], "fix": f["fix"], "message": f["message"]}
        if case.is_tree:
            entry["path"] = Path(f["path"]).resolve().relative_to(folder.resolve()).as_posix()
        got.append(entry)
    # each finding pinned whole: where (path, line, column), which rule, its fix and its exact message
    key = lambda f: (f.get("path", ""), f["line"], f["column"], f["code"])
    assert sorted(got, key=key) == sorted(case.spec["findings"], key=key)
    errors = [{"path": Path(e["path"]).resolve().relative_to(folder.resolve()).as_posix(), "line": e["line"],
               "kind": e["kind"]} for e in report["errors"]]
    assert errors == case.spec.get("errors", [])  # files the case expects to be reported as unparsable


@pytest.mark.parametrize("case", CASES)
def test_check_mode_never_changes_a_tree(case: GoldenCase, tmp_path: Path):
    """Without fixes to apply, every rule must hand back the tree it was given."""
    from fixer import engine
    from fixer.project import assign_roots
    from fixer.registry import rule_by_code

    folder = case.materialize("before", tmp_path / "work")
    files = sorted(p for p in folder.rglob("*") if p.is_file())  # Python and the project files rules read
    results = engine.run(files, assign_roots([folder], files), engine.Options(tuple(rule_by_code(c) for c in case.select.split(","))), jobs=1)
    assert [r.path for r in results if r.changed] == []
