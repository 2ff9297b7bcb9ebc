"""Where a stranded project stands, and how its provider classes moved: the data of `migrate --to cdktf`.

Old prebuilt providers (`cdktf-cdktf-provider-aws` 5.x-9.x, with `cdktf` 0.9-0.12) exposed their classes
in service namespaces (`from cdktf_cdktf_provider_aws import ec2` then `ec2.Instance`) or at the package
root (`from cdktf_cdktf_provider_random import Password`). From aws 10.0.0 (and the random provider's
matching line) every resource, data source and the provider class have a submodule of their own
(`from cdktf_cdktf_provider_aws.instance import Instance`). Class names do not change; modules do.

The map from an old (module, class) to its new home is computed from the two jsii assemblies:
- resource, data source and provider classes by the Terraform type each one's docs name
  ("Represents a {@link .../r/instance aws_instance}"): one-to-one where the type still exists;
- nested structs (config blocks) by walking the parent's properties in both assemblies side by side
  (a block struct renamed between versions, such as `...RulesSourceList` -> `...ListStruct`, follows its
  property);
- anything else by its unique class name in the target.
What maps nowhere was removed from the provider (OpsWorks, EC2-Classic, data `aws_subnet_ids`, ...).

Old assemblies come from the project's own environment when it has that version installed, else from the
package downloaded once (`pip download --no-deps`) into the user cache; the target's from cdktf-fixer's
own environment, else downloaded the same way. A computed map is cached per (old version, new version).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from fixer.pins import normalize, project_pins
from fixer.providers.assembly import find_tarball, read_tarball, snake

CORE = "cdktf"
CONSTRUCTS = "constructs"
PROVIDER_PREFIX = "cdktf-cdktf-provider-"
MAP_FORMAT = 1


@dataclass(frozen=True)
class Target:
    version: str  # the release whose assembly answers for the target line
    range: str  # what a dependency declaration moves to


# The last CDKTF line: cdktf 0.21 and the newest prebuilt providers built on it (their package metadata
# requires `cdktf>=0.21.0,<0.22.0` and `constructs>=10.4.2,<11`).
CORE_TARGET = Target("0.21.0", ">=0.21,<0.22")
CONSTRUCTS_RANGE = ">=10.4.2,<11"
PROVIDER_TARGETS: dict[str, Target] = {
    "cdktf-cdktf-provider-aws": Target("21.22.1", ">=21.22,<22"),
    "cdktf-cdktf-provider-random": Target("12.0.1", ">=12.0,<13"),
}
# What replaced a Terraform type the provider removed, where its upgrade guides say so:
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-5-upgrade
# ("Data Source: aws_subnet_ids ... removed; use the aws_subnets data source").
REPLACEMENTS = {
    "data:aws_subnet_ids": "data:aws_subnets",
}


class ReleaseError(Exception):
    """An old release's assembly cannot be had (not installed, and pip cannot download it)."""


# --- where the project stands ------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """The version of one distribution a project uses, and where that was read."""

    distribution: str
    version: str | None  # None: pinned to nothing we can read (`*`, a URL)
    source: str  # "project environment", or the file that pins it ("Pipfile.lock")

    @property
    def target(self) -> Target | None:
        return CORE_TARGET if self.distribution == CORE else PROVIDER_TARGETS.get(self.distribution)

    @property
    def stranded(self) -> bool:
        """On an older major line than the target: its code is written for another API."""
        target = self.target
        if target is None or self.version in (None, "0.0.0"):  # 0.0.0: a local build (jsii's dev version)
            return False
        try:
            old, new = Version(self.version), Version(target.version)
        except InvalidVersion:
            return False
        return (old.major, old.minor) < (new.major, new.minor) if old.major == 0 else old.major < new.major


def pinned_version(specifier: str) -> str | None:
    """The release a specifier starts from: `==9.0.52`, `~=9.0.52`, `>=9.0.52,<10` -> `9.0.52`."""
    try:
        specifiers = SpecifierSet(specifier)
    except InvalidSpecifier:
        return None
    for operator in ("==", "===", "~=", ">="):
        for spec in specifiers:
            if spec.operator == operator and "*" not in spec.version:
                return spec.version
    return None


def standing(root: Path) -> dict[str, Standing]:
    """The core and each prebuilt provider the project declares or has installed: its version, read from
    the project's environment first (what it runs), else from its pins (lock files before manifests)."""
    found: dict[str, Standing] = {}
    for name, (version, site) in _installed(root).items():
        found[name] = Standing(name, version, f"project environment ({site})")
    for name, pin in project_pins(root).items():
        if name in found or not (name == CORE or name.startswith(PROVIDER_PREFIX)):
            continue
        found[name] = Standing(name, pinned_version(pin.specifier), pin.source.name)
    return dict(sorted(found.items()))


