"""Write fixer/data/core/cdktf-fn-<target>.json: what changed in the `Fn` functions of the cdktf core between
old releases and the target (0.21.0, the last CDKTF release), for rule CTB009.

Each old release is downloaded once with `pip download --no-deps cdktf==X` into a temporary folder (never at
run time: the rule reads only the JSON written here); its jsii assembly (`cdktf/_jsii/cdktf@X.jsii.tgz`
inside the wheel) is compared with the target's, read from the installed package or downloaded the same way.
Compared: the static methods of `Fn` (and of the classes it extends), in Python's names. A function the
target lacks is `removed` (with the replacement this script knows, `REPLACEMENTS`); a parameter whose name
differs at the same position of a function with as many parameters is `renamed` (a keyword call breaks); a
function whose parameters changed in number is `reshaped` (its keyword calls are reported).

    python scripts/make_core_changes.py [--target 0.21.0] [0.9.4 0.10.4 ...]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixer.providers.assembly import snake  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent.parent / "fixer" / "data" / "core"
# The last release of each minor line from 0.9 (the first the old prebuilt providers pin) to 0.20.
OLD_RELEASES = ("0.9.4", "0.10.4", "0.11.2", "0.12.3", "0.13.3", "0.14.3", "0.15.5", "0.16.3", "0.17.3", "0.18.2",
                "0.19.2", "0.20.11")
# What a removed function became, written by hand from the two assemblies' docs: the Terraform function
# each one rendered. `parameters` maps the old keyword names onto the replacement's when the call is the
# same with the function renamed (a safe fix); without it the finding says what to write.
REPLACEMENTS = {
    "parse_int": {"function": "parseint", "parameters": {"value": "number", "base": "base"},
                  "why": "it rendered Terraform's parseint(), which Fn.parseint renders"},
    "merge_maps": {"function": "merge", "parameters": {"values": "maps"},
                   "why": "it rendered Terraform's merge(), which Fn.merge renders"},
    "merge_lists": {"function": "concat",
                    "why": "it rendered Terraform's merge(), which takes maps: Fn.concat joins lists (Fn.merge renders the old call)"},
}


def _assembly_of_wheel(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".jsii.tgz"))
        with tarfile.open(fileobj=io.BytesIO(archive.read(name)), mode="r:gz") as tar:
            handle = tar.extractfile("package/.jsii")
            assert handle is not None
            return json.load(handle)


def _download(version: str, into: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(into), f"cdktf=={version}"],
                   check=True)
    return next(into.glob(f"cdktf-{version}-*.whl"))


def fn_functions(assembly: dict) -> dict[str, list[str]]:
    """Python name of each static method of `Fn` -> its parameters' Python names."""
    types = assembly["types"]
    found: dict[str, list[str]] = {}
    fqn: str | None = "cdktf.Fn"
    while fqn in types:
        declared = types[fqn]
        for method in declared.get("methods", []):
            if method.get("static"):
                found.setdefault(snake(method["name"]), [snake(p["name"]) for p in method.get("parameters", [])])
        fqn = declared.get("base")
    return found


def compare(old_by_version: dict[str, dict[str, list[str]]], target: dict[str, list[str]]) -> dict:
    removed: dict[str, dict] = {}
    renamed: dict[str, dict] = {}
    reshaped: dict[str, dict] = {}
    conflicts: set[tuple[str, str]] = set()
    for version, functions in old_by_version.items():
        for name, parameters in sorted(functions.items()):
            if name not in target:
                entry = removed.setdefault(name, {"old_parameters": parameters, "until": version, **REPLACEMENTS.get(name, {})})
                entry["until"] = version
                continue
            now = target[name]
            if parameters == now:
                continue
            if len(parameters) != len(now):
                reshaped.setdefault(name, {"old": parameters, "new": now, "until": version})["until"] = version
                continue
            for old, new in zip(parameters, now):
                if old == new or old in now:
                    continue  # unchanged, or still a parameter of the function: a keyword call still works
                entry = renamed.setdefault(name, {"parameters": {}, "until": version})
                entry["until"] = version
                if entry["parameters"].get(old, new) != new:
                    conflicts.add((name, old))
                entry["parameters"][old] = new
    for name, old in conflicts:
        renamed[name]["parameters"].pop(old, None)
    missing = sorted(set(removed) - set(REPLACEMENTS))
    if missing:
        raise SystemExit(f"removed functions without a replacement in REPLACEMENTS: {missing}")
    return {"removed": removed, "renamed": {k: v for k, v in sorted(renamed.items()) if v["parameters"]}, "reshaped": reshaped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default="0.21.0")
    parser.add_argument("versions", nargs="*", default=list(OLD_RELEASES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cdktf-wheels-") as tmp:
        folder = Path(tmp)
        target = fn_functions(_assembly_of_wheel(_download(args.target, folder)))
        old = {v: fn_functions(_assembly_of_wheel(_download(v, folder))) for v in args.versions}
    changes = compare(old, target)
    data = {"generated_by": "scripts/make_core_changes.py", "core": "cdktf", "target": args.target,
            "compared": list(args.versions), **changes}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / f"cdktf-fn-{args.target}.json"
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(changes['removed'])} removed, {len(changes['renamed'])} with renamed parameters, "
          f"{len(changes['reshaped'])} reshaped")


if __name__ == "__main__":
    main()
