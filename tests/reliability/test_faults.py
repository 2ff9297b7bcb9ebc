"""Faults during `fix`: SIGKILL at random moments, writes that fail, two runs at once on one tree.
Every file is left old or new, never half-written, with no stray temporary file; the next run works with
the cache as it was left; a failed write is reported for its file and every other file is still fixed."""
from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import GOLDEN, REPO, cli

from reliability.common import LONG, examples, record

pytestmark = pytest.mark.reliability

SEED = (GOLDEN / "CTD001-log-retention-days" / "catalog-seven-years" / "before.py").read_bytes()
BROKEN = b"from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n"


def tree(root: Path, count: int) -> dict[Path, bytes]:
    files = {}
    for number in range(count):
        path = root / f"pkg{number % 5}" / f"stack_{number}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = BROKEN + SEED + f"\nNUMBER = {number}\n".encode()
        path.write_bytes(data)
        files[path] = data
    return files


def strays(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def expected_after(tmp_path: Path, count: int) -> dict[str, bytes]:
    """What `fix` makes of the tree, run whole and undisturbed."""
    root = tmp_path / "expected"
    tree(root, count)
    assert cli("fix", root, "--no-cache").exit_code in (0, 1)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.py")}


def fix_process(root: Path, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "fixer", "fix", str(root), "--cache-dir", str(cache), "-j", "1", "-q"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def assert_old_or_new(root: Path, before: dict[Path, bytes], after: dict[str, bytes]) -> int:
    new = 0
    for path, old in before.items():
        data = path.read_bytes()
        assert data in (old, after[str(path.relative_to(root))]), f"{path} is neither old nor new: {data[:200]!r}"
        new += data != old
    assert not strays(root), strays(root)
    return new


def test_sigkill_at_random_moments_leaves_every_file_old_or_new(tmp_path):
    count = examples(60, 120)
    after = expected_after(tmp_path, count)
    # how long an undisturbed run takes, so the kills land anywhere in it (start-up, reading, writing)
    timed = tmp_path / "timed"
    tree(timed, count)
    start = time.perf_counter()
    assert fix_process(timed, timed / ".cache").wait() in (0, 1)
    duration = time.perf_counter() - start
    rng = random.Random(16)
    for attempt in range(examples(2, 40)):
        root = tmp_path / f"kill{attempt}"
        before = tree(root, count)
        cache = root / ".cache"
        process = fix_process(root, cache)
        # the short form kills in the second half, where the writes are; the long form anywhere
        time.sleep(rng.uniform(0.1 if LONG else duration / 2, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        written = assert_old_or_new(root, before, after)
        record("kill", written=written, of=count)
        # the next run works with the cache as the killed one left it, and finishes the job
        rerun = cli("fix", root, "--cache-dir", cache)
        assert rerun.exit_code in (0, 1), rerun.stdout
        assert {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.py")} == after
        assert not strays(root)


def test_a_failed_write_is_reported_for_its_file_and_the_others_are_fixed(tmp_path, monkeypatch):
    before = tree(tmp_path, 6)
    victim = sorted(before)[2]
    real_replace = os.replace

    def failing_replace(src, dst, *args, **kwargs):
        if Path(dst).name == victim.name:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    outcome = cli("fix", tmp_path, "--no-cache")
    record("fault", kind="os.replace fails")
    assert f"{victim.name}:1:1: error: cannot write: [Errno 5] Input/output error" in outcome.stdout
    assert "1 cannot write" in outcome.stdout
    assert outcome.exit_code == 1  # a file left undone is not success
    assert victim.read_bytes() == before[victim]
    for path, old in before.items():
        if path != victim:
            assert path.read_bytes() != old and b"S3BucketVersioningA" in path.read_bytes()
    assert not strays(tmp_path)


def test_a_read_only_folder_is_reported_and_the_others_are_fixed(tmp_path, monkeypatch):
    before = tree(tmp_path, 10)
    locked = tmp_path / "pkg1"
    os.chmod(locked, 0o555)
    if os.geteuid() == 0:
        # root writes through permissions: refuse as the kernel would for anyone else
        from fixer import textio

        real_open, real_mkstemp = os.open, textio.tempfile.mkstemp

        def guarded_open(path, flags, *args, **kwargs):
            if Path(path) == locked and flags & getattr(os, "O_TMPFILE", 0):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        def guarded_mkstemp(*args, dir=None, **kwargs):
            if dir is not None and Path(dir) == locked:
                raise PermissionError(errno.EACCES, "Permission denied", str(dir))
            return real_mkstemp(*args, dir=dir, **kwargs)

        monkeypatch.setattr(os, "open", guarded_open)
        monkeypatch.setattr(textio.tempfile, "mkstemp", guarded_mkstemp)
    try:
        outcome = cli("fix", tmp_path, "--no-cache")
    finally:
        os.chmod(locked, 0o755)
    record("fault", kind="read-only folder")
    unwritable = [p for p in before if p.parent == locked]
    assert unwritable and outcome.stdout.count("cannot write: [Errno 13] Permission denied") == len(unwritable)
    assert outcome.exit_code == 1
    for path, old in before.items():
        assert (path.read_bytes() == old) == (path.parent == locked)
    assert not strays(tmp_path)


def test_two_fix_runs_at_once_corrupt_nothing(tmp_path):
    count = 30
    after = expected_after(tmp_path, count)
    root = tmp_path / "tree"
    before = tree(root, count)
    cache = root / ".cache"
    first, second = fix_process(root, cache), fix_process(root, cache)
    for process in (first, second):
        process.wait(timeout=300)
        assert process.returncode in (0, 1), process.stderr.read().decode()
    record("fault", kind="two runs at once")
    assert_old_or_new(root, before, after)
    assert {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.py")} == after
    again = cli("check", root, "--cache-dir", cache)
    assert again.exit_code == 0, again.stdout  # the cache both left is readable, and nothing is left to fix


def test_a_write_killed_midway_leaves_no_temporary_file(tmp_path):
    # a kill lands between a write's start and its rename rarely enough that the random kills above may
    # miss it: here the process kills itself while the new content is being flushed
    target = tmp_path / "stack.py"
    target.write_bytes(b"old\n")
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from fixer import textio\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"textio.atomic_write(Path({str(target)!r}), b'new\\n')\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stack.py"]
