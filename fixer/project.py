"""Facts about a whole CDKTF project, built once per project root and shared by every file's rules.

A project root is the nearest folder holding `cdktf.json`; without one, the folder given on the command
line. Rules ask the context; they never rebuild it per file. The class index uses the standard `ast`
parser (C speed, ~10x LibCST) on only the files that mention a construct base class, so the cost of
whole-project questions stays a small fraction of the per-file LibCST work.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fixer.discovery import is_test_path, iter_python_files, repository_folders
from fixer.providers import (
    PROVIDERS,
    ProviderIndex,
    ProviderSpec,
    load_index,
    pinned_mismatch,
)

# Words rules ask about the whole project (`mentions`): outputs, flow logs, Lambda layers anywhere.
PROJECT_TOKENS = ("TerraformOutput", "FlowLog", "layers=")
# Library base classes whose subclasses are constructs: their __init__ takes (scope, id).
CONSTRUCT_BASES = frozenset({"Construct", "TerraformStack"})
# What a file must contain to possibly define a construct subclass.
def _names_construct_roots(data: bytes) -> bool:
    """Whether a file can define or use constructs at first sight: it imports from cdktf, or names
    Construct together with the constructs package (`ConstructorError` alone does not count)."""
    return b"cdktf" in data or (b"Construct" in data and b"constructs" in data)


@dataclass
class ClassInfo:
    name: str
    path: Path
    bases: tuple[str, ...]  # last dotted part of each base expression
    init_params: tuple[str, ...] | None  # None: no __init__ of its own
    construct_id_taken: bool  # `id` stays: `construct_id` already names something in __init__, or a comment keeps it
    init_defaults: int = 0  # how many of the positional parameters have defaults
    has_var_keyword: bool = False  # __init__ takes **kwargs
    defines_suffix: bool = False  # __init__ binds `environment_suffix` or `self.environment_suffix` itself
    reads_suffix: bool = False  # __init__ reads a name `environment_suffix` that nothing in the file binds
    provider_calls: tuple[tuple[str, int], ...] = ()  # (class, line) of providers/backends it creates


@dataclass(frozen=True)
class SuffixPlan:
    main: str
    path: Path  # file defining the main stack
    children: list[Site]  # calls inside main.__init__ that omit a suffix the child requires
    reads_suffix: bool  # main.__init__ reads `environment_suffix` without binding it (NameError at synth)
    calls: list[Site]  # calls of the main stack that do not pass one
    conflict: bool  # a call passes positional arguments where the new parameter would go
    insert_at: int  # index in __init__'s parameters (counting self) for the new parameter


@dataclass(frozen=True)
class Site:
    """One call `ProjectClass(first, ...)` somewhere in the project."""

    callee: str
    path: Path
    line: int
    enclosing_class: str | None
    enclosing_function: str | None
    first: str  # "self", "scope" (the enclosing function's scope parameter), "app", "none" or "other"
    keywords: frozenset[str]
    positional: int


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

    @classmethod
    def build(
        cls,
        root: Path,
        files: Sequence[Path] | None = None,
        index_classes: bool = True,
        facts_cache: dict | None = None,
    ) -> ProjectContext:
        """A CDKTF project (root with cdktf.json) is read whole; without cdktf.json there is no project
        beyond what the run was given, so only `files` are read (all of root when None)."""
        root = root.resolve()
        context = cls(root=root, has_cdktf_json=(root / "cdktf.json").is_file())
        members = iter_python_files(root) if context.has_cdktf_json or files is None else files
        modules: set[str] = set()
        unmarked: list[tuple[Path, str, bytes]] = []
        for path in members:
            try:
                relative = path.resolve().relative_to(root).with_suffix("")
            except ValueError:
                continue
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            if parts:
                modules.add(".".join(parts))
            if index_classes:
                data = context._index_file(path, ".".join(parts), facts_cache, force=False)
                if data is not None:
                    unmarked.append((path, ".".join(parts), data))
        # Files that subclass or use project constructs without naming Construct or TerraformStack
        # (`class Net(BaseStack)`, `Net(stack, id=...)`) name a construct class the index already knows:
        # add them until nothing new turns up. Only construct names count, so the unrelated code of a
        # monorepo is never parsed.
        searched: set[str] = set()
        while index_classes and unmarked:
            context.__dict__.pop("construct_class_names", None)
            names = [n.encode() for n in context.construct_class_names - searched]
            if not names:
                break
            searched |= context.construct_class_names
            still = []
            for path, dotted, data in unmarked:
                if any(name in data for name in names):
                    context._index_file(path, dotted, facts_cache, force=True, data=data)
                else:
                    still.append((path, dotted, data))
            unmarked = still
        context.__dict__.pop("construct_class_names", None)
        context.local_modules = frozenset(modules)
        return context

    def _index_file(
        self, path: Path, dotted: str, facts_cache: dict | None, force: bool, data: bytes | None = None
    ) -> bytes | None:
        """Add one file's facts. Returns its bytes when it was passed over for want of a marker."""
        if data is None:
            try:
                data = path.read_bytes()
            except OSError:
                return None
            self.tokens.update(t for t in PROJECT_TOKENS if t.encode() in data)
        if not force and not _names_construct_roots(data):
            return data
        facts = None
        key = hashlib.sha256(data).hexdigest() if facts_cache is not None else ""
        if facts_cache is not None and key in facts_cache:
            try:
                facts = FileFacts.from_json(facts_cache[key], path)
            except (ValueError, KeyError, TypeError):
                facts = None  # written by a version whose facts had another shape: read the file again
        if facts is None:
            facts = _file_facts(data, path)
            if facts_cache is not None:
                facts_cache[key] = facts.to_json()
        if facts.module_names is not None:
            self.module_names[dotted] = frozenset(facts.module_names)
        for info in facts.classes:
            self.classes.setdefault(info.name, []).append(info)
        self.sites.extend(facts.sites)
        if facts.suffix_variable:
            self.suffix_variables[path] = facts.suffix_variable
        return None

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
                            i.has_var_keyword, i.defines_suffix, i.provider_calls, i.reads_suffix])
                for infos in self.classes.values() for i in infos
            ),
            "sites": sorted(
                json.dumps([s.callee, str(s.path), s.line, s.enclosing_class, s.enclosing_function, s.first,
                            sorted(s.keywords), s.positional])
                for s in self.sites
            ),
            "suffix": sorted((str(k), v) for k, v in self.suffix_variables.items()),
            "tokens": sorted(self.tokens),
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
    def child_stacks(self) -> frozenset[str]:
        """Project classes deriving directly from TerraformStack that are only ever created inside another
        stack or construct, never with an App as scope: in CDKTF they must be Constructs (catalog A1)."""
        found = set()
        for name, infos in self.classes.items():
            if len(infos) != 1 or "TerraformStack" not in infos[0].bases:
                continue
            if any(call.endswith("Provider") for call, _ in infos[0].provider_calls):
                # A nested stack with a provider of its own synthesizes as a separate configuration, and
                # projects deploy it that way (corpus Pr6426): converting it would only move its state.
                continue
            sites = self.sites_of(name)
            if sites and all(self.is_child_site(s) for s in sites):
                found.add(name)
        return frozenset(found)

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
            (p for p in iter_python_files(self.root) if "test" not in p.name and _calls_synth(p)),
            key=lambda p: (len(p.relative_to(self.root).parts), str(p)),
        )
        return scripts[0].relative_to(self.root) if scripts else None

    @property
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
                        tree = ast.parse(candidate.read_text(encoding="utf-8-sig"))
                    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
                        return None
                    self.module_names[dotted] = frozenset(_top_level_names(tree))
                    break
            else:
                return None
        return self.module_names[dotted]

    def sites_in(self, path: str | Path) -> list[Site]:
        return self._sites_by_path.get(Path(path).resolve(), [])

    def classes_in(self, path: str | Path) -> list[ClassInfo]:
        return self._classes_by_path.get(Path(path).resolve(), [])

    @cached_property
    def _sites_by_path(self) -> dict[Path, list[Site]]:
        by_path: dict[Path, list[Site]] = {}
        for site in self.sites:
            by_path.setdefault(site.path.resolve(), []).append(site)
        return by_path

    @cached_property
    def _classes_by_path(self) -> dict[Path, list[ClassInfo]]:
        by_path: dict[Path, list[ClassInfo]] = {}
        for infos in self.classes.values():
            for info in infos:
                by_path.setdefault(info.path.resolve(), []).append(info)
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

    def is_child_class(self, name: str) -> bool:
        """A project construct that belongs inside a stack: a Construct subclass, or a child stack."""
        return name in self.construct_class_names and (name in self.child_stacks or not self.is_stack_class(name))

    @cached_property
    def suffix_plans(self) -> dict[str, SuffixPlan]:
        """Main stacks whose children need an environment suffix the stack does not take (catalog A4/F4)."""
        plans = {}
        for main in sorted(self.main_stacks):
            info = self.class_info(main)
            if info is None or info.init_params is None or SUFFIX in info.init_params or info.defines_suffix:
                continue
            children = [
                s
                for s in self.sites
                if s.enclosing_class == main and s.enclosing_function == "__init__" and self._needs_suffix(s)
            ]
            if not children and not info.reads_suffix:
                continue
            positional = [p for p in info.init_params if p != "self"]
            required = len(positional) - info.init_defaults
            calls = [s for s in self.sites_of(main) if SUFFIX not in s.keywords]
            conflict = any(s.positional > required for s in calls)
            plans[main] = SuffixPlan(main, info.path, children, info.reads_suffix, calls, conflict,
                                     insert_at=required + 1)
        return plans

    def _needs_suffix(self, site: Site) -> bool:
        info = self.class_info(site.callee)
        if info is None or info.init_params is None or SUFFIX not in info.init_params:
            return False
        position = info.init_params.index(SUFFIX)  # counting `self`
        return SUFFIX not in site.keywords and site.positional < position

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

    def construct_id_keyword_target(self, class_name: str) -> bool:
        """True when calls `class_name(..., id=...)` must say `construct_id=`: every project class of that
        name is a construct whose __init__ takes (or, once fixed, will take) `construct_id` and not `id`."""
        infos = self.classes.get(class_name)
        if not infos or class_name not in self.construct_class_names:
            return False
        # an inherited __init__ (params None): the parent's signature decides; too indirect to rewrite
        return all(
            info.init_params is not None and takes_construct_id(info.init_params, info.construct_id_taken)
            for info in infos
        )

    # --- providers -----------------------------------------------------------------------------------

    def provider(self, spec: ProviderSpec) -> ProviderIndex | None:
        """The provider's index, or None when there is none or when the project pins a version it does
        not describe (answers about names and arguments must be right on the project's own pins)."""
        if spec.package not in self._providers:
            usable = pinned_mismatch(spec, self.root) is None
            self._providers[spec.package] = load_index(spec, self.root) if usable else None
        return self._providers[spec.package]

    def provider_for_package(self, package: str) -> ProviderIndex | None:
        spec = next((p for p in PROVIDERS if p.package == package), None)
        return self.provider(spec) if spec else None

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
        return (path.parent / "__init__.py").is_file() or "src" in path.relative_to(self.distribution.parent).parts

    def app_command(self) -> str | None:
        try:
            return json.loads((self.root / "cdktf.json").read_text(encoding="utf-8")).get("app")
        except (OSError, ValueError, AttributeError):
            return None


