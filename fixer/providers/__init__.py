"""What a jsii provider package really declares: its modules, class names and, per class and struct, the
keywords it takes and the type of each (`ProviderIndex`).

Provider truth is the package's own jsii assembly (`_jsii/*.jsii.tgz`), read once per provider version into
a compact schema (`assembly.py`) stored in the user cache as a zip with one member per module, so a run
loads only the modules its code imports (`schema.py`). Importing a provider package takes ~15 s and
hundreds of MB; it is never imported. When the package is not installed, the schema of the default
version shipped inside cdktf-fixer answers (`scripts/make_provider_snapshot.py`).

Every provider is discovered from what the code imports: a prebuilt package (`cdktf_cdktf_provider_<x>`,
`cdktn_provider_<x>`) in the project's virtualenv or cdktf-fixer's environment, or the bindings `cdktf get`
writes into the project's `imports/<x>/`.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from fixer.paths import resolved
from fixer.pins import Pin, normalize, project_pins
from fixer.providers.assembly import compact, find_tarball, read_tarball
from fixer.providers.schema import OPEN, SCALARS, Prop, Schema
from fixer.providers.schema import write as write_schema

DATA_DIR = Path(__file__).parent.parent / "data" / "providers"


@dataclass(frozen=True)
class ProviderSpec:
    package: str  # import name: cdktf_cdktf_provider_aws, cdktn_provider_random, imports.aws
    distribution: str  # PyPI name (cdktf-cdktf-provider-aws); for `imports/` bindings, the folder


# Providers whose schema ships inside cdktf-fixer (the default version, for machines without it).
PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec("cdktf_cdktf_provider_aws", "cdktf-cdktf-provider-aws"),
)
AWS = PROVIDERS[0]

# The import names of prebuilt provider packages, and of the bindings `cdktf get` generates.
PREBUILT_PREFIXES = ("cdktf_cdktf_provider_", "cdktn_provider_")
IMPORTS_PACKAGE = "imports"
# Text a file holds when it may use a provider: the rules' prefilter.
MARKERS = (*PREBUILT_PREFIXES, "imports.")


@lru_cache(maxsize=8192)  # asked of every dotted name the provider rules meet, mostly the same few
def provider_package(dotted: str | None) -> str | None:
    """The provider package an import path belongs to: `cdktf_cdktf_provider_aws.vpc` ->
    `cdktf_cdktf_provider_aws`, `imports.aws.vpc` -> `imports.aws`; None for anything else."""
    if not dotted:
        return None
    parts = dotted.split(".")
    if any(parts[0].startswith(prefix) and len(parts[0]) > len(prefix) for prefix in PREBUILT_PREFIXES):
        return parts[0]
    if parts[0] == IMPORTS_PACKAGE and len(parts) > 1:
        return ".".join(parts[:2])
    return None


def spec_for(package: str) -> ProviderSpec:
    known = next((p for p in PROVIDERS if p.package == package), None)
    if known is not None:
        return known
    if package.startswith(IMPORTS_PACKAGE + "."):
        return ProviderSpec(package, package.replace(".", "/"))
    return ProviderSpec(package, package.replace("_", "-"))


def split_import(dotted: str | None) -> tuple[str, str | None] | None:
    """`cdktf_cdktf_provider_aws.vpc` -> (package, "vpc"); the bare package -> (package, None)."""
    package = provider_package(dotted)
    if package is None or dotted is None:
        return None
    return package, (dotted[len(package) + 1 :] or None)


_WORD = re.compile(r"[A-Z][^A-Z]*")


@dataclass(frozen=True)
class Signature:
    """A generated class's constructor: `(scope, id_)` or nothing positionally, the rest by keyword."""

    positional: tuple[str, ...]
    props: dict[str, Prop] = field(compare=False)

    @cached_property
    def keywords(self) -> frozenset[str]:
        return frozenset(self.props)

    def takes_scalar(self, keyword: str) -> bool:
        """Whether a string, number or bool literal can be passed to `keyword`."""
        prop = self.props.get(keyword)
        if prop is None:
            return False
        members = prop.type[1] if isinstance(prop.type, list) and prop.type[0] == "union" else [prop.type]
        return any(isinstance(t, str) and (t in SCALARS or t in OPEN) for t in members)


@lru_cache(maxsize=8192)  # asked for every provider call, of the few modules a project uses
def pascal(module: str) -> str:
    """`s3_bucket_versioning` -> `S3BucketVersioning`: how the generator names a module's resource class."""
    return "".join(part[:1].upper() + part[1:] for part in module.split("_"))


