"""Write the provider-index snapshot shipped inside cdktf-fixer, for machines without the provider installed.

Usage: python scripts/make_provider_snapshot.py [--provider cdktf-cdktf-provider-aws]
Reads the *installed* provider package statically (no import) and writes
fixer/data/providers/<distribution>-<version>.json.gz, stamped with that version. Older snapshots of the
same provider are removed so exactly one ships.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixer.providers import (
    DATA_DIR,
    PROVIDERS,
    ProviderIndex,
    _find_installed,
    read_installed,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", default="cdktf-cdktf-provider-aws", help="distribution name")
    args = parser.parse_args()
    spec = next((p for p in PROVIDERS if p.distribution == args.provider), None)
    if spec is None:
        parser.error(f"unknown provider {args.provider}; known: {', '.join(p.distribution for p in PROVIDERS)}")
    installed = _find_installed(spec, [])
    if installed is None:
        print(f"{spec.distribution} is not installed in this interpreter", file=sys.stderr)
        return 1
    package_dir, version = installed
    index = ProviderIndex(spec, version, f"installed:{package_dir}", read_installed(spec, package_dir))
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for old in DATA_DIR.glob(f"{spec.distribution}-*.json.gz"):
        old.unlink()
    out = DATA_DIR / f"{spec.distribution}-{version}.json.gz"
    # mtime=0 keeps the file byte-identical across regenerations of the same version.
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write(json.dumps(index.to_json(), sort_keys=True, separators=(",", ":")).encode())
    names = sum(len(n) for n in index.modules.values())
    print(f"wrote {out} ({len(index.modules)} modules, {names} names, {out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
