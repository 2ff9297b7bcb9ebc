"""A run no rule can find anything in is answered before LibCST and the rules are imported (fixer.fast),
printing exactly what the usual run prints; any other run goes the usual way."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, cli

from fixer import fast

AWS = "cdktf-cdktf-provider-aws"
BROKEN = "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n"
SCRIPTS = {
    "tool.py": "import os\nimport sys\n\n\ndef main():\n    print(os.getcwd(), sys.argv)\n",
    "pkg/__init__.py": "",
    "pkg/util.py": "from pkg import helpers\n\nVALUE = {'region': 'eu', 'id': 3}\n",
    "pkg/helpers.py": "class Stack:\n    def push(self, id):\n        return id\n",
    "tests/test_tool.py": "import tool\n\n\ndef test_main():\n    tool.main()\n",
    "lambda/handler/index.py": "import json\nimport requests\n\n\ndef handler(event, context):\n    return json.dumps(event)\n",
}


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)


@pytest.fixture
def answers(monkeypatch):
    """What each run's fast path answered: an Answer when it printed the run, None when it went the usual way."""
    seen = []
    real = fast.answer

    def recording(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(fast, "answer", recording)
    return seen


def both_ways(monkeypatch, answers, *args) -> tuple:
    """The run with its fast path, then the usual way (the fast path switched off): (outcome, usual, fast?)."""
    outcome = cli(*args)
    took_fast = answers[-1] is not None
    with monkeypatch.context() as patched:
        patched.setattr(fast, "answer", lambda *a, **k: None)
        usual = cli(*args)
    return outcome, usual, took_fast


def assert_same(outcome, usual) -> None:
    assert (outcome.exit_code, outcome.stdout, outcome.stderr) == (usual.exit_code, usual.stdout, usual.stderr)


# what the start of every run would pay for and a clean file never needs: requirements are parsed only where
# pins are read, ignore patterns only where an exclude setting or an ignore file is, jsii tarballs only
# where a provider's schema is built
LAZY_MODULES = ("packaging.requirements", "pathspec", "tarfile")


def test_a_clean_file_is_checked_without_libcst_or_any_rule(tmp_path):
    write(tmp_path / "clean.py", "x = 1\n")
    code = (
        "import json, sys\n"
        "from fixer.cli import main\n"
        "sys.argv = ['cdktf-fixer', 'check', '--no-cache', 'clean.py']\n"
        "code = 0\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "finally:\n"
        "    rules = [m for m in sys.modules if m.startswith('codemods.') and m.count('.') > 1\n"
        "             and m.rsplit('.', 1)[1] not in ('screens', 'helpers')]\n"
        f"    lazy = [m for m in {LAZY_MODULES!r} if m in sys.modules]\n"
        "    print(json.dumps({'libcst': 'libcst' in sys.modules, 'rules': rules, 'lazy': lazy, 'exit': code}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    lines = done.stdout.splitlines()
    assert lines[0] == "All checks passed. (1 file checked)", done.stderr
    assert json.loads(lines[-1]) == {"libcst": False, "rules": [], "lazy": [], "exit": 0}
    assert done.stderr == ""


def test_a_file_a_rule_may_look_at_imports_libcst(tmp_path):
    write(tmp_path / "main.py", BROKEN)
    code = ("import sys\nfrom fixer.cli import main\nsys.argv = ['cdktf-fixer', 'check', '--no-cache', 'main.py']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('libcst' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert "CTB001" in done.stdout and done.stdout.splitlines()[-1] == "True"


@pytest.mark.parametrize("extra", [[], ["--output-format", "json"], ["--statistics"], ["--verbose"], ["--quiet"],
                                   ["--output-format", "github"], ["--select", "ALL"], ["--ignore", "CTA,CTB005"]])
def test_a_lone_clean_file_prints_what_the_usual_run_prints(tmp_path, monkeypatch, answers, extra):
    write(tmp_path / "clean.py", "x = 1\n")
    outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "clean.py", *extra)
    assert took_fast
    assert_same(outcome, usual)
    assert outcome.exit_code == 0


def test_a_folder_of_plain_scripts_prints_what_the_usual_run_prints(tmp_path, monkeypatch, answers):
    for name, text in SCRIPTS.items():
        write(tmp_path / "repo" / name, text)
    write(tmp_path / "repo" / "lambda" / "handler" / "requirements.txt", "requests\n")
    outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "repo")
    assert took_fast
    assert_same(outcome, usual)
    assert outcome.stdout == f"All checks passed. ({len(SCRIPTS)} files checked)\n"


def test_a_project_pinning_an_old_provider_warns_as_the_usual_run_does(tmp_path, monkeypatch, answers):
    project = tmp_path / "pinned"
    write(project / "cdktf.json", '{"language": "python", "app": "python main.py"}')
    write(project / "main.py", "print('hello')\n")
    write(project / "Pipfile.lock", json.dumps({"default": {AWS: {"version": "==9.0.52"}}}))
    for extra in ([], ["--output-format", "json"], ["--verbose"]):
        outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", project, *extra)
        assert took_fast
        assert_same(outcome, usual)
    outcome = cli("check", "--no-cache", project)
    assert f"pins {AWS} ==9.0.52" in outcome.stderr and outcome.stderr.count("warning:") == 1
    assert outcome.exit_code == 0 and "All checks passed. (1 file checked)" in outcome.stdout


@pytest.mark.parametrize("mode", [["fix"], ["fix", "--diff"], ["fix", "--unsafe-fixes"], ["fix", "--diff", "--quiet"]])
def test_fix_and_diff_of_clean_files_print_what_the_usual_run_prints(tmp_path, monkeypatch, answers, mode):
    for name, text in SCRIPTS.items():
        write(tmp_path / "repo" / name, text)
    write(tmp_path / "repo" / "lambda" / "handler" / "requirements.txt", "requests\n")
    before = {p: p.read_bytes() for p in (tmp_path / "repo").rglob("*") if p.is_file()}
    outcome, usual, took_fast = both_ways(monkeypatch, answers, *mode, "--no-cache", tmp_path / "repo")
    assert took_fast
    assert_same(outcome, usual)
    assert outcome.exit_code == 0
    assert {p: p.read_bytes() for p in (tmp_path / "repo").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("mode", [["check"], ["fix"], ["fix", "--diff"]])
def test_the_cache_is_left_as_the_usual_run_leaves_it(tmp_path, monkeypatch, answers, mode):
    for name, text in SCRIPTS.items():
        write(tmp_path / "repo" / name, text)
    write(tmp_path / "repo" / "lambda" / "handler" / "requirements.txt", "requests\n")
    outcome = cli(*mode, tmp_path / "repo", "--cache-dir", tmp_path / "fast")
    assert answers[-1] is not None
    with monkeypatch.context() as patched:
        patched.setattr(fast, "answer", lambda *a, **k: None)
        usual = cli(*mode, tmp_path / "repo", "--cache-dir", tmp_path / "usual")
    assert_same(outcome, usual)
    stored = sorted(p.relative_to(tmp_path / "fast") for p in (tmp_path / "fast").rglob("*") if p.is_file())
    assert stored == sorted(p.relative_to(tmp_path / "usual") for p in (tmp_path / "usual").rglob("*") if p.is_file())
    assert any(p.suffix == ".json" for p in stored)
    for relative in stored:
        assert (tmp_path / "fast" / relative).read_bytes() == (tmp_path / "usual" / relative).read_bytes()
    # a warm run is answered from the cache the fast path wrote, and so is the usual way's
    warm = cli(*mode, tmp_path / "repo", "--cache-dir", tmp_path / "usual")
    assert answers[-1] is not None
    assert_same(warm, usual)


def test_a_cached_result_that_is_not_empty_sends_the_run_the_usual_way(tmp_path, answers):
    # a file no screen says yes to is stored empty; only a forged entry holds more, but whatever the cache
    # holds, the usual run is the one that reports it
    write(tmp_path / "repo" / "main.py", "x = 1\n")
    assert cli("check", tmp_path / "repo", "--cache-dir", tmp_path / "cache").exit_code == 0
    assert answers[-1] is not None
    stored = next((tmp_path / "cache").rglob("*.json"))
    data = json.loads(stored.read_text())
    assert len(data["results"]) == 1
    for entry in data["results"].values():
        entry["findings"] = [["CTX999", "forged", 1, 1, "none", False]]
    stored.write_text(json.dumps(data))
    forged = cli("check", tmp_path / "repo", "--cache-dir", tmp_path / "cache")
    assert answers[-1] is None and "CTX999 forged" in forged.stdout and forged.exit_code == 1


@pytest.mark.parametrize(
    ("name", "content", "reported"),
    [
        ("main.py", BROKEN, "CTB001"),
        ("conflict.py", "x = 1\n<<<<<<< HEAD\ny = 2\n=======\ny = 3\n>>>>>>> branch\n",
         "cannot parse: unresolved merge conflict"),
        ("latin.py", b"# -*- coding: utf-8 -*-\nx = '\xff\xfe'\n", "cannot decode"),
        ("big.py", "x = 1\n" * 200, "too large"),
        ("stack.py", "from constructs import Construct\n\nclass Net(Construct:\n    pass\n", "cannot parse"),
    ],
)
def test_a_file_that_needs_the_engine_takes_the_usual_way(tmp_path, monkeypatch, answers, name, content, reported):
    write(tmp_path / "repo" / "clean.py", "x = 1\n")
    write(tmp_path / "repo" / name, content)
    outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "repo",
                                          "--max-file-size", "1kB")
    assert not took_fast
    assert_same(outcome, usual)
    assert reported in outcome.stdout and outcome.exit_code == 1


def test_a_match_stops_the_screening_at_once(tmp_path, monkeypatch):
    write(tmp_path / "repo" / "a.py", BROKEN)
    for number in range(5):
        write(tmp_path / "repo" / f"b{number}.py", "x = 1\n")
    read = []
    real = fast._text
    monkeypatch.setattr(fast, "_text", lambda path, size: read.append(Path(path).name) or real(path, size))
    assert fast.answer([tmp_path / "repo"], None, None, "check", False, False, 2_000_000, None, True) is None
    assert read == ["a.py"]


def test_usage_errors_and_empty_runs_are_left_to_the_usual_way(tmp_path, monkeypatch, answers):
    write(tmp_path / "clean.py", "x = 1\n")
    for args in (["--select", "CTZ"], ["--ignore", "nope"]):
        outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "clean.py", *args)
        assert not took_fast and outcome.exit_code == 2
        assert_same(outcome, usual)
    (tmp_path / "empty").mkdir()
    outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "empty")
    assert not took_fast
    assert_same(outcome, usual)
    outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "missing.py")
    assert not took_fast and outcome.exit_code == 2
    assert_same(outcome, usual)


