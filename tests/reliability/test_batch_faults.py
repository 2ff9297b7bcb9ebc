"""`batch` under faults the existing batch tests do not inject (a URL that cannot be cloned is covered in
tests/test_batch.py): a push the remote rejects and a commit hook that fails. Each is named in the
report, and the other repositories finish."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest
from helpers import cli
from test_batch import BRANCH, _git_without_user_config, fleet, git, report_of, urls  # noqa: F401  (fixtures)

from reliability.common import record

pytestmark = pytest.mark.reliability


def hook(path: Path, message: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho '{message}' >&2\nexit 1\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def test_a_push_the_remote_rejects_is_named_and_the_others_finish(tmp_path, fleet):  # noqa: F811
    hook(tmp_path / "remotes" / "payments.git" / "hooks" / "pre-receive", "pushes are frozen")
    out = cli("batch", *urls(tmp_path, "payments", "platform"), "--branch", BRANCH, "--push",
              "--workdir", tmp_path / "work", "--jobs", "1")
    record("fault", kind="push rejected")
    assert out.exit_code == 2, out.stdout + out.stderr
    report = report_of(tmp_path / "work" / "report.json")
    assert report["payments"]["status"] == "failed"
    assert "push" in report["payments"]["reason"] and "pushes are frozen" in report["payments"]["reason"]
    assert report["platform"]["status"] == "changed" and report["platform"]["pushed"]
    assert git(tmp_path / "remotes" / "platform.git", "rev-parse", BRANCH) == report["platform"]["commit"]
    assert BRANCH not in git(tmp_path / "remotes" / "payments.git", "branch", "--list")


def test_a_failing_commit_hook_is_named_and_the_others_finish(tmp_path, fleet):  # noqa: F811
    hook(fleet["payments"] / ".git" / "hooks" / "pre-commit", "lint failed")
    out = cli("batch", fleet["payments"], fleet["platform"], "--in-place", "--branch", BRANCH,
              "--workdir", tmp_path / "work", "--jobs", "1")
    record("fault", kind="commit hook fails")
    assert out.exit_code == 2, out.stdout + out.stderr
    report = report_of(tmp_path / "work" / "report.json")
    assert report["payments"]["status"] == "failed"
    assert "commit" in report["payments"]["reason"] and "lint failed" in report["payments"]["reason"]
    assert report["platform"]["status"] == "changed"
    assert git(fleet["platform"], "rev-parse", "--abbrev-ref", "HEAD") == BRANCH
    assert git(fleet["platform"], "status", "--porcelain") == ""
