"""Facts about a whole CDKTF project, built once per project root and shared by every file's rules.

`facts.py` reads one file, `roots.py` assigns files to projects, and this module holds the index of a
project's files and the questions rules ask it.

A project root is the nearest folder holding `cdktf.json`; without one, the folder given on the command
line. Rules ask the context; they never rebuild it per file. The class index uses the standard `ast`
parser (C speed, ~10x LibCST) on only the files that mention a construct base class, so the cost of
whole-project questions stays a small fraction of the per-file LibCST work.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from fixer.discovery import is_test_path, iter_python_files, repository_folders
from fixer.paths import resolved
from fixer.project.facts import (
    CONSTRUCT_BASES,
    ID_KEPT,
    SUFFIX,
    ClassInfo,
    FileFacts,
    Site,
    calls_synth,
    id_kept_by_comment,
    may_define_constructs,
    read_facts,
    takes_construct_id,
    top_level_names,
    uses_a_class_pattern,
)
from fixer.project.roots import assign_roots
from fixer.providers import (
    ProviderIndex,
    ProviderSpec,
    load_index,
    pinned_mismatch,
    provider_package,
    spec_for,
)
from fixer.textio import decode

T = TypeVar("T")

# Words rules ask about the whole project (`mentions`): outputs, flow logs, Lambda layers anywhere.
PROJECT_TOKENS = ("TerraformOutput", "FlowLog", "layers=")




def module_parts(path: Path, root: Path) -> tuple[str, ...] | None:
    """The dotted module name's parts of a resolved file below a resolved root (`pkg/__init__.py` is
    `pkg`), or None when the file is not below it: `path.relative_to(root).with_suffix("")`, in string
    operations, as the index asks it of every file of a project."""
    folder = os.fspath(root)
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    name = os.fspath(path)
    if not name.startswith(prefix) or len(name) == len(prefix):
        return None
    parts = name[len(prefix):].split(os.sep)
    last = parts[-1]
    dot = last.rfind(".")
    if 0 < dot < len(last) - 1:  # PurePath.suffix: a leading dot or a trailing one is no suffix
        parts[-1] = last[:dot]
    if parts[-1] == "__init__":
        parts.pop()
    return tuple(parts)


@dataclass
class ProjectContext:
    root: Path
    has_cdktf_json: bool
    classes: dict[str, list[ClassInfo]] = field(default_factory=dict)
    sites: list[Site] = field(default_factory=list)
    # per file: the variable the entry reads ENVIRONMENT_SUFFIX into, if any
    suffix_variables: dict[Path, str] = field(default_factory=dict)
    local_modules: frozenset[str] = frozenset()
    module_names: dict[str, frozenset[str]] = field(default_factory=dict)  # dotted module -> top-level names
    _providers: dict[str, ProviderIndex | None] = field(default_factory=dict, repr=False)
    tokens: set[str] = field(default_factory=set)  # which PROJECT_TOKENS occur in the project's files
    # files the index could not read (path -> why): project-wide rules know nothing of them, the run says so
    unreadable: dict[Path, str] = field(default_factory=dict)
    # what rules conclude from the facts, computed once per project (`derived`), never part of the facts
    _derived: dict[str, object] = field(default_factory=dict, repr=False)
    # the bytes of the run's files the index read, by resolved path, until the engine takes them
    _read: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        root: Path,
        files: Sequence[Path] | None = None,
        index_classes: bool = True,
        facts_cache: dict | None = None,
        keep: Sequence[Path] = (),
    ) -> ProjectContext:
        """A CDKTF project (root with cdktf.json) is read whole; without cdktf.json there is no project
        beyond what the run was given, so only `files` are read (all of root when None). `keep`: the files
        the run will check; the bytes the index reads of them are kept for `take_bytes`, so each is read
        once."""
        root = resolved(root)
        context = cls(root=root, has_cdktf_json=(root / "cdktf.json").is_file())
        members = iter_python_files(root) if context.has_cdktf_json or files is None else files
        kept = {os.fspath(resolved(path)) for path in keep}
        modules: set[str] = set()
        unmarked: list[tuple[Path, str, bytes]] = []
        for path in members:
            real = resolved(path)
            parts = module_parts(real, root)
            if parts is None:
                continue
            if parts:
                modules.add(".".join(parts))
            if index_classes:
                key = os.fspath(real) if kept else None
                data = context._index_file(path, ".".join(parts), facts_cache, force=False,
                                           keep=key if key in kept else None)
                if data is not None:
                    unmarked.append((path, ".".join(parts), data))
        # Files that subclass or use project constructs without naming Construct or TerraformStack
        # (`class Net(BaseStack)`, `Net(stack, id=...)`) name a construct class the index already knows:
        # add them until nothing new turns up. Only construct names count, so the unrelated code of a
        # monorepo is never parsed.
        searched: set[str] = set()
        while index_classes and unmarked:
            context.__dict__.pop("construct_class_names", None)
            fresh = sorted(context.construct_class_names - searched)
            if not fresh:
                break
            searched |= context.construct_class_names
            names = [n.encode() for n in fresh]
            uses = uses_a_class_pattern(fresh)
            still = []
            for path, dotted, data in unmarked:
                # the substring test first: it rules out most files at memchr speed
                if any(name in data for name in names) and uses.search(data):
                    context._index_file(path, dotted, facts_cache, force=True, data=data)
                else:
                    still.append((path, dotted, data))
            unmarked = still
        context.__dict__.pop("construct_class_names", None)
        context.local_modules = frozenset(modules)
        return context

    def _index_file(
        self, path: Path, dotted: str, facts_cache: dict | None, force: bool, data: bytes | None = None,
        keep: str | None = None,
    ) -> bytes | None:
        """Add one file's facts. Returns its bytes when it was passed over for want of a marker. `keep`:
        the file's resolved path when it is one of the run's files, whose bytes are kept (`take_bytes`)."""
        if data is None:
            try:
                data = path.read_bytes()
            except OSError:
                return None
            self.tokens.update(t for t in PROJECT_TOKENS if t.encode() in data)
            if keep is not None:
                self._read[keep] = data
        if not force and not may_define_constructs(data):
            return data
        facts = None
        key = hashlib.sha256(data).hexdigest() if facts_cache is not None else ""
        if facts_cache is not None and key in facts_cache:
            try:
                facts = FileFacts.from_json(facts_cache[key], path)
            except (ValueError, KeyError, TypeError):
                facts = None  # written by a version whose facts had another shape: read the file again
        if facts is None:
            facts = read_facts(data, path)
            if facts_cache is not None:
                facts_cache[key] = facts.to_json()
        if facts.unreadable is not None:
            self.unreadable[path] = facts.unreadable
        if facts.module_names is not None:
            self.module_names[dotted] = frozenset(facts.module_names)
        for info in facts.classes:
            self.classes.setdefault(info.name, []).append(info)
        self.sites.extend(facts.sites)
        if facts.suffix_variable:
            self.suffix_variables[path] = facts.suffix_variable
        return None

    def take_bytes(self, path: str | Path) -> bytes | None:
        """The bytes the index read of one of the run's files, given up to the caller (read them again
        when None)."""
        return self._read.pop(os.fspath(resolved(path)), None) if self._read else None

    @cached_property
    def digest(self) -> str:
        """A hash of every project fact a rule may use: a result cached for one file stays valid only
        while the rest of the project says the same."""
        facts = {
            "root": str(self.root),
            "cdktf": self.has_cdktf_json,
            "app": self.app_command(),
            "modules": sorted(self.local_modules),
            "names": {k: sorted(v) for k, v in sorted(self.module_names.items())},
            # rows serialized before sorting: they mix None and tuples, which do not compare
            "classes": sorted(
                json.dumps([i.name, str(i.path), i.bases, i.init_params, i.construct_id_taken, i.init_defaults,
                            i.has_var_keyword, i.defines_suffix, i.provider_calls, i.reads_suffix, i.init_kwonly])
                for infos in self.classes.values() for i in infos
            ),
            "sites": sorted(
                json.dumps([s.callee, str(s.path), s.line, s.enclosing_class, s.enclosing_function, s.first,
                            sorted(s.keywords), s.positional])
                for s in self.sites
            ),
            "suffix": sorted((str(k), v) for k, v in self.suffix_variables.items()),
            "tokens": sorted(self.tokens),
            "unreadable": sorted(str(p) for p in self.unreadable),
        }
        return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()

    # --- stacks and their children ------------------------------------------------------------------

    def sites_of(self, class_name: str) -> list[Site]:
        return self._sites_by_callee.get(class_name, [])

    @cached_property
    def _sites_by_callee(self) -> dict[str, list[Site]]:
        by_callee: dict[str, list[Site]] = {}
        for site in self.sites:
            by_callee.setdefault(site.callee, []).append(site)
        return by_callee

    def _inside_construct(self, site: Site) -> bool:
        return site.enclosing_class is not None and self.is_construct_class(site.enclosing_class)

    def is_child_site(self, site: Site) -> bool:
        """Created inside a stack or construct's method, with `self` or that method's scope parameter."""
        return self._inside_construct(site) and site.first in ("self", "scope")

    @cached_property
    def entry(self) -> Path | None:
        """The script cdktf.json's `app` runs (else tap.py or main.py at the root), relative to the root."""
        command = self.app_command() or ""
        for token in command.split():
            if token.endswith(".py"):
                return Path(token)
        for name in ("tap.py", "main.py"):
            if (self.root / name).is_file():
                return Path(name)
        # no cdktf.json and no conventional entry: the shallowest script that synthesizes the app
        scripts = sorted(
            (p for p in iter_python_files(self.root) if "test" not in p.name and calls_synth(p)),
            key=lambda p: (len(p.relative_to(self.root).parts), str(p)),
        )
        return scripts[0].relative_to(self.root) if scripts else None

    @cached_property  # asked by CTB005's screen of every file
    def entry_runs_from_root(self) -> bool:
        """Whether the entry's folder, the first entry of sys.path when it runs, is the project root."""
        return self.entry is None or self.entry.parent == Path(".")

    @cached_property
    def main_stacks(self) -> frozenset[str]:
        """Stacks the project builds with an App as scope."""
        return frozenset(s.callee for s in self.sites if s.first == "app" and s.callee in self.construct_class_names)

    def mentions(self, token: str) -> bool:
        """Whether any Python file of the project contains `token`, one of PROJECT_TOKENS (noted while
        the files are read for the index, so a rule that asks must set `uses_project_classes`)."""
        assert token in PROJECT_TOKENS, token
        return token in self.tokens

    def has_package(self, name: str) -> bool:
        return name in self._top_packages

    @cached_property
    def _top_packages(self) -> frozenset[str]:
        return frozenset(m.split(".", 1)[0] for m in self.local_modules if "." in m)

    def names_in_module(self, dotted: str) -> frozenset[str] | None:
        """Top-level names a project module defines (None: no such module), read on first request."""
        if dotted not in self.module_names:
            base = self.root.joinpath(*dotted.split("."))
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file():
                    try:
                        tree = ast.parse(decode(candidate.read_bytes()).text)
                    except (OSError, SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError):
                        return None
                    self.module_names[dotted] = frozenset(top_level_names(tree))
                    break
            else:
                return None
        return self.module_names[dotted]

    def sites_in(self, path: str | Path) -> list[Site]:
        return self._sites_by_path.get(resolved(path), [])

    def classes_in(self, path: str | Path) -> list[ClassInfo]:
        return self._classes_by_path.get(resolved(path), [])

    @cached_property
    def _sites_by_path(self) -> dict[Path, list[Site]]:
        by_path: dict[Path, list[Site]] = {}
        for site in self.sites:
            by_path.setdefault(resolved(site.path), []).append(site)
        return by_path

    @cached_property
    def _classes_by_path(self) -> dict[Path, list[ClassInfo]]:
        by_path: dict[Path, list[ClassInfo]] = {}
        for infos in self.classes.values():
            for info in infos:
                by_path.setdefault(resolved(info.path), []).append(info)
        return by_path

    def is_stack_class(self, name: str) -> bool:
        """Derives from TerraformStack, directly or through project classes."""
        seen: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop()
            if current == "TerraformStack":
                return True
            if current in seen:
                continue
            seen.add(current)
            for info in self.classes.get(current, []):
                pending.extend(info.bases)
        return False

    def class_info(self, name: str) -> ClassInfo | None:
        infos = self.classes.get(name)
        return infos[0] if infos and len(infos) == 1 else None

    # --- construct classes --------------------------------------------------------------------------

    @cached_property
    def construct_class_names(self) -> frozenset[str]:
        """Project classes deriving from Construct/TerraformStack, directly or through project classes."""
        known = set(CONSTRUCT_BASES)
        changed = True
        while changed:
            changed = False
            for name, infos in self.classes.items():
                if name not in known and any(b in known for info in infos for b in info.bases):
                    known.add(name)
                    changed = True
        return frozenset(known - CONSTRUCT_BASES) | frozenset(
            name for name in CONSTRUCT_BASES if name in self.classes
        )

    def is_construct_class(self, name: str, local_bases: dict[str, tuple[str, ...]] | None = None) -> bool:
        """Whether class `name` is a construct; `local_bases` adds classes defined in the current file."""
        if name in CONSTRUCT_BASES or name in self.construct_class_names:
            return True
        if local_bases and name in local_bases:
            seen = {name}
            pending = list(local_bases[name])
            while pending:
                base = pending.pop()
                if base in CONSTRUCT_BASES or base in self.construct_class_names:
                    return True
                if base in local_bases and base not in seen:
                    seen.add(base)
                    pending.extend(local_bases[base])
        return False

    def derived(self, key: str, compute: Callable[[ProjectContext], T]) -> T:
        """A rule family's conclusion about the whole project (which stacks are children, which main
        stack needs a suffix), computed from the facts on first use and shared by every file."""
        if key not in self._derived:
            self._derived[key] = compute(self)
        return self._derived[key]  # type: ignore[return-value]

    # --- providers -----------------------------------------------------------------------------------

    def provider(self, spec: ProviderSpec) -> ProviderIndex | None:
        """The provider's index, or None when there is none or when the project pins a version it does
        not describe (answers about names and arguments must be right on the project's own pins)."""
        if spec.package not in self._providers:
            usable = pinned_mismatch(spec, self.root) is None
            self._providers[spec.package] = load_index(spec, self.root) if usable else None
        return self._providers[spec.package]

    def provider_for_package(self, package: str) -> ProviderIndex | None:
        """The index of the provider an import's package names (prebuilt or `imports/` bindings)."""
        return self.provider(spec_for(package)) if provider_package(package) == package else None

    @cached_property
    def distribution(self) -> Path | None:
        """The file that packages this project for others to install (a pyproject.toml with a [project]
        or [tool.poetry] table, or setup.py / setup.cfg): at an app's root (a folder with cdktf.json,
        which a package above it in a monorepo does not ship), else at or above the root inside the
        repository (a library of constructs)."""
        for folder in [self.root] if self.has_cdktf_json else repository_folders(self.root):
            for name in ("setup.py", "setup.cfg"):
                if (folder / name).is_file():
                    return folder / name
            pyproject = folder / "pyproject.toml"
            if pyproject.is_file():
                try:
                    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                    data = {}
                if "project" in data or "poetry" in data.get("tool", {}):
                    return pyproject
        return None

    def is_library_module(self, path: str | Path) -> bool:
        """Whether others can import this file from the project's distribution: the project is packaged
        and the file is a module of a package (or under src/), not the entry script nor a test."""
        if self.distribution is None:
            return False
        path = Path(path).resolve()
        if is_test_path(path, self.root) or (self.entry is not None and path == (self.root / self.entry).resolve()):
            return False
        base = self.distribution.parent
        return (path.parent / "__init__.py").is_file() or (path.is_relative_to(base) and "src" in path.relative_to(base).parts)

    def app_command(self) -> str | None:
        try:
            return json.loads((self.root / "cdktf.json").read_text(encoding="utf-8")).get("app")
        except (OSError, ValueError, AttributeError):
            return None




__all__ = [
    "CONSTRUCT_BASES", "ID_KEPT", "SUFFIX", "ClassInfo", "FileFacts", "ProjectContext", "Site", "assign_roots",
    "id_kept_by_comment", "takes_construct_id",
]