def test_sarif_takes_the_usual_way(tmp_path, monkeypatch, answers):
    write(tmp_path / "clean.py", "x = 1\n")
    outcome = cli("check", "--no-cache", tmp_path / "clean.py", "--output-format", "sarif")
    assert outcome.exit_code == 0 and answers == []
    assert json.loads(outcome.stdout)["runs"][0]["tool"]["driver"]["rules"]  # the classes describe each rule


def test_a_project_wide_screen_is_asked_once_the_project_is_indexed(tmp_path, monkeypatch, answers):
    # CTA002's screen reads only the project facts: nothing in net.py's text alone says it may match
    write(tmp_path / "repo" / "net.py", "from constructs import Construct\n\n\nclass Net(Construct):\n"
          "    def __init__(self, scope, construct_id):\n        super().__init__(scope, construct_id)\n\n\n"
          "class Parent(Construct):\n    def __init__(self, scope, construct_id):\n"
          "        super().__init__(scope, construct_id)\n        Net(scope, 'net')\n")
    outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "repo",
                                          "--select", "CTA002")
    assert not took_fast
    assert_same(outcome, usual)
    assert "CTA002" in outcome.stdout


def test_a_run_with_more_text_than_the_serial_budget_goes_the_usual_way(tmp_path, monkeypatch, answers):
    for name, text in SCRIPTS.items():
        write(tmp_path / "repo" / name, text)
    write(tmp_path / "repo" / "lambda" / "handler" / "requirements.txt", "requests\n")
    monkeypatch.setattr(fast, "SERIAL_CHARS", sum(map(len, SCRIPTS.values())) - 1)
    outcome, usual, took_fast = both_ways(monkeypatch, answers, "check", "--no-cache", tmp_path / "repo")
    assert not took_fast
    assert_same(outcome, usual)
    monkeypatch.setattr(fast, "SERIAL_CHARS", sum(map(len, SCRIPTS.values())))
    assert cli("check", "--no-cache", tmp_path / "repo").stdout == usual.stdout and answers[-1] is not None


def test_a_screen_that_fails_here_leaves_the_run_to_the_usual_way(tmp_path, monkeypatch, answers):
    from fixer import rule_index

    write(tmp_path / "clean.py", "x = 1\n")

    def failing(self, text, project, path):
        raise AttributeError("a declaration the index does not hold")

    monkeypatch.setattr(rule_index.IndexedRule, "could_match", failing)
    outcome = cli("check", "--no-cache", tmp_path / "clean.py")
    assert answers[-1] is None
    assert outcome.exit_code == 0 and outcome.stdout == "All checks passed. (1 file checked)\n"


def test_a_run_the_fast_path_declines_discovers_its_files_once(tmp_path, monkeypatch, answers):
    from fixer import discovery

    for relative, text in SCRIPTS.items():
        write(tmp_path / relative, text)
    write(tmp_path / "stack.py", BROKEN)
    walks = []
    real = discovery.collect
    monkeypatch.setattr(discovery, "collect", lambda *a, **k: walks.append(1) or real(*a, **k))
    outcome = cli("check", tmp_path, "--no-cache")
    assert answers == [None] and "CTB001" in outcome.stdout and outcome.exit_code == 1
    assert len(walks) == 1