# The author keeps `id` on purpose: the lint gate is silenced for it, or cdktf-fixer's CTA003 is.
ID_KEPT = re.compile(
    r"#.*\b(?:pylint:\s*disable=[\w,\s-]*\b(?:redefined-builtin|W0622)\b|noqa(?::[\w,\s]*\bA002\b|(?![:\w]))"
    r"|cdktf-fixer:\s*ignore(?:\[[\w,\s]*\bCTA(?:003)?\b|(?!\[)))"
)


def id_kept_by_comment(lines: Sequence[str], line_numbers: Sequence[int]) -> bool:
    """A comment on one of these lines (1-based) says the `id` parameter stays."""
    return any(ID_KEPT.search(lines[n - 1]) for n in set(line_numbers) if 0 < n <= len(lines))


def takes_construct_id(params: Sequence[str], construct_id_taken: bool) -> bool:
    """Whether an __init__ with these parameters takes (or, once CTA003 renames `id`, will take)
    `construct_id` and not `id`: then its callers must pass `construct_id=`."""
    renamable = "id" in params and not construct_id_taken
    already = "construct_id" in params and "id" not in params
    return renamable or already


def _calls_synth(path: Path) -> bool:
    try:
        return ".synth()" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _base_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


@dataclass
class FileFacts:
    """What one file tells the project index; a function of the file's content alone (the path is
    attached when read back), so the facts cache is keyed by content."""

    module_names: list[str] | None
    classes: list[ClassInfo]
    sites: list[Site]
    suffix_variable: str | None

    def to_json(self) -> dict:
        return {
            "names": self.module_names,
            "classes": [
                [c.name, list(c.bases), c.init_params, c.construct_id_taken, c.init_defaults, c.has_var_keyword,
                 c.defines_suffix, [list(p) for p in c.provider_calls], c.reads_suffix]
                for c in self.classes
            ],
            "sites": [
                [s.callee, s.line, s.enclosing_class, s.enclosing_function, s.first, sorted(s.keywords), s.positional]
                for s in self.sites
            ],
            "suffix": self.suffix_variable,
        }

    @classmethod
    def from_json(cls, data: dict, path: Path) -> FileFacts:
        classes = [
            ClassInfo(name, path, tuple(bases), tuple(params) if params is not None else None, taken,
                      init_defaults=defaults, has_var_keyword=var_keyword, defines_suffix=suffix, reads_suffix=reads,
                      provider_calls=tuple((p[0], p[1]) for p in providers))
            for name, bases, params, taken, defaults, var_keyword, suffix, providers, reads in data["classes"]
        ]
        sites = [
            Site(callee, path, line, klass, function, first, frozenset(keywords), positional)
            for callee, line, klass, function, first, keywords, positional in data["sites"]
        ]
        return cls(data["names"], classes, sites, data["suffix"])


