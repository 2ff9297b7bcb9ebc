"""The three cases issue 16 observed, each a regression test that failed before its fix."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cli

from reliability.common import LONG

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


def _big_stack() -> str:
    """A generated stack module of 20,000 lines: one class, 2,500 buckets."""
    lines = [
        "from constructs import Construct", "from cdktf import App, TerraformStack",
        "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket", "", "",
        "class Big(TerraformStack):", "    def __init__(self, scope: Construct, id: str):",
        "        super().__init__(scope, id)",
    ]
    for i in range(2500):
        lines += ["        S3Bucket(", "            self,", f'            "bucket{i}",',
                  f'            bucket=f"bucket-{i}-{{id}}",', "            tags={", f'                "Name": "b{i}",',
                  "            },", "        )"]
    lines += ["", "", "app = App()", 'Big(app, "big")', "app.synth()", ""]
    return "\n".join(lines)


BIG_STACK = _big_stack()


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
@pytest.mark.parametrize("mode", ["check", "fix"])
def test_a_literal_nested_200_deep_is_processed(tmp_path, mode):
    # Python accepts 200 nested brackets; CTA003's fix raised RecursionError on them ("rule CTA003 failed"),
    # and the headline of a failed run must never read "All checks passed".
    data = STACK.format(nested="[" * 200 + "]" * 200).encode()
    root = project(tmp_path, "main.py", data)
    outcome = cli(mode, root, "--no-cache")
    assert "failed" not in outcome.stdout and "RecursionError" not in outcome.stdout, outcome.stdout
    if mode == "check":
        assert "CTA003" in outcome.stdout and outcome.exit_code == 1
    else:
        assert outcome.exit_code == 0, outcome.stdout
        assert "construct_id: str" in (root / "main.py").read_text()
        assert cli("check", root, "--no-cache").exit_code == 0


def test_a_generated_20000_line_stack_is_processed_in_reasonable_time(tmp_path):
    import time

    assert BIG_STACK.count("\n") > 20000
    root = project(tmp_path, "main.py", BIG_STACK.encode())
    start = time.perf_counter()
    # the short form checks (one parse, one traversal); the long form fixes (four transformer passes)
    outcome = cli("fix" if LONG else "check", root, "--no-cache")
    elapsed = time.perf_counter() - start
    if LONG:
        assert outcome.exit_code == 0, outcome.stdout
        assert "construct_id: str" in (root / "main.py").read_text()
    else:
        assert outcome.exit_code == 1 and "CTA003" in outcome.stdout, outcome.stdout
    assert elapsed < 60, elapsed


def test_checking_the_20000_line_stack_parses_it_once_and_rewrites_nothing(tmp_path, monkeypatch):
    """What made issue 16's 20,000-line module take 34 s (5 s of parse) was work per rule: four whole-tree
    transforms. Its time is measured by bench/run.py; here, what it costs in passes: one parse, one
    traversal of the whole module by the engine, and not one transform (Module.visit) in `check`."""
    import libcst

    from fixer import engine

    calls = {"parse": 0, "transform": 0, "traversal": 0}

    def counting(key, function):
        def counted(*args, **kwargs):
            calls[key] += 1
            return function(*args, **kwargs)
        return counted

    monkeypatch.setattr(libcst, "parse_module", counting("parse", libcst.parse_module))
    monkeypatch.setattr(libcst.Module, "visit", counting("transform", libcst.Module.visit))
    monkeypatch.setattr(engine, "walk_read_only", counting("traversal", engine.walk_read_only))
    root = project(tmp_path, "main.py", BIG_STACK.encode())
    outcome = cli("check", root, "--no-cache")
    assert outcome.exit_code == 1 and "CTA003" in outcome.stdout, outcome.stdout
    assert calls == {"parse": 1, "transform": 0, "traversal": 1}


def test_a_long_concatenation_is_processed_in_a_deep_thread(tmp_path):
    # a generated 1500-term string concatenation is a binary tree 1500 deep: past the default recursion limit
    data = STACK.format(nested=" + ".join(['"a"'] * 1500)).encode()
    root = project(tmp_path, "main.py", data)
    outcome = cli("fix", root, "--no-cache")
    assert outcome.exit_code == 0, outcome.stdout
    assert "construct_id: str" in (root / "main.py").read_text()


def test_nesting_too_deep_even_for_the_deep_thread_is_reported_as_skipped(tmp_path, monkeypatch):
    from fixer import engine

    monkeypatch.setattr(engine, "DEEP_RECURSION_LIMIT", 1000)  # as deep as the first attempt: fails again
    data = STACK.format(nested="[" * 200 + "]" * 200).encode()
    root = project(tmp_path, "main.py", data)
    outcome = cli("fix", root, "--no-cache")
    assert "main.py:1:1: error: too deeply nested for CTA003: skipped, file left unchanged" in outcome.stdout
    assert "rule CTA003 failed" not in outcome.stdout
    assert "1 file could not be processed (1 too deeply nested; left unchanged)" in outcome.stdout
    assert outcome.exit_code == 1  # the user's input, not cdktf-fixer's failure
    assert (root / "main.py").read_bytes() == data
    assert "All checks passed" not in cli("check", root, "--no-cache").stdout


def _parser_must_not_run(monkeypatch):
    import libcst

    def refuse(*args, **kwargs):
        raise AssertionError("LibCST's parser was given a file Python refuses for its depth")

    monkeypatch.setattr(libcst, "parse_module", refuse)


def test_a_chain_python_cannot_compile_is_skipped_before_libcst_parses_it(tmp_path, monkeypatch):
    # LibCST's parser takes 38 s over a 5,000-term concatenation (cubic in its depth) and the interpreter
    # refuses the file anyway: it is reported as too deep without LibCST seeing it
    _parser_must_not_run(monkeypatch)
    data = STACK.format(nested=" + ".join(['"a"'] * 5000)).encode()
    root = project(tmp_path, "main.py", data)
    outcome = cli("fix", root, "--no-cache")
    assert "main.py:1:1: error: too deeply nested for Python's own parser" in outcome.stdout, outcome.stdout
    assert outcome.exit_code == 1
    assert (root / "main.py").read_bytes() == data


def test_brackets_nested_past_pythons_limit_are_a_syntax_error_found_before_libcst(tmp_path, monkeypatch):
    # LibCST parses lists nested 1,000 deep in 6.5 s (82 s at 3,000); Python stops at 200
    _parser_must_not_run(monkeypatch)
    data = STACK.format(nested="[" * 1000 + "]" * 1000).encode()
    root = project(tmp_path, "main.py", data)
    outcome = cli("check", root, "--no-cache")
    assert "main.py:8:218: error: cannot parse: too many nested parentheses (Python's limit is 200)" in outcome.stdout
    assert outcome.exit_code == 1 and "All checks passed" not in outcome.stdout


def test_a_20000_term_chain_does_not_crash_the_process(tmp_path):
    # it used to overflow the C stack inside LibCST's parser (a segmentation fault, the whole run lost)
    import subprocess
    import sys

    data = STACK.format(nested=" + ".join(['"a"'] * 20000)).encode()
    root = project(tmp_path, "main.py", data)
    ran = subprocess.run([sys.executable, "-m", "fixer", "check", "--no-cache", str(root)], capture_output=True,
                         text=True, timeout=600)
    assert ran.returncode == 1, (ran.returncode, ran.stdout, ran.stderr)
    assert "too deeply nested for Python's own parser" in ran.stdout


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
def test_a_fix_keeps_every_line_ending_including_a_last_lone_cr(tmp_path, ending):
    # found by the generated programs: LibCST drops a file's last line ending when it is a lone CR, so a
    # fixed CR file lost its last byte
    text = STACK.format(nested="1").replace("\n", ending)
    root = project(tmp_path, "main.py", text.encode())
    assert cli("fix", root, "--no-cache").exit_code == 0
    expected = text.replace("id: str", "construct_id: str").replace("(scope, id)", "(scope, construct_id)")
    assert (root / "main.py").read_bytes() == expected.encode()


def test_a_file_over_max_file_size_is_reported_as_skipped(tmp_path):
    data = STACK.format(nested="1").encode()
    root = project(tmp_path, "main.py", data)
    outcome = cli("fix", root, "--no-cache", "--max-file-size", "100")
    assert "main.py:1:1: error: too large: 0.0 MB is over --max-file-size 0.0001 MB: skipped" in outcome.stdout
    assert "1 file could not be processed (1 too large; left unchanged)" in outcome.stdout
    assert outcome.exit_code == 1
    assert (root / "main.py").read_bytes() == data
    check = cli("check", root, "--max-file-size", "100")  # cached runs do not hide it either
    assert "too large" in check.stdout and "All checks passed" not in check.stdout
    assert "too large" not in cli("check", root).stdout  # the default is generous; the skip was not cached
    assert cli("check", root, "--max-file-size", "2MB+").exit_code == 2


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
def test_a_latin_1_cookie_is_read_whatever_the_line_endings(tmp_path, ending):
    # found by the generated programs: with CR-only endings the cookie line was not found as a line, so a
    # file the interpreter runs was reported as 'cannot decode' and never checked
    from fixer.textio import decode

    data = ("# -*- coding: latin-1 -*-" + ending + "# caf\xe9" + ending + STACK.format(nested="1").replace(
        "\n", ending)).encode("latin-1")
    assert decode(data).encoding == "iso-8859-1"
    root = project(tmp_path, "main.py", data)
    assert cli("fix", root, "--no-cache").exit_code == 0
    assert (root / "main.py").read_bytes() == data.replace(b"id: str", b"construct_id: str").replace(
        b"(scope, id)", b"(scope, construct_id)")


PACKAGE_IMPORT = """\
from cdktf_cdktf_provider_aws import ecs