def camel_words(name: str) -> list[str]:
    return _WORD.findall(name) or [name]


@dataclass
class ProviderIndex:
    spec: ProviderSpec
    version: str
    source: str  # "installed:<path>", "snapshot:<file>" or "imports:<path>"
    modules: dict[str, frozenset[str]]
    schema: Schema | None = field(default=None, repr=False)  # None: names only (no assembly found)
    _home: dict[str, str] = field(default_factory=dict, repr=False)
    _signatures: dict[tuple[str, str], Signature | None] = field(default_factory=dict, repr=False)
    # answers other modules derive from this index alone, by (their name, their question): kept for the run
    derived: dict[tuple, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.modules = {m: frozenset(names) for m, names in self.modules.items()}
        for module, names in self.modules.items():
            for name in names:
                # No name is exported by two modules in the AWS provider; keep the first if one ever is.
                self._home.setdefault(name, module)

    @classmethod
    def from_schema(cls, spec: ProviderSpec, source: str, schema: Schema) -> ProviderIndex:
        return cls(spec, schema.version, source, {m: frozenset(n) for m, n in schema.names.items()}, schema)

    def has_module(self, module: str) -> bool:
        return module in self.modules

    def exports(self, module: str) -> frozenset[str]:
        return self.modules.get(module, frozenset())

    def home_of(self, name: str) -> str | None:
        """The one module that exports `name`, if any."""
        return self._home.get(name)

    @cached_property
    def _module_by_class(self) -> dict[str, str]:
        return {pascal(m): m for m in self.modules}

    def module_named_after(self, class_name: str) -> str | None:
        """`S3BucketVersioning` -> `s3_bucket_versioning`, when such a module exists."""
        return self._module_by_class.get(class_name)

    def longest_prefix_module(self, class_name: str) -> str | None:
        """The module whose resource class name is the longest CamelCase-word prefix of `class_name`."""
        words = camel_words(class_name)
        for end in range(len(words), 0, -1):
            module = self._module_by_class.get("".join(words[:end]))
            if module:
                return module
        return None

    def is_construct_class(self, name: str) -> bool:
        """Resource, data source and provider classes have a `<Name>Config`; nested blocks (structs) do not."""
        module = self.home_of(name)
        return module is not None and f"{name}Config" in self.modules[module]

    def user_facing(self, module: str) -> list[str]:
        """Exports a user may instantiate: no `...OutputReference`/`...List`/`...Map` helpers, no `...Config`."""
        names = self.exports(module)
        keep = []
        for name in sorted(names):
            if name.endswith("OutputReference"):
                continue
            if name.endswith(("List", "Map")) and name[:-4 if name.endswith("List") else -3] in names:
                continue
            if name.endswith("Config") and name[: -len("Config")] in names:
                continue
            keep.append(name)
        return keep

    def entry(self, module: str, class_name: str) -> dict | None:
        """The schema's entry for a class or struct: its kind (`construct`, `struct`, `class`, `enum`)."""
        if self.schema is None or class_name not in self.exports(module):
            return None
        return self.schema.entry(module, class_name)

    def props(self, module: str, class_name: str) -> dict[str, Prop] | None:
        """The keywords a struct, or a construct's config, takes; None when unknown."""
        if self.schema is None or class_name not in self.exports(module):
            return None
        return self.schema.props(module, class_name)

    def signature(self, module: str, class_name: str) -> Signature | None:
        """The constructor's parameters; None for a class that is neither a construct nor a struct, or when
        the provider's types are unknown (names only). Asked for every call of a provider class: kept."""
        key = (module, class_name)
        if key not in self._signatures:
            self._signatures[key] = self._signature(module, class_name)
        return self._signatures[key]

    def _signature(self, module: str, class_name: str) -> Signature | None:
        entry = self.entry(module, class_name)
        props = self.props(module, class_name)
        if entry is None or props is None:
            return None
        if entry["kind"] == "construct":
            # jsii renames a parameter when the config has a keyword of the same name
            return Signature(tuple(p + "_" if p in props else p for p in ("scope", "id")), props)
        return Signature((), props)


# --- building ---------------------------------------------------------------------------------------


def _read_all_list(init_file: Path) -> list[str]:
    """The last top-level `__all__ = [...]` of a jsii-generated `__init__.py`, without importing it."""
    text = "\n" + init_file.read_text(encoding="utf-8")
    start = text.rfind("\n__all__ = [")
    if start < 0:
        return []
    end = text.find("]", start)
    # the list's strings read from its syntax tree: `ast.literal_eval` would do it with nested functions
    # that call each other, a cycle of garbage per call that only the collector frees (one call per
    # submodule of a provider's bindings)
    listed = ast.parse(text[start + len("\n__all__ = ") : end + 1], mode="eval").body
    if not isinstance(listed, ast.List) or not all(isinstance(e, ast.Constant) for e in listed.elts):
        raise ValueError(f"{init_file}: __all__ is not a list of names")
    return [e.value for e in listed.elts]  # type: ignore[attr-defined]


def read_installed(spec: ProviderSpec, package_dir: Path) -> dict[str, list[str]]:
    modules: dict[str, list[str]] = {}
    for submodule in _read_all_list(package_dir / "__init__.py"):
        init_file = package_dir / submodule / "__init__.py"
        if init_file.is_file():
            modules[submodule] = _read_all_list(init_file)
    return modules


def _find_imports(spec: ProviderSpec, project_root: Path | None) -> tuple[Path, str] | None:
    """`imports/<x>/` bindings of the project, and the version their assembly states."""
    if project_root is None:
        return None
    package_dir = project_root.joinpath(*spec.package.split("."))
    tarball = find_tarball(package_dir) if (package_dir / "__init__.py").is_file() else None
    if tarball is None:
        return None
    return package_dir, tarball.name.removesuffix(".jsii.tgz").rpartition("@")[2]


def _dist_info_versions(site: Path, package: str) -> list[str]:
    """The versions the dist-info folders of `package` in this site-packages name (pip writes one)."""
    return [d.name[len(package) + 1 : -len(".dist-info")] for d in site.glob(f"{package}-*.dist-info")]


def _find_installed(spec: ProviderSpec, search_paths: list[Path]) -> tuple[Path, str] | None:
    """The provider package directory and its version: first in the given site-packages, then our own."""
    for site in search_paths:
        package_dir = site / spec.package
        if (package_dir / "__init__.py").is_file():
            for version in _dist_info_versions(site, spec.package):
                return package_dir, version
    found = importlib.util.find_spec(spec.package)  # locates, does not import, a top-level package
    if found is None or not found.submodule_search_locations:
        return None
    package_dir = Path(next(iter(found.submodule_search_locations)))
    # the metadata pip wrote beside the package, as in a project's site-packages above: one listing, where
    # importlib.metadata costs its own import (16 ms, in every worker) and a search of every folder on the
    # path; it still answers the layouts that have no single dist-info beside the package
    beside = _dist_info_versions(package_dir.parent, spec.package)
    if len(beside) == 1:
        return package_dir, beside[0]
    from importlib import metadata

    try:
        version = metadata.version(spec.distribution)
    except metadata.PackageNotFoundError:
        return None
    return package_dir, version


SNAPSHOT_SUFFIX = ".schema.zip"


@lru_cache(maxsize=None)  # the package's own data: asked by every project's first provider lookup
def snapshot_files(spec: ProviderSpec) -> tuple[Path, ...]:
    """The schemas shipped for this provider. CDK Terrain's prebuilt package (`cdktn_provider_aws`) is the
    same generated API under a new name (its newer lines a superset but for a few properties, CTM005): when
    it is not installed, the schema shipped for its cdktf twin answers (a project whose pins exclude that
    version gets no answer: `pinned_mismatch`)."""
    own = tuple(sorted(DATA_DIR.glob(f"{spec.distribution}-*{SNAPSHOT_SUFFIX}")))
    twin = _cdktf_twin(spec)
    return own if own or twin is None else snapshot_files(twin)


def snapshot_version(spec: ProviderSpec, path: Path) -> str:
    twin = _cdktf_twin(spec)
    distribution = twin.distribution if twin is not None and not path.name.startswith(spec.distribution + "-") \
        else spec.distribution
    return path.name[len(distribution) + 1 : -len(SNAPSHOT_SUFFIX)]


def cdktn_twin(spec: ProviderSpec) -> ProviderSpec:
    """`cdktf_cdktf_provider_aws` -> the spec of CDK Terrain's `cdktn_provider_aws`."""
    return spec_for(PREBUILT_PREFIXES[1] + spec.package[len(PREBUILT_PREFIXES[0]):])


def packages_of(spec: ProviderSpec) -> tuple[str, ...]:
    """The import names a prebuilt provider has in either spelling: (`cdktf_cdktf_provider_aws`,
    `cdktn_provider_aws`); the rules that match one module of a provider match both."""
    if spec.package.startswith(PREBUILT_PREFIXES[0]):
        return spec.package, cdktn_twin(spec).package
    return (spec.package,)


def _cdktf_twin(spec: ProviderSpec) -> ProviderSpec | None:
    """`cdktn_provider_aws` -> the spec of `cdktf_cdktf_provider_aws`; None for any other package."""
    cdktn_prefix, cdktf_prefix = PREBUILT_PREFIXES[1], PREBUILT_PREFIXES[0]
    if not spec.package.startswith(cdktn_prefix) or spec.package == cdktn_prefix:
        return None
    return spec_for(cdktf_prefix + spec.package[len(cdktn_prefix):])


def cache_dir() -> Path:
    base = os.environ.get("CDKTF_FIXER_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "cdktf-fixer"


def project_site_packages(project_root: Path | None) -> list[Path]:
    """site-packages of the project's own virtualenv, which holds the provider version the project uses."""
    if project_root is None:
        return []
    found = []
    for venv in (".venv", "venv"):
        folder = project_root / venv
        if os.path.isdir(folder):  # one stat for the usual project without one; a glob costs twenty
            found.extend(sorted(folder.glob("lib/python3*/site-packages")))
    return found


_LOCATED: dict[tuple[str, tuple[Path, ...]], tuple[Path, str] | None] = {}
# a project's virtualenvs, looked for once per process: every provider lookup of a project asks, twice
_SITES: dict[Path | None, tuple[Path, ...]] = {}


def _sites(project_root: Path | None) -> tuple[Path, ...]:
    sites = _SITES.get(project_root)
    if sites is None:
        sites = _SITES[project_root] = tuple(project_site_packages(project_root))
    return sites


def _locate(spec: ProviderSpec, project_root: Path | None) -> tuple[Path, str] | None:
    """The installation a project uses; asked once per process for all projects sharing site-packages."""
    if spec.package.startswith(IMPORTS_PACKAGE + "."):
        return _find_imports(spec, project_root)
    key = (spec.package, _sites(project_root))
    if key not in _LOCATED:
        _LOCATED[key] = _find_installed(spec, list(key[1]))
    twin = _cdktf_twin(spec)
    if _LOCATED[key] is None and twin is not None and not snapshot_files(spec):
        # CDK Terrain's package is not installed and no schema of it ships: its cdktf twin (the same
        # generated API) answers, as its shipped schema does for AWS
        return _locate(twin, project_root)
    return _LOCATED[key]


def installed_providers(project_root: Path | None) -> list[ProviderSpec]:
    """Every provider the project can use: the shipped ones, prebuilt packages in its virtualenv or in
    cdktf-fixer's environment, and its `imports/` bindings (a glob, no package is read)."""
    packages = {spec.package for spec in PROVIDERS} | _prebuilt_in(_sites(project_root))
    packages |= _prebuilt_in(tuple(Path(p) for p in sys.path if p.endswith("site-packages")))
    bindings = project_root / IMPORTS_PACKAGE if project_root is not None else None
    if bindings is not None and os.path.isdir(bindings):  # one stat for the usual project without bindings
        packages.update(f"{IMPORTS_PACKAGE}.{d.parent.parent.name}" for d in bindings.glob("*/_jsii/*.jsii.tgz"))
    return [spec_for(p) for p in sorted(packages)]


@lru_cache(maxsize=None)
def _prebuilt_in(sites: tuple[Path, ...]) -> frozenset[str]:
    """Prebuilt provider packages in these site-packages; listed once per process, however many projects
    share them (cdktf-fixer's own environment is every project's fallback)."""
    return frozenset(d.name for site in sites for prefix in PREBUILT_PREFIXES
                     for d in site.glob(prefix + "*") if (d / "__init__.py").is_file())


def versions_used(project_root: Path | None) -> list[dict[str, str | bool | None]]:
    """Which version of each known provider the rules answer from for this project, where it comes from
    (the project's environment, cdktf-fixer's, or the shipped snapshot), what the project pins, and
    whether that answer may be used (`usable`), without loading an index."""
    rows: list[dict[str, str | bool | None]] = []
    for spec in installed_providers(project_root):
        version, source, path = _answering_version(spec, project_root)
        pin = _pin(spec, project_root)
        rows.append({
            "distribution": spec.distribution, "version": version, "source": source, "path": path,
            "pinned": pin.specifier if pin else None, "pinned_in": str(pin.source) if pin else None,
            "usable": version is not None and _disallowed(version, source, pin) is None,
        })
    return rows


PROJECT_ENVIRONMENT = "project environment"


def _answering_version(spec: ProviderSpec, project_root: Path | None) -> tuple[str | None, str, str | None]:
    installed = _locate(spec, project_root)
    if installed is not None:
        package_dir = installed[0]
        own = project_root is not None and _within(resolved(package_dir), resolved(project_root))
        return installed[1], PROJECT_ENVIRONMENT if own else "cdktf-fixer's environment", str(package_dir)
    snapshots = snapshot_files(spec)
    if not snapshots:
        return None, "none", None
    return snapshot_version(spec, snapshots[-1]), "snapshot shipped with cdktf-fixer", None


def _within(path: Path, folder: Path) -> bool:
    """`path.is_relative_to(folder)` for two resolved paths, by their text (pathlib's builds a new path)."""
    below, above = str(path), str(folder)
    return below == above or below.startswith(above if above.endswith(os.sep) else above + os.sep)


def _pin(spec: ProviderSpec, project_root: Path | None) -> Pin | None:
    return project_pins(project_root).get(normalize(spec.distribution)) if project_root is not None else None


def pinned_mismatch(spec: ProviderSpec, project_root: Path | None) -> Pin | None:
    """The project's pin of this provider when the version the rules would answer from is not one it
    allows: answers about names and arguments would then be wrong for the project, and the rules that
    give them stay silent. The provider installed in the project's own environment is what it uses, so
    it always answers."""
    version, source, _ = _answering_version(spec, project_root)
    return _disallowed(version, source, _pin(spec, project_root))


def _disallowed(version: str | None, source: str, pin: Pin | None) -> Pin | None:
    if version is None or source == PROJECT_ENVIRONMENT or pin is None:
        return None
    return None if pin.admits(version) else pin


# One index per provider installation or snapshot per process, whatever the number of projects using it:
# a run over a monorepo of small projects must not parse and hold 25,000 names once per project.
_LOADED: dict[tuple[str, str], ProviderIndex | None] = {}


def load_index(spec: ProviderSpec, project_root: Path | None = None) -> ProviderIndex | None:
    installed = _locate(spec, project_root)
    where = (spec.package, str(installed[0]) if installed else "snapshot")
    if where not in _LOADED:
        _LOADED[where] = _load_index(spec, installed)
    return _LOADED[where]


def _load_index(spec: ProviderSpec, installed: tuple[Path, str] | None) -> ProviderIndex | None:
    if installed is None:
        snapshots = snapshot_files(spec)
        return ProviderIndex.from_schema(spec, f"snapshot:{snapshots[-1].name}", Schema(snapshots[-1])) if snapshots else None
    package_dir, version = installed
    source = f"{'imports' if spec.package.startswith(IMPORTS_PACKAGE + '.') else 'installed'}:{package_dir}"
    tarball = find_tarball(package_dir)
    if tarball is None:  # not a jsii package as we know them: its names, without types
        return ProviderIndex(spec, version, source, read_installed(spec, package_dir))
    twin = _cdktf_twin(spec)
    for distribution in (spec.distribution, *((twin.distribution,) if twin is not None else ())):
        shipped = DATA_DIR / f"{distribution}-{version}{SNAPSHOT_SUFFIX}"
        if shipped.is_file():  # the same version as the one shipped: nothing to build
            return ProviderIndex.from_schema(spec, source, Schema(shipped))
    cached = cache_dir() / "providers" / f"{spec.distribution.replace('/', '-')}-{version}-{_stamp(tarball)}{SNAPSHOT_SUFFIX}"
    try:
        return ProviderIndex.from_schema(spec, source, Schema(cached))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        pass
    import tarfile  # here: a schema is built from a tarball only once per provider version and machine
    import tempfile

    try:
        built = compact(read_tarball(tarball))
    except (OSError, ValueError, KeyError, tarfile.TarError) as exc:
        print(f"cdktf-fixer: cannot read the jsii assembly {tarball}: {exc}; using class names only", file=sys.stderr)
        return ProviderIndex(spec, version, source, read_installed(spec, package_dir))
    try:
        write_schema(built, cached)
        return ProviderIndex.from_schema(spec, source, Schema(cached))
    except OSError as exc:  # a read-only home must not stop a run; the schema is rebuilt next time
        print(f"cdktf-fixer: could not cache the provider schema at {cached}: {exc}", file=sys.stderr)
        fallback = Path(tempfile.gettempdir()) / f"cdktf-fixer-{os.getpid()}-{spec.package}{SNAPSHOT_SUFFIX}"
        write_schema(built, fallback)
        return ProviderIndex.from_schema(spec, source, Schema(fallback))


def _stamp(tarball: Path) -> str:
    """Bindings of `cdktf get` all say version 0.0.0: the assembly's size and mtime tell two apart."""
    stat = tarball.stat()
    return f"{stat.st_size:x}{int(stat.st_mtime):x}"
