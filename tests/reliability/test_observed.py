"""The three cases issue 16 observed, each a regression test that failed before its fix."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cli

pytestmark = pytest.mark.reliability

STACK = """\
from constructs import Construct
from cdktf import App, TerraformStack


class MyStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        nested = {nested}


app = App()
MyStack(app, "x")
app.synth()
"""


def project(tmp_path: Path, name: str, data: bytes) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
    (root / name).write_bytes(data)
    return root


def test_a_latin_1_file_is_known_to_the_project_index(tmp_path):
    # One non-ASCII byte in a comment made the index (UTF-8 only) know nothing of the file, so CTA003, a
    # project-wide rule, passed a stack whose `id` it reports in the same file without the comment.
    data = b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + STACK.format(nested="1").encode()
    root = project(tmp_path, "main.py", data)
    outcome = cli("check", root, "--no-cache")
    assert "CTA003" in outcome.stdout, outcome.stdout
    assert "All checks passed" not in outcome.stdout
    assert outcome.exit_code == 1
    fixed = cli("fix", root, "--no-cache")
    assert fixed.exit_code == 0, fixed.stdout
    after = (root / "main.py").read_bytes()
    assert after.startswith(b"# -*- coding: latin-1 -*-\n# caf\xe9\n")  # encoding kept: still latin-1
    assert b"construct_id: str" in after


def test_a_file_the_index_cannot_read_is_named_and_the_run_does_not_pass(tmp_path):
    root = project(tmp_path, "main.py", STACK.replace("id: str", "construct_id: str").replace(
        "(scope, id)", "(scope, construct_id)").format(nested="1").encode())
    (root / "broken.py").write_text("from cdktf import TerraformStack\ndef broken(:\n")
    outcome = cli("check", root / "main.py", "--no-cache")  # the broken file is not in the run, only in the project
    assert "broken.py: the project index cannot read it (cannot parse (line 2)" in outcome.stdout
    assert "All checks passed" not in outcome.stdout
    assert "1 project file the project index could not read" in outcome.stdout
    assert outcome.exit_code == 1


def test_a_run_that_fails_a_file_never_says_all_checks_passed(tmp_path, monkeypatch):
    from codemods.structure.construct_id_parameter import ConstructIdParameter

    def explode(self, node):
        raise KeyError("boom")

    monkeypatch.setattr(ConstructIdParameter, "visit_FunctionDef", explode, raising=False)
    root = project(tmp_path, "main.py", STACK.format(nested="1").encode())
    outcome = cli("check", root, "--no-cache", "--select", "CTA003")
    assert outcome.exit_code == 2
    assert "All checks passed" not in outcome.stdout
    assert "1 file could not be processed (1 cdktf-fixer failed; left unchanged)" in outcome.stdout
