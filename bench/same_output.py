"""Refactoring check: does `check --output-format json` say the same thing as a recorded run?

    python bench/same_output.py record BASELINE.json FOLDER...   # before the change
    python bench/same_output.py compare BASELINE.json FOLDER...  # after it: exit 1 and a list when it differs

Each folder's projects (every folder holding cdktf.json, else the folder itself) are checked with every
rule selected (`--select CT`), no cache and one process; findings (code, path, line, column, message,
fix) and errors are compared as sets, per project, and so is the diff `fix --diff --unsafe-fixes` prints.
To record what an older commit says, run this with PYTHONPATH set to a checkout of it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def projects(folder: Path) -> list[Path]:
    found = sorted({p.parent for p in folder.rglob("cdktf.json") if "cdktf.out" not in p.parts})
    return found or [folder]


def outcome(project: Path) -> dict[str, list]:
    run = subprocess.run([sys.executable, "-m", "fixer", "check", "--no-cache", "--jobs", "1", "--select", "CT",
                          "--output-format", "json", "."], cwd=project, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        return {"crash": [run.stderr[-2000:]]}
    data = json.loads(run.stdout)
    diff = subprocess.run([sys.executable, "-m", "fixer", "fix", "--diff", "--unsafe-fixes", "--no-cache", "--jobs", "1",
                           "--select", "CT", "--quiet", "."], cwd=project, capture_output=True, text=True)
    return {
        "diff": [diff.stdout],
        "findings": sorted([f["code"], f["path"], f["line"], f["column"], f["message"], f["fix"]]
                           for f in data["findings"]),
        "errors": sorted([e["path"], e["line"], e["reason"]] for e in data["errors"]),
    }


def main() -> int:
    mode, baseline, *folders = sys.argv[1:]
    results = {str(p): outcome(p) for folder in folders for p in projects(Path(folder).resolve())}
    if mode == "record":
        Path(baseline).write_text(json.dumps(results, indent=1))
        print(f"recorded {len(results)} projects")
        return 0
    recorded = json.loads(Path(baseline).read_text())
    differ = [name for name in sorted(set(recorded) | set(results)) if recorded.get(name) != results.get(name)]
    for name in differ:
        before, after = recorded.get(name, {}), results.get(name, {})
        print(f"{name}:")
        for key in ("findings", "errors", "crash", "diff"):
            old = {json.dumps(x) for x in before.get(key, [])}
            new = {json.dumps(x) for x in after.get(key, [])}
            for line in sorted(old - new):
                print(f"  - {key}: {line}")
            for line in sorted(new - old):
                print(f"  + {key}: {line}")
    print(f"{len(results)} projects, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
