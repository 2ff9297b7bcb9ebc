"""Regenerate fixer/data/cdktn_providers.json: the prebuilt CDK Terrain providers and their newest lines.

    python scripts/update_cdktn_providers.py                 # re-check every provider the file lists
    python scripts/update_cdktn_providers.py NAME [NAME...]  # also check these (e.g. a new provider)

For each name it asks the package index, with `pip index versions`, for `cdktn-provider-<name>` (and
for `cdktn` itself), and records the newest version and the range of its line (`>=25.8,<26`: the
newest minor of the newest major). A name the index does not know is dropped: the migration then
reports that provider as one to generate with `cdktn get`. The core's constructs range and Python floor
are what cdktn's and the providers' metadata say (`Requires-Dist`); update CORE below when a new cdktn
line changes them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "fixer" / "data" / "cdktn_providers.json"

# What the newest cdktn line requires (cdktn 0.24.0 and cdktn-provider-aws 25.8.1 metadata)
CORE = {"constructs": ">=10.6,<10.8", "python": ">=3.10"}


def newest(distribution: str) -> str | None:
    done = subprocess.run([sys.executable, "-m", "pip", "index", "versions", distribution],
                          capture_output=True, text=True, check=False)
    match = re.search(rf"^{re.escape(distribution)} \(([^)]+)\)", done.stdout, re.MULTILINE)
    return match.group(1) if match else None


def line_range(version: str) -> str:
    """`25.8.1` -> `>=25.8,<26`; a 0.x line stays within its minor: `0.24.0` -> `>=0.24,<0.25`."""
    major, minor = (int(p) for p in version.split(".")[:2])
    return f">={major}.{minor},<0.{minor + 1}" if major == 0 else f">={major}.{minor},<{major + 1}"


def main() -> int:
    known = json.loads(DATA.read_text(encoding="utf-8"))["providers"] if DATA.is_file() else {}
    names = sorted({*known, *sys.argv[1:]})
    core = newest("cdktn")
    if core is None:
        print("cannot read cdktn's versions from the index; nothing written", file=sys.stderr)
        return 1
    providers = {}
    for name in names:
        version = newest(f"cdktn-provider-{name}")
        if version is None:
            print(f"dropped: cdktn-provider-{name} (not on the index)", file=sys.stderr)
            continue
        providers[name] = {"version": version, "range": line_range(version)}
        print(f"cdktn-provider-{name} {version}")
    document = {
        "generated_by": "scripts/update_cdktn_providers.py",
        "cdktn": {"version": core, "range": line_range(core), **CORE},
        "providers": providers,
    }
    DATA.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {DATA.relative_to(REPO)}: cdktn {core}, {len(providers)} providers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
