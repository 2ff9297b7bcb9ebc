"""Write the provider schema shipped inside cdktf-fixer, for machines without the provider installed.

Usage: python scripts/make_provider_snapshot.py [--provider cdktf-cdktf-provider-aws]
Reads the jsii assembly of the *installed* provider package (no import) and writes
fixer/data/providers/<distribution>-<version>.schema.zip, stamped with that version. Older snapshots of the
same provider are removed so exactly one ships.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixer.providers import DATA_DIR, PROVIDERS, SNAPSHOT_SUFFIX, _find_installed
from fixer.providers.assembly import compact, find_tarball, read_tarball
from fixer.providers.schema import write


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", default="cdktf-cdktf-provider-aws", help="distribution name")
    args = parser.parse_args()
    spec = next((p for p in PROVIDERS if p.distribution == args.provider), None)
    if spec is None:
        parser.error(f"unknown provider {args.provider}; known: {', '.join(p.distribution for p in PROVIDERS)}")
    installed = _find_installed(spec, [])
    tarball = find_tarball(installed[0]) if installed else None
    if installed is None or tarball is None:
        print(f"{spec.distribution} is not installed in this interpreter (or has no jsii assembly)", file=sys.stderr)
        return 1
    schema = compact(read_tarball(tarball))
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for old in DATA_DIR.glob(f"{spec.distribution}-*"):
        old.unlink()
    out = DATA_DIR / f"{spec.distribution}-{installed[1]}{SNAPSHOT_SUFFIX}"
    write(schema, out)
    names = sum(len(n) for n in schema["modules"].values())
    print(f"wrote {out} ({len(schema['modules'])} modules, {names} names, {out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
