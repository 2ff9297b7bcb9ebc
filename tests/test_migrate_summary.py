"""`migrate` says what the provider API comparison (CTM005) found for each provider a project uses,
also when it found nothing: the versions compared, how many changes lie between them, how many are used."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import GOLDEN, cli

UNUSED = "aws: none of the 13 API changes between cdktf-cdktf-provider-aws 21.22.1 and cdktn-provider-aws 25.8.1 is used"


def _case(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(GOLDEN / "CTM005-provider-api-changes" / name / "before.py", folder / "main.py")
    (folder / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}\n')
    return folder


def test_a_project_that_uses_none_of_the_changes_is_told_so_with_the_versions_compared(tmp_path):
    project = _case("untouched-api-unchanged", tmp_path)

    text = cli("migrate", "--to", "cdktn", "--check", project)
    report = cli("migrate", "--to", "cdktn", "--check", "--output-format", "json", project).json()

    assert UNUSED in text.stdout.splitlines()
    (entry,) = report["projects"]
    assert entry["api_changes"] == [{
        "provider": "aws", "from": {"distribution": "cdktf-cdktf-provider-aws", "version": "21.22.1"},
        "to": {"distribution": "cdktn-provider-aws", "version": "25.8.1"}, "changes": 13, "uses": 0}]


def test_a_project_that_uses_changed_api_gets_the_count_of_its_uses(tmp_path):
    project = _case("uses-of-changed-properties", tmp_path)
    expected = len([f for f in json.loads((GOLDEN / "CTM005-provider-api-changes" / "uses-of-changed-properties"
                                           / "findings.json").read_text())["findings"] if f["code"] == "CTM005"])

    text = cli("migrate", "--to", "cdktn", "--check", project)

    assert (f"aws: {expected} uses of the 13 API changes between cdktf-cdktf-provider-aws 21.22.1 and "
            f"cdktn-provider-aws 25.8.1 (CTM005)") in text.stdout.splitlines()


def test_no_line_when_the_comparison_is_not_selected_or_no_provider_is_used(tmp_path):
    project = _case("untouched-api-unchanged", tmp_path)
    assert _no_api_line(cli("migrate", "--to", "cdktn", "--check", "--select", "CTM001", project).stdout)
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}\n')
    (bare / "main.py").write_text("from cdktf import App\n\nApp().synth()\n")
    assert "API change" not in cli("migrate", "--to", "cdktn", "--check", bare).stdout


def _no_api_line(output: str) -> bool:
    return "API change" not in output
