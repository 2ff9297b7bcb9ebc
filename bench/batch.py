"""Batch throughput: repositories per minute for `cdktf-fixer batch` with --jobs 1, --jobs 2 and a Dask
LocalCluster; prints a markdown table.

    python bench/batch.py               # 200 generated repositories
    python bench/batch.py --repos 20    # a smoke run

The fleet is generated from what the repository ships: the payments example (10 findings over 4 files),
each golden before/ tree as a project of its own, a clean project and a repository that is not CDKTF, in
rotation. Every measurement clones each repository from a local bare remote, fixes it and commits on a
branch (no push), in a fresh process with interpreter start included; the Dask figure includes starting
the cluster. Any failed repository or crash stops the benchmark: a figure from a broken run means nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CDKTF_JSON = json.dumps({"language": "python", "app": "python main.py"})
GIT_ID = ["-c", "user.name=bench", "-c", "user.email=bench@localhost"]


def _templates() -> list[tuple[str, Path | None]]:
    """(kind, folder to copy); None is the repository that is not CDKTF."""
    templates: list[tuple[str, Path | None]] = [("payments", REPO / "examples" / "payments-app")]
    for case in sorted((REPO / "golden").glob("*/*/before")):
        if (case / "cdktf.json").is_file():
            templates.append((case.parent.name, case))
    templates.append(("clean", REPO / "golden" / "CTB001-provider-class-names" / "valid-imports-unchanged"))
    templates.append(("not-cdktf", None))
    return templates


def build_fleet(root: Path, count: int) -> Path:
    """`count` bare repositories under root/remotes and a listing of their URLs."""
    templates = _templates()
    urls = []
    for number in range(count):
        kind, source = templates[number % len(templates)]
        tree = root / "trees" / f"{number:04d}-{kind}"
        if source is None:
            tree.mkdir(parents=True)
            (tree / "tool.py").write_text("print('not infrastructure')\n")
        elif (source / "before.py").is_file():
            tree.mkdir(parents=True)
            shutil.copy(source / "before.py", tree / "main.py")
            (tree / "cdktf.json").write_text(CDKTF_JSON)
        else:
            shutil.copytree(source, tree)
        subprocess.run(["git", "init", "--quiet", "-b", "main"], cwd=tree, check=True)
        subprocess.run(["git", "add", "-A"], cwd=tree, check=True)
        subprocess.run(["git", *GIT_ID, "commit", "--quiet", "-m", "initial"], cwd=tree, check=True)
        remote = root / "remotes" / f"{tree.name}.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", str(tree), str(remote)], check=True)
        urls.append(remote.as_uri())
    listing = root / "fleet.txt"
    listing.write_text("\n".join(urls) + "\n")
    return listing


def measure(listing: Path, workdir: Path, extra: list[str]) -> tuple[float, dict]:
    command = [sys.executable, "-m", "fixer", "batch", str(listing), "--branch", "cdktf-fixer/bench",
               "--workdir", str(workdir), "--quiet", *extra]
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CI": "1"})
    wall = time.perf_counter() - started
    if "Traceback (most recent call last)" in run.stderr or run.returncode not in (0, 1):
        sys.exit(f"{' '.join(extra)}: exit {run.returncode}\n{run.stderr[-3000:]}")
    report = json.loads((workdir / "report.json").read_text())
    failed = [r for r in report["repos"] if r["status"] == "failed"]
    if failed:
        sys.exit(f"{' '.join(extra)}: {len(failed)} repositories failed, e.g. {failed[0]['name']}: {failed[0]['reason']}")
    return wall, report["summary"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=200, help="how many repositories (default 200)")
    parser.add_argument("--dask-workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cdktf-fixer-bench-batch-") as scratch:
        root = Path(scratch)
        listing = build_fleet(root, args.repos)
        rows = []
        for label, extra in (
            ("--jobs 1", ["--jobs", "1"]),
            ("--jobs 2", ["--jobs", "2"]),
            (f"--dask-local {args.dask_workers}", ["--dask-local", str(args.dask_workers)]),
        ):
            wall, summary = measure(listing, root / label.replace(" ", "").replace("-", ""), extra)
            rows.append((label, wall, args.repos / wall * 60, summary))
    print(f"# cdktf-fixer batch: {args.repos} repositories\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          "each repository cloned from a local bare remote, fixed, committed on a branch.\n")
    print("| run | wall (s) | repos/min | outcomes |\n|---|---:|---:|---|")
    for label, wall, per_minute, summary in rows:
        outcomes = ", ".join(f"{n} {status}" for status, n in sorted(summary.items()))
        print(f"| {label} | {wall:.1f} | {per_minute:.0f} | {outcomes} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