def _file_facts(data: bytes, path: Path) -> FileFacts:
    empty = FileFacts(None, [], [], None)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return empty
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return empty  # the engine reports unparsable files; the index just knows nothing about them
    module_names = _top_level_names(tree)
    lines = text.splitlines()
    classes = [_class_info(node, path, module_names, lines) for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    collector = _SiteCollector(path)
    collector.visit(tree)
    return FileFacts(sorted(module_names), classes, collector.sites, collector.suffix_variable)


def _class_info(node: ast.ClassDef, path: Path, module_names: set[str], lines: Sequence[str]) -> ClassInfo:
    bases = tuple(b for b in (_base_name(e) for e in node.bases) if b)
    init = next(
        (s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__"),
        None,
    )
    providers = tuple(
        (name, call.lineno)
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        for name in [_base_name(call.func)]
        if name and name.endswith(("Provider", "Backend"))
    )
    if init is None:
        return ClassInfo(node.name, path, bases, None, False, provider_calls=providers)
    args = init.args
    params = tuple(a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))
    return ClassInfo(
        node.name,
        path,
        bases,
        params,
        "id" in params and (_mentions(init, "construct_id") or id_kept_by_comment(
            lines, (init.lineno, *(a.lineno for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if a.arg == "id")))),
        init_defaults=len(args.defaults),
        has_var_keyword=args.kwarg is not None,
        defines_suffix=_binds_suffix(init),
        reads_suffix=SUFFIX not in module_names and _reads_unbound_suffix(init),
        provider_calls=providers,
    )


SUFFIX = "environment_suffix"


def _binds_suffix(function: ast.AST) -> bool:
    """The __init__ already handles a suffix: binds `environment_suffix`, sets `self.environment_suffix`,
    or reads it from **kwargs (`kwargs.get("environment_suffix")`) or the environment."""
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == SUFFIX and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, ast.Attribute) and node.attr == SUFFIX and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, ast.Constant) and node.value in (SUFFIX, "ENVIRONMENT_SUFFIX"):
            return True
    return False


