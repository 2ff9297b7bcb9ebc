"""Each rule's documented examples are true (Fixit style), and the rules/explain commands show them."""
from __future__ import annotations

import textwrap

import pytest
from helpers import cli

from fixer.engine import Options, fix_source, process_file
from fixer.project import ProjectContext
from fixer.registry import all_rules, every_rule
from fixer.rule import Rule
from fixer.textio import decode
from fixer.types import Applicability

RULES = every_rule()  # the fix pack's and the migration's


def _run(rule, code: str, tmp_path, files=(), name="example.py"):
    """The example as a file of a project folder, with the other files it needs (rules use project facts)."""
    for relative, text in files:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code)
    options = Options((rule,), apply=frozenset({Applicability.SAFE, Applicability.UNSAFE}), keep_text=True)
    others = [tmp_path / relative for relative, _ in files if relative.endswith(".py")]
    project = ProjectContext.build(tmp_path, [path, *others] if name.endswith(".py") else others, index_classes=True)
    if not name.endswith(".py"):  # a ProjectFileRule's example: requirements.txt, cdktf.json
        return process_file(str(path), [rule], project, options)
    return fix_source(decode(code.encode()), str(path), [rule], project, options)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_invalid_examples_are_reported_and_fixed(rule, tmp_path):
    assert rule.INVALID, f"{rule.code} documents no example"
    for number, example in enumerate(rule.INVALID):
        result = _run(rule, example.before, tmp_path / str(number), example.files, example.path)
        assert result.error is None
        assert result.findings, f"{rule.code} reported nothing on its own example"
        if example.after is not None:
            assert result.after == example.after


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_valid_examples_are_left_alone(rule, tmp_path):
    for number, code in enumerate(rule.VALID):
        result = _run(rule, textwrap.dedent(code), tmp_path / f"valid{number}")
        assert result.error is None and result.findings == [] and not result.changed


def test_rule_metadata_is_complete():
    codes = [r.code for r in RULES]
    assert len(set(codes)) == len(codes)
    for rule in RULES:
        assert rule.code[:2] == "CT" and len(rule.code) == 6
        assert rule.name and rule.summary and rule.markers and rule.__doc__


@pytest.mark.parametrize("pack", ["fix", "migrate", "upgrade"])
def test_rules_command_lists_every_rule(pack):
    rows = cli("rules", "--pack", pack, "--output-format", "json").json()
    assert [r["code"] for r in rows] == [r.code for r in all_rules(pack)]
    text = cli("rules", "--pack", pack).stdout
    assert all(r.code in text for r in all_rules(pack))
    assert cli("rules", "--pack", "nope").exit_code == 2


@pytest.mark.parametrize("pack", ["fix", "migrate", "upgrade"])
def test_rules_fit_an_80_column_terminal(monkeypatch, pack):
    monkeypatch.setenv("COLUMNS", "80")
    RULES = all_rules(pack)  # the pack's rules, as the module's RULES are every pack's
    lines = cli("rules", "--pack", pack).stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for rule in RULES:  # code and whole name on one line, the summary complete (wrapped, not cut)
        assert f"{rule.code}  {rule.name}" in lines
    summaries = " ".join(line.strip() for line in lines)
    assert all(rule.summary in summaries for rule in RULES)
    rows = {r["code"]: r for r in cli("rules", "--pack", pack, "--output-format", "json").json()}
    assert all(rows[r.code]["default"] is r.default_enabled and rows[r.code]["fix"] == r.fix_availability.value
               for r in RULES)


def test_explain_prints_docs_and_examples():
    outcome = cli("explain", "ctb001")
    assert outcome.exit_code == 0
    assert "S3BucketVersioningA" in outcome.stdout and "Example 1, before:" in outcome.stdout
    assert cli("explain", "NOPE01").exit_code == 2


def test_default_rules_are_the_ones_whose_findings_are_defects(tmp_path):
    """Advisories (a stack without outputs, sizing, tags) run only when selected."""
    advisory = {r.code for r in RULES if not r.default_enabled}
    assert {"CTF001", "CTF002", "CTD003"} <= advisory
    (tmp_path / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
    (tmp_path / "main.py").write_text(
        "from cdktf import App, TerraformStack\n\n\nclass MyStack(TerraformStack):\n    pass\n\n\n"
        "app = App()\nMyStack(app, 'x')\napp.synth()\n"
    )
    assert cli("check", tmp_path, "--no-cache").exit_code == 0
    selected = cli("check", tmp_path, "--no-cache", "--select", "CTF001")
    assert selected.exit_code == 1 and "CTF001" in selected.stdout


def test_declared_fix_availability_is_what_the_golden_cases_show():
    """What `rules`, the docs and SARIF say about a rule's fixes is what its findings do: every kind of
    fix it declares occurs in its golden cases, no other does, and a rule that fixes only sometimes has a
    case where it does not."""
    import json

    from helpers import GOLDEN

    from fixer.types import FixAvailability

    seen: dict[str, set[str]] = {}
    for spec in GOLDEN.glob("*/*/findings.json"):
        for finding in json.loads(spec.read_text())["findings"]:
            seen.setdefault(finding["code"], set()).add(finding["fix"])
    for rule in RULES:
        declared = {a.value for a in rule.fix_applicability}
        if rule.fix_availability is not FixAvailability.ALWAYS:
            declared.add("none")
        assert seen[rule.code] == declared, f"{rule.code} declares {rule.fix_summary()}, its cases show {seen[rule.code]}"


def test_report_rejects_a_fix_the_rule_does_not_declare(tmp_path):
    from fixer.types import FixAvailability

    class DetectsOnly(Rule):
        code, name, summary, markers = "CTX997", "detects-only", "never fixes", ("cdktf",)
        fix_availability = FixAvailability.NONE

        def visit_Module(self, node):
            self.report(node, "offers a fix anyway", Applicability.SAFE)

    code = "import cdktf\n"
    result = fix_source(decode(code.encode()), str(tmp_path / "a.py"), [DetectsOnly], ProjectContext.build(tmp_path),
                        Options((DetectsOnly,)))
    assert result.error is not None and "RuleContractError" in result.error.reason
    with pytest.raises(TypeError, match="fix_applicability"):
        type("Inconsistent", (Rule,), {"code": "CTX996", "name": "x", "summary": "x", "markers": ("x",),
                                       "fix_availability": FixAvailability.SOMETIMES})


def test_lambda_build_files_are_what_a_glob_of_each_pattern_finds(tmp_path):
    """CTE001 looks for the step that builds an archive in the project's build files: one listing per
    folder finds what a glob per pattern found, dotfiles and folders included."""
    from codemods.packaging.lambda_code_asset import BUILD_FILES, _build_files

    for name in ("Makefile", "makefile", "a.mk", ".hidden.sh", "b.sh", "package.json", "notes.txt", "justfile",
                 "Dockerfile", "scripts/build", "scripts/sub/deep.sh", ".github/workflows/ci.yml",
                 ".github/workflows/x.yaml", ".github/workflows/readme.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("zip")
    expected = sorted(path for pattern in BUILD_FILES for path in tmp_path.glob(pattern))
    assert sorted(_build_files(tmp_path)) == expected
    assert len(expected) == 11
