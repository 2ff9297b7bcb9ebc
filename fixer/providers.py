"""What a prebuilt CDKTF provider package really exports: `{module: [class names]}`.

The truth about class names is the installed provider package itself. Importing it takes ~15 s and
hundreds of MB, so the index is read statically: every submodule's `__init__.py` ends with an
`__all__ = [...]` list, and the root `__init__.py` lists the submodules. When the package is not
installed we fall back to a snapshot shipped inside cdktf-fixer (`scripts/make_provider_snapshot.py`).

Adding a provider (google, azurerm, ...) is a new `ProviderSpec` entry, not new code.
"""

from __future__ import annotations

import ast
import gzip
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata
from pathlib import Path

from fixer.pins import Pin, normalize, project_pins

DATA_DIR = Path(__file__).parent / "data" / "providers"


@dataclass(frozen=True)
class ProviderSpec:
    package: str  # import name, e.g. cdktf_cdktf_provider_aws
    distribution: str  # PyPI name, e.g. cdktf-cdktf-provider-aws


PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec("cdktf_cdktf_provider_aws", "cdktf-cdktf-provider-aws"),
)


_WORD = re.compile(r"[A-Z][^A-Z]*")


@dataclass(frozen=True)
class Signature:
    """A generated class's constructor: `(scope, id_)` or nothing positionally, the rest by keyword."""

    positional: tuple[str, ...]
    keywords: frozenset[str]
    annotations: dict[str, str] = field(default_factory=dict, compare=False)  # keyword -> type, as written

    def takes_scalar(self, keyword: str) -> bool:
        """Whether a string, number or bool literal can be passed to `keyword`."""
        # a nested block is typed `Union["Struct", Dict[str, Any]]`: its dict form is no scalar
        annotation = re.sub(r"typing\.(?:Dict|Mapping)\[[^\]]*\]", "", self.annotations.get(keyword, ""))
        return any(t in annotation for t in ("builtins.str", "jsii.Number", "builtins.bool", "typing.Any"))


def pascal(module: str) -> str:
    """`s3_bucket_versioning` -> `S3BucketVersioning`: how the generator names a module's resource class."""
    return "".join(part[:1].upper() + part[1:] for part in module.split("_"))


def camel_words(name: str) -> list[str]:
    return _WORD.findall(name) or [name]