def _reads_unbound_suffix(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """The function reads the name `environment_suffix` and neither takes nor binds it anywhere."""
    reads = False
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == SUFFIX:
            if not isinstance(node.ctx, ast.Load):
                return False
            reads = True
        elif isinstance(node, ast.arg) and node.arg == SUFFIX:
            return False
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and SUFFIX in node.names:
            return False
    return reads


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _reads_suffix(value: ast.expr) -> bool:
    """`os.environ.get("ENVIRONMENT_SUFFIX", ...)`, `os.getenv("ENVIRONMENT_SUFFIX")`, `os.environ[...]`."""
    for node in ast.walk(value):
        if isinstance(node, ast.Constant) and node.value == "ENVIRONMENT_SUFFIX":
            return True
    return False


def _is_app(call: ast.Call) -> bool:
    """`App()`, `cdktf.App()` or `Testing.app()`."""
    func = call.func
    if _base_name(func) == "App":
        return True
    return isinstance(func, ast.Attribute) and func.attr == "app" and _base_name(func.value) == "Testing"


class _SiteCollector(ast.NodeVisitor):
    """Every call of a capitalized name with the class and function it stands in, and App variables."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sites: list[Site] = []
        self.classes: list[str] = []
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.app_names: set[str] = set()
        self.suffix_variable: str | None = None

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node: ast.Assign) -> None:
        if isinstance(node.value, ast.Call) and _is_app(node.value):
            self.app_names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        if not self.functions and _reads_suffix(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.suffix_variable = target.id
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _base_name(node.func)
        if name and name[:1].isupper():
            self.sites.append(
                Site(
                    callee=name,
                    path=self.path,
                    line=node.lineno,
                    enclosing_class=self.classes[-1] if self.classes and self.functions else None,
                    enclosing_function=self.functions[-1].name if self.functions else None,
                    first=self._first(node),
                    keywords=frozenset(k.arg for k in node.keywords if k.arg),
                    positional=len(node.args),
                )
            )
        self.generic_visit(node)

    def _first(self, node: ast.Call) -> str:
        if not node.args:
            return "none"
        first = node.args[0]
        if isinstance(first, ast.Call) and _is_app(first):
            return "app"
        if not isinstance(first, ast.Name):
            return "other"
        if first.id in self.app_names:
            return "app"
        if first.id == "self":
            return "self"
        function = self.functions[-1] if self.functions else None
        if function is not None and len(function.args.args) > 1 and function.args.args[1].arg == first.id:
            return "scope"
        return "other"


def _mentions(function: ast.AST, name: str) -> bool:
    """Any identifier `name` in the function, as LibCST sees Names: variables, parameters, keywords of
    calls and attribute names (codemods.structure.construct_id_parameter applies the same test)."""
    for node in ast.walk(function):
        if (
            (isinstance(node, ast.Name) and node.id == name)
            or (isinstance(node, ast.arg) and node.arg == name)
            or (isinstance(node, ast.keyword) and node.arg == name)
            or (isinstance(node, ast.Attribute) and node.attr == name)
        ):
            return True
    return False


def _cdktf_folder(start: Path, memo: dict[Path, Path | None] | None = None) -> Path | None:
    """Nearest folder at or above `start` with cdktf.json; `memo` spares the files of one run from
    asking the same folders again."""
    if memo is not None and start in memo:
        return memo[start]
    if (start / "cdktf.json").is_file():
        found: Path | None = start
    else:
        found = None if start.parent == start else _cdktf_folder(start.parent, memo)
    if memo is not None:
        memo[start] = found
    return found


def assign_roots(given: Sequence[Path], files: Sequence[Path]) -> dict[Path, Path]:
    """Each file's project root: the nearest folder above it holding cdktf.json, else the folder named on
    the command line that contains it (for a file named directly, its folder)."""
    folders = sorted((g.resolve() for g in given if g.is_dir()), key=lambda g: len(g.parts), reverse=True)
    roots = {}
    memo: dict[Path, Path | None] = {}
    for file in files:
        resolved = file.resolve()
        found = _cdktf_folder(resolved.parent, memo)
        if found is None:
            found = next((g for g in folders if resolved.is_relative_to(g)), resolved.parent)
        roots[file] = found
    return roots