def service(self, subnets, group):
    return ecs.EcsService(
        self,
        "service",
        name="api",
        network_configuration=ecs.EcsServiceNetworkConfiguration(subnets=subnets),
        load_balancer=[ecs.EcsServiceLoadBalancer(target_group_arn=group, container_port=80)],
        capacity_provider_strategy=[ecs.EcsServiceCapacityProviderStrategy(capacity_provider="FARGATE")],
    )
"""


def test_a_fix_is_the_same_in_every_process(tmp_path):
    # found by the mutated real code: CTB001 listed the classes it imports in the order of LibCST's scope
    # references, a set of objects hashed by address, so two runs over one file wrote different imports
    import os
    import subprocess
    import sys

    from helpers import REPO

    outputs = set()
    for run in range(6):
        root = tmp_path / f"run{run}"
        root.mkdir()
        (root / "main.py").write_text(PACKAGE_IMPORT)
        subprocess.run([sys.executable, "-m", "fixer", "fix", str(root), "--no-cache", "-q"], check=False,
                       env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": str(run)})
        outputs.add((root / "main.py").read_text())
    assert len(outputs) == 1, outputs
    # in the order the file uses them
    assert ("from cdktf_cdktf_provider_aws.ecs_service import EcsService, EcsServiceNetworkConfiguration, "
            "EcsServiceLoadBalancer, EcsServiceCapacityProviderStrategy") in outputs.pop()


def test_a_file_name_that_is_not_utf_8_is_checked_fixed_and_reported(tmp_path):
    import json
    import os
    from urllib.parse import unquote_to_bytes

    root = tmp_path / "project"
    root.mkdir()
    (root / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
    name = os.fsdecode(b"stack \xff.py")  # a latin-1 byte and a space, as an old file system may hold
    (root / name).write_text(STACK.format(nested="1"))

    sarif = json.loads(cli("check", "--output-format", "sarif", root).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.isascii() and " " not in uri
    assert unquote_to_bytes(uri).endswith(b"/stack \xff.py")
    listed = json.loads(cli("check", "--output-format", "json", root).stdout)
    assert [f["code"] for f in listed["findings"]] == ["CTA003"]

    from typer.testing import CliRunner

    from fixer.cli import app

    diff = CliRunner().invoke(app, ["fix", "--diff", str(root)], catch_exceptions=False)
    assert diff.exit_code == 1
    assert b"+++ b/" in diff.stdout_bytes and b"/stack \xff.py\n" in diff.stdout_bytes  # the name's own bytes
    assert cli("fix", root).exit_code == 0
    assert "construct_id: str" in (root / name).read_text()
    assert sorted(p.name for p in root.iterdir()) == sorted(["cdktf.json", name])