def _installed(root: Path) -> dict[str, tuple[str, str]]:
    from fixer.providers import project_site_packages

    found: dict[str, tuple[str, str]] = {}
    for site in project_site_packages(root):
        for dist_info in site.glob("*.dist-info"):
            name, _, version = dist_info.name[: -len(".dist-info")].partition("-")
            name = normalize(name)
            if name == CORE or name.startswith(PROVIDER_PREFIX):
                found.setdefault(name, (version, str(site.relative_to(root))))
    return found


def stranded(root: Path) -> dict[str, Standing]:
    """The distributions the project uses on an older line than the target."""
    return {name: s for name, s in standing(root).items() if s.stranded}


# cdktf 0.13 and the prebuilt providers built on it (aws 10.0.0) moved every class to a module of its own.
LAYOUT_CHANGE = {CORE: "0.13.0", "cdktf-cdktf-provider-aws": "10.0.0"}


def before_module_layout(root: Path) -> bool:
    """Whether the project is on a line older than the one-module-per-class layout: its code needs the
    upgrade before any other migration."""
    for name, stands in stranded(root).items():
        try:
            if name in LAYOUT_CHANGE and Version(stands.version or "") < Version(LAYOUT_CHANGE[name]):
                return True
        except InvalidVersion:
            continue
    return False


# Feature flags of cdktf.json that old cores honoured and cdktf 0.21 always applies (its FUTURE_FLAGS map is
# empty): a project that never set them gets other logical ids, so other Terraform resource addresses.
LOGICAL_ID_FLAGS = ("excludeStackIdFromLogicalIds", "allowSepCharsInLogicalIds")


def unset_logical_id_flags(root: Path) -> list[str]:
    """The logical-id flags the project's cdktf.json does not turn on (none when there is no readable
    cdktf.json: nothing to say about it)."""
    try:
        context = json.loads((root / "cdktf.json").read_text(encoding="utf-8")).get("context") or {}
    except (OSError, ValueError, AttributeError):
        return []
    return [flag for flag in LOGICAL_ID_FLAGS if str(context.get(flag, "")).lower() != "true"]


# --- assemblies ----------------------------------------------------------------------------------------


def releases_dir() -> Path:
    from fixer.providers import cache_dir

    return cache_dir() / "releases"


def package_of(distribution: str) -> str:
    return distribution.replace("-", "_")


def assembly(distribution: str, version: str, project_root: Path | None = None) -> tuple[dict[str, Any], str]:
    """The jsii assembly of one release, and where it was read: the project's environment, cdktf-fixer's,
    or the package downloaded once into the user cache."""
    from fixer.providers import ProviderSpec, _find_installed, project_site_packages

    spec = ProviderSpec(package_of(distribution), distribution)
    for sites, where in ((project_site_packages(project_root), "project environment"), ([], "cdktf-fixer's environment")):
        installed = _find_installed(spec, sites)
        if installed is not None and installed[1] == version:
            tarball = find_tarball(installed[0])
            if tarball is not None:
                return read_tarball(tarball), where
    return _read_wheel(download(distribution, version)), "downloaded package"


def download(distribution: str, version: str) -> Path:
    """The release's wheel in the user cache, downloaded with pip on first use."""
    folder = releases_dir()
    pattern = f"{package_of(distribution)}-{version}-*.whl"
    found = sorted(folder.glob(pattern))
    if found:
        return found[0]
    folder.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                          "--no-input", "--quiet", "--only-binary", ":all:", f"{distribution}=={version}", "-d",
                          str(folder)], capture_output=True, text=True, check=False, timeout=900)
    found = sorted(folder.glob(pattern))
    if run.returncode or not found:
        lines = [line for line in (run.stderr or run.stdout).splitlines() if line.strip()]
        raise ReleaseError(f"cannot download {distribution}=={version} to read its classes: "
                           + (lines[-1].strip() if lines else f"pip exited {run.returncode}"))
    return found[0]


def _read_wheel(wheel: Path) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as archive:
        member = next((n for n in archive.namelist() if n.endswith(".jsii.tgz")), None)
        if member is None:
            raise ReleaseError(f"{wheel.name} holds no jsii assembly")
        with tarfile.open(fileobj=io.BytesIO(archive.read(member)), mode="r:gz") as tar:
            handle = tar.extractfile("package/.jsii")
            if handle is None:
                raise ReleaseError(f"{wheel.name}: package/.jsii is not a file")
            return json.load(handle)


