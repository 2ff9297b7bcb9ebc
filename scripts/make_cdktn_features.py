"""Regenerate fixer/data/cdktn_features.json: what CDK Terrain checks against cdktf.json's `targetVersions`
at synth, read from the jsii tarballs (the JavaScript the packages run), for `migrate --to cdktn` (CTM006).

    python scripts/make_cdktn_features.py [--provider aws]
    python scripts/make_cdktn_features.py --core-tarball cdktn@0.24.0.jsii.tgz --provider-tarball provider-aws@25.8.1.jsii.tgz

Without tarballs it fetches the `cdktn` and `cdktn-provider-<x>` wheels of the versions
fixer/data/cdktn_providers.json names with `pip download --no-deps` (nothing is installed). It reads:
- the core's feature table (`lib/provider-feature-constraints.js`: write-only attributes, ephemeral
  resources, provider functions), its function table (`lib/functions/function-availability.generated.js`)
  and every other feature the core validates by name (`ValidateFeatureTargetSupport(this, "S3 native
  state locking", {...})`);
- which resource attributes of the provider are write-only: those its generated `toTerraform` wraps in
  `this.markWriteOnlyAttribute(...)`, which is what makes cdktn validate them (the assemblies' docs do not
  say; nested blocks' write-only fields are not marked, so cdktn does not check them either);
- which modules of the provider hold ephemeral resources (they extend `TerraformEphemeralResource`).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fixer import cdktn

_FEATURE = re.compile(r'ProviderFeature\.(\w+)\]:\s*\{([^}]*)\}')
_FEATURE_NAME = re.compile(r'ProviderFeature\["(\w+)"\]\s*=\s*"(\w+)"')
_LABEL = re.compile(r'ProviderFeature\.(\w+)\]:\s*"([^"]+)"')
_RANGE = re.compile(r'(terraform|opentofu):\s*"([^"]+)"')
_FUNCTION = re.compile(r'^\s*(\w+):\s*\{([^}]*)\},?$', re.MULTILINE)
_NAMED = re.compile(r'ValidateFeatureTargetSupport\(this,\s*"([^"]+)",\s*\{([^}]*)\}')
_WRITE_ONLY = re.compile(r'\b(\w+): this\.markWriteOnlyAttribute\(')
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)  # long base64 lines: nothing to read there
_CLASS = re.compile(r'^class (\w+) extends cdktn\.(TerraformResource|TerraformEphemeralResource) \{', re.MULTILINE)


def _ranges(body: str) -> dict[str, str]:
    return dict(_RANGE.findall(body))


def _members(tarball: Path, pattern: str) -> dict[str, str]:
    found = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            if member.isfile() and re.fullmatch(pattern, member.name):
                handle = tar.extractfile(member)
                if handle is not None:
                    found[member.name] = _SOURCE_MAP.sub("", handle.read().decode("utf-8", errors="replace"))
    return found


def core_features(tarball: Path) -> tuple[dict, dict, dict, str]:
    files = _members(tarball, r"package/(package\.json|lib/.*\.js)")
    version = json.loads(files["package/package.json"])["version"]
    constraints = files["package/lib/provider-feature-constraints.js"]
    keys = dict(_FEATURE_NAME.findall(constraints))  # WRITE_ONLY_ATTRIBUTES -> writeOnlyAttributes
    # the labels synth errors use (`providerFeatureLabels`), not the sentence-cased hints after them
    section = constraints[constraints.index("providerFeatureLabels = {"):]
    labels = dict(_LABEL.findall(section[: section.index("};")]))
    features = {}
    for member, body in _FEATURE.findall(constraints):
        if member in labels:
            features[keys[member]] = {"label": labels[member], **_ranges(body)}
    for name, text in sorted(files.items()):
        for label, body in _NAMED.findall(text):
            features[label] = {"label": label, **_ranges(body), "where": name.removeprefix("package/")}
    defaults_js = files["package/lib/validations/target-versions.js"]
    default = _ranges(re.search(r"DEFAULT_TARGET_VERSIONS = \{([^}]*)\}", defaults_js).group(1))
    functions_js = files["package/lib/functions/function-availability.generated.js"]
    table = functions_js[functions_js.index("functionVersionConstraints = {"):]
    functions = {name: _ranges(body) for name, body in _FUNCTION.findall(table)}
    return features, functions, default, version


def provider_features(tarball: Path) -> dict:
    files = _members(tarball, r"package/(package\.json|lib/[^/]+/index\.js)")
    version = json.loads(files["package/package.json"])["version"]
    write_only: dict[str, dict[str, list[str]]] = {}
    ephemeral: dict[str, list[str]] = {}
    for name, text in sorted(files.items()):
        if not name.endswith("index.js"):
            continue
        module = name.split("/")[2].replace("-", "_")
        classes = _CLASS.findall(text)
        # the JSON synth (`synthesizeAttributes`), not the HCL one after it, whose entries are `{value: ...}`
        json_synth = text.split("synthesizeHclAttributes()", 1)[0]
        attributes = sorted(set(_WRITE_ONLY.findall(json_synth)))
        resources = [c for c, base in classes if base == "TerraformResource"]
        if attributes and resources:
            write_only[module] = {resources[0]: attributes}
        kept = [c for c, base in classes if base == "TerraformEphemeralResource"]
        if kept:
            ephemeral[module] = kept
    return {"version": version, "write_only": write_only, "ephemeral_resources": ephemeral}


def _download(requirement: str, folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(folder), requirement],
                   check=True)
    wheel = max(folder.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        member = next(n for n in archive.namelist() if n.endswith(".jsii.tgz"))
        archive.extract(member, folder)
    return folder / member


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", action="append", help="a prebuilt provider (default: aws)")
    parser.add_argument("--core-tarball", type=Path)
    parser.add_argument("--provider-tarball", type=Path, action="append",
                        help="with one --provider each, in the same order")
    args = parser.parse_args()
    providers = args.provider or ["aws"]
    data = json.loads(cdktn.DATA.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        core = args.core_tarball or _download(f"cdktn=={data['cdktn']['version']}", Path(scratch) / "core")
        features, functions, default, version = core_features(core)
        by_provider = {}
        for index, provider in enumerate(providers):
            tarball = (args.provider_tarball or [])[index] if index < len(args.provider_tarball or []) else None
            if tarball is None:
                tarball = _download(f"{cdktn.NEW_PROVIDER_DISTRIBUTION_PREFIX}{provider}=="
                                    f"{data['providers'][provider]['version']}", Path(scratch) / provider)
            by_provider[provider] = provider_features(tarball)
    out = {"generated_by": "scripts/make_cdktn_features.py", "cdktn": version, "default": default,
           "features": features, "functions": functions, "providers": by_provider}
    target = cdktn.FEATURES
    target.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {target}: {len(features)} features, {len(functions)} functions, "
          + ", ".join(f"{p}: {len(v['write_only'])} resources with write-only attributes" for p, v in by_provider.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