@dataclass
class ProviderIndex:
    spec: ProviderSpec
    version: str
    source: str  # "installed:<path>" or "snapshot:<file>"
    modules: dict[str, frozenset[str]]
    _home: dict[str, str] = field(default_factory=dict, repr=False)
    _signatures: dict[tuple[str, str], Signature | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.modules = {m: frozenset(names) for m, names in self.modules.items()}
        for module, names in self.modules.items():
            for name in names:
                # No name is exported by two modules in the AWS provider; keep the first if one ever is.
                self._home.setdefault(name, module)

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

    def signature(self, module: str, class_name: str) -> Signature | None:
        """The constructor's parameters, read from the installed package's source (never imported);
        None when the package is not installed (the snapshot holds names only) or the class is unknown."""
        key = (module, class_name)
        if key not in self._signatures:
            self._signatures[key] = self._read_signature(module, class_name)
        return self._signatures[key]

    def _read_signature(self, module: str, class_name: str) -> Signature | None:
        if not self.source.startswith("installed:") or class_name not in self.exports(module):
            return None
        init_file = Path(self.source.removeprefix("installed:")) / module / "__init__.py"
        try:
            text = init_file.read_text(encoding="utf-8")
        except OSError:
            return None
        start = max(text.find(f"\nclass {class_name}("), text.find(f"\nclass {class_name}:"))
        if start < 0:
            return None
        begin = text.find("    def __init__(", start)
        end = text.find(") -> None:", begin)
        next_class = text.find("\nclass ", start + 1)
        if begin < 0 or end < 0 or (0 <= next_class < begin):
            return None
        try:
            function = ast.parse(f"def f({text[begin + len('    def __init__('):end]}): pass").body[0]
        except SyntaxError:
            return None
        assert isinstance(function, ast.FunctionDef)
        positional = [a.arg for a in function.args.args[1:]]
        keywords = [a.arg for a in function.args.kwonlyargs]
        annotations = {a.arg: ast.unparse(a.annotation) for a in function.args.kwonlyargs if a.annotation}
        return Signature(tuple(positional), frozenset(keywords), annotations)

    def to_json(self) -> dict:
        return {
            "package": self.spec.package,
            "distribution": self.spec.distribution,
            "version": self.version,
            "modules": {m: sorted(n) for m, n in sorted(self.modules.items())},
        }


# --- building ---------------------------------------------------------------------------------------


def _read_all_list(init_file: Path) -> list[str]:
    """The last top-level `__all__ = [...]` of a jsii-generated `__init__.py`, without importing it."""
    text = "\n" + init_file.read_text(encoding="utf-8")
    start = text.rfind("\n__all__ = [")
    if start < 0:
        return []
    end = text.find("]", start)
    return list(ast.literal_eval(text[start + len("\n__all__ = ") : end + 1]))


def read_installed(spec: ProviderSpec, package_dir: Path) -> dict[str, list[str]]:
    modules: dict[str, list[str]] = {}
    for submodule in _read_all_list(package_dir / "__init__.py"):
        init_file = package_dir / submodule / "__init__.py"
        if init_file.is_file():
            modules[submodule] = _read_all_list(init_file)
    return modules


def _find_installed(spec: ProviderSpec, search_paths: list[Path]) -> tuple[Path, str] | None:
    """The provider package directory and its version: first in the given site-packages, then our own."""
    for site in search_paths:
        package_dir = site / spec.package
        if (package_dir / "__init__.py").is_file():
            for dist_info in site.glob(f"{spec.package}-*.dist-info"):
                version = dist_info.name[len(spec.package) + 1 : -len(".dist-info")]
                return package_dir, version
    found = importlib.util.find_spec(spec.package)  # locates, does not import, a top-level package
    if found is None or not found.submodule_search_locations:
        return None
    try:
        version = metadata.version(spec.distribution)
    except metadata.PackageNotFoundError:
        return None
    return Path(next(iter(found.submodule_search_locations))), version


def snapshot_files(spec: ProviderSpec) -> list[Path]:
    return sorted(DATA_DIR.glob(f"{spec.distribution}-*.json.gz"))


def load_snapshot(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


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
        found.extend(sorted((project_root / venv).glob("lib/python3*/site-packages")))
    return found


_LOCATED: dict[tuple[str, tuple[Path, ...]], tuple[Path, str] | None] = {}


def _locate(spec: ProviderSpec, project_root: Path | None) -> tuple[Path, str] | None:
    """The installation a project uses; asked once per process for all projects sharing site-packages."""
    key = (spec.package, tuple(project_site_packages(project_root)))
    if key not in _LOCATED:
        _LOCATED[key] = _find_installed(spec, list(key[1]))
    return _LOCATED[key]


def versions_used(project_root: Path | None) -> list[dict[str, str | bool | None]]:
    """Which version of each known provider the rules answer from for this project, where it comes from
    (the project's environment, cdktf-fixer's, or the shipped snapshot), what the project pins, and
    whether that answer may be used (`usable`), without loading an index."""
    rows: list[dict[str, str | bool | None]] = []
    for spec in PROVIDERS:
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
        own = project_root is not None and package_dir.resolve().is_relative_to(project_root.resolve())
        return installed[1], PROJECT_ENVIRONMENT if own else "cdktf-fixer's environment", str(package_dir)
    snapshots = snapshot_files(spec)
    if not snapshots:
        return None, "none", None
    return snapshots[-1].name[len(spec.distribution) + 1 : -len(".json.gz")], "snapshot shipped with cdktf-fixer", None


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
    if installed is not None:
        package_dir, version = installed
        cached = cache_dir() / "providers" / f"{spec.distribution}-{version}.json"
        source = f"installed:{package_dir}"
        try:
            data = json.loads(cached.read_text(encoding="utf-8"))
            return ProviderIndex(spec, version, source, data["modules"])
        except (OSError, ValueError, KeyError):
            pass
        modules = read_installed(spec, package_dir)
        index = ProviderIndex(spec, version, source, modules)
        _write_cache(cached, index)
        return index
    snapshots = snapshot_files(spec)
    if not snapshots:
        return None
    data = load_snapshot(snapshots[-1])
    return ProviderIndex(spec, data["version"], f"snapshot:{snapshots[-1].name}", data["modules"])


def _write_cache(path: Path, index: ProviderIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(index.to_json()), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home must not stop a run; the index is rebuilt next time
        print(f"cdktf-fixer: could not cache provider index at {path}: {exc}", file=sys.stderr)