# --- the map -------------------------------------------------------------------------------------------

_LINK = re.compile(r"\{@link\s+(\S+)\s+([^}\s]+)\s*\}")


def terraform_type(declared: dict[str, Any]) -> str | None:
    """`resource:aws_instance`, `data:aws_ami` or `provider:aws` from a class's docs summary."""
    match = _LINK.search(declared.get("docs", {}).get("summary", ""))
    if match is None or declared.get("kind") != "class":
        return None
    url, name = match.groups()
    if re.search(r"/(d|data-sources)/", url):
        return f"data:{name}"
    if re.search(r"/(r|resources)/", url):
        return f"resource:{name}"
    return f"provider:{name}"


def _python_home(declared: dict[str, Any]) -> tuple[str, str]:
    namespace = declared.get("namespace", "")
    return ".".join(snake(part) for part in namespace.split(".")) if namespace else "", declared["name"]


def dotted(module: str, name: str) -> str:
    return f"{module}.{name}" if module else name


@dataclass
class NameMap:
    """Old `module.Class` (`ec2.Instance`; a root class as `Password`) -> its new (module, Class), and the
    old names the target no longer has, with the Terraform type they stood for."""

    distribution: str
    old: str
    new: str
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)  # old dotted -> terraform type ("" for a struct)
    constructs: dict[str, str] = field(default_factory=dict)  # old dotted -> terraform type, every construct
    namespaces: frozenset[str] = frozenset()  # the old modules (`ec2`, `vpc`)
    replacements: dict[str, tuple[str, str]] = field(default_factory=dict)  # removed type -> new (module, Class)

    @property
    def package(self) -> str:
        return package_of(self.distribution)

    def lookup(self, module: str, name: str) -> tuple[str, str] | None:
        return self.moved.get(dotted(module, name))

    def is_removed(self, module: str, name: str) -> bool:
        return dotted(module, name) in self.removed

    def replacement(self, module: str, name: str) -> tuple[str, str] | None:
        return self.replacements.get(self.removed.get(dotted(module, name), ""))

    @property
    def new_modules(self) -> frozenset[str]:
        """The target's modules that hold a class of the old release (`vpc`, `instance`)."""
        return frozenset(module for module, _ in self.moved.values())

    def coverage(self) -> tuple[int, int]:
        """(constructs that map, constructs): resource, data source and provider classes."""
        return sum(1 for name in self.constructs if name in self.moved), len(self.constructs)

    def to_json(self) -> dict[str, Any]:
        return {"format": MAP_FORMAT, "distribution": self.distribution, "old": self.old, "new": self.new,
                "moved": {k: list(v) for k, v in sorted(self.moved.items())}, "removed": dict(sorted(self.removed.items())),
                "constructs": dict(sorted(self.constructs.items())), "namespaces": sorted(self.namespaces),
                "replacements": {k: list(v) for k, v in sorted(self.replacements.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NameMap:
        if data.get("format") != MAP_FORMAT:
            raise ValueError("stale name map")
        return cls(data["distribution"], data["old"], data["new"], {k: tuple(v) for k, v in data["moved"].items()},
                   data["removed"], data["constructs"], frozenset(data["namespaces"]),
                   {k: tuple(v) for k, v in data["replacements"].items()})


def compute_map(distribution: str, old: dict[str, Any], new: dict[str, Any]) -> NameMap:
    """The old -> new map of two assemblies of one provider (see the module docstring)."""
    old_types, new_types = old["types"], new["types"]
    own = lambda types, assembly_name: {fqn: d for fqn, d in types.items() if d.get("assembly") == assembly_name}
    old_own, new_own = own(old_types, old["name"]), own(new_types, new["name"])
    new_by_terraform = {t: fqn for fqn, d in new_own.items() if (t := terraform_type(d))}
    pairs: dict[str, str] = {}  # old fqn -> new fqn
    constructs: dict[str, str] = {}
    for fqn, declared in old_own.items():
        kind = terraform_type(declared)
        if kind is None:
            continue
        constructs[dotted(*_python_home(declared))] = kind
        if kind in new_by_terraform:
            pairs[fqn] = new_by_terraform[kind]

    def config_of(types: dict[str, Any], fqn: str) -> str | None:
        parameters = (types[fqn].get("initializer") or {}).get("parameters", [])
        return parameters[2]["type"].get("fqn") if len(parameters) == 3 else None

    def properties(types: dict[str, Any], fqn: str) -> dict[str, dict[str, Any]]:
        declared = types.get(fqn, {})
        return {p["name"]: p["type"] for p in declared.get("properties", [])}

    def referenced(type_ref: dict[str, Any]) -> list[str]:
        if "fqn" in type_ref:
            return [type_ref["fqn"]]
        if "collection" in type_ref:
            return referenced(type_ref["collection"]["elementtype"])
        if "union" in type_ref:
            return [f for t in type_ref["union"]["types"] for f in referenced(t)]
        return []

    # walk structs from each mapped construct's config, property by property
    queue = [(config_of(old_types, o), config_of(new_types, n)) for o, n in pairs.items()]
    while queue:
        old_fqn, new_fqn = queue.pop()
        if not old_fqn or not new_fqn or old_fqn not in old_own or new_fqn not in new_own or old_fqn in pairs:
            continue
        pairs[old_fqn] = new_fqn
        new_props = properties(new_types, new_fqn)
        for name, type_ref in properties(old_types, old_fqn).items():
            if name not in new_props:
                continue
            olds = [f for f in referenced(type_ref) if f in old_own and old_own[f].get("datatype")]
            news = [f for f in referenced(new_props[name]) if f in new_own and new_own[f].get("datatype")]
            if len(olds) == 1 and len(news) == 1:
                queue.append((olds[0], news[0]))
    # the rest by unique name (enums, output references, shared structs)
    new_by_name: dict[str, list[str]] = {}
    for fqn, declared in new_own.items():
        new_by_name.setdefault(declared["name"], []).append(fqn)
    removed_constructs = {fqn for fqn in old_own if terraform_type(old_own[fqn]) and fqn not in pairs}
    moved: dict[str, tuple[str, str]] = {}
    removed: dict[str, str] = {}
    namespaces = set()
    for fqn, declared in old_own.items():
        module, name = _python_home(declared)
        if module:
            namespaces.add(module.split(".")[0])
        target = pairs.get(fqn)
        if target is None and fqn not in removed_constructs and len(new_by_name.get(name, [])) == 1:
            target = new_by_name[name][0]
        if target is None:
            removed[dotted(module, name)] = terraform_type(declared) or ""
        else:
            moved[dotted(module, name)] = _python_home(new_own[target])
    replacements = {}
    for gone, replacement in REPLACEMENTS.items():
        if replacement in new_by_terraform and gone not in new_by_terraform:
            replacements[gone] = _python_home(new_own[new_by_terraform[replacement]])
    return NameMap(distribution, old.get("version", ""), new.get("version", ""), moved, removed, constructs,
                   frozenset(namespaces), replacements)


@lru_cache(maxsize=16)
def _name_map(distribution: str, old_version: str, new_version: str, project_root: Path | None) -> NameMap:
    cached = releases_dir() / f"{distribution}-{old_version}-to-{new_version}.map.json"
    try:
        return NameMap.from_json(json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    old, _ = assembly(distribution, old_version, project_root)
    new, _ = assembly(distribution, new_version, project_root)
    computed = compute_map(distribution, old, new)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(computed.to_json(), sort_keys=True), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError:
        pass  # recomputed next time
    return computed


def name_map(distribution: str, old_version: str, project_root: Path | None = None) -> NameMap | None:
    """The map from an old release of a prebuilt provider to its target release; None for a provider
    without a target. Raises ReleaseError when an assembly cannot be had."""
    target = PROVIDER_TARGETS.get(normalize(distribution))
    if target is None:
        return None
    return _name_map(normalize(distribution), old_version, target.version,
                     project_root.resolve() if project_root else None)


def project_maps(root: Path) -> tuple[dict[str, NameMap], dict[str, str]]:
    """The name maps of every stranded provider of the project, by package (`cdktf_cdktf_provider_aws`),
    and why a stranded provider has none (its assembly could not be had), by distribution."""
    maps: dict[str, NameMap] = {}
    problems: dict[str, str] = {}
    for name, stands in stranded(root).items():
        if name == CORE or stands.version is None:
            continue
        try:
            found = name_map(name, stands.version, root)
        except (ReleaseError, OSError, ValueError, KeyError, tarfile.TarError, subprocess.TimeoutExpired) as exc:
            problems[name] = str(exc)
            continue
        if found is not None:
            maps[found.package] = found
    return maps, problems
