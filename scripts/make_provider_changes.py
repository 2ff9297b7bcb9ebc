"""Write the comparison of a provider's API between the installed cdktf version and a CDK Terrain version,
shipped for `migrate --to cdktn` (CTM005).

Usage: python scripts/make_provider_changes.py [--provider aws] [--to-version 25.8.1]
Reads the jsii assembly of the installed `cdktf-cdktf-provider-<x>` (no import) and of the
`cdktn-provider-<x>` wheel, fetched with `pip download --no-deps` (nothing is installed), and writes
fixer/data/migrations/<from>-<version>_to_<to>-<version>.json.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixer import cdktn
from fixer.providers import _find_installed, spec_for
from fixer.providers.assembly import compact, find_tarball, read_tarball
from fixer.providers.changes import MIGRATIONS_DIR, compare, write
from fixer.providers.schema import Schema
from fixer.providers.schema import write as write_schema


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", default="aws")
    parser.add_argument("--to-version", help="the cdktn provider version (default: the newest line shipped in "
                                             "fixer/data/cdktn_providers.json)")
    args = parser.parse_args()
    spec = spec_for(f"{cdktn.PROVIDER_MODULE_PREFIX}{args.provider}")
    installed = _find_installed(spec, [])
    old_tarball = find_tarball(installed[0]) if installed else None
    if installed is None or old_tarball is None:
        print(f"{spec.distribution} is not installed in this interpreter", file=sys.stderr)
        return 1
    target = f"{cdktn.NEW_PROVIDER_DISTRIBUTION_PREFIX}{args.provider}"
    version = args.to_version or cdktn.provider_version(args.provider)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(folder),
                        f"{target}=={version}"], check=True)
        wheel = next(folder.glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            member = next(n for n in archive.namelist() if n.endswith(".jsii.tgz"))
            archive.extract(member, folder)
        write_schema(compact(read_tarball(folder / member)), folder / "new.schema.zip")
        write_schema(compact(read_tarball(old_tarball)), folder / "old.schema.zip")
        changes = compare(Schema(folder / "old.schema.zip"), Schema(folder / "new.schema.zip"))
    out = MIGRATIONS_DIR / f"{spec.distribution}-{installed[1]}_to_{target}-{version}.json"
    write(out, {"distribution": spec.distribution, "version": installed[1]},
          {"distribution": target, "version": version}, changes)
    print(f"wrote {out} ({len(changes)} changes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
