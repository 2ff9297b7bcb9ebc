"""What one file tells the project index, read with Python's `ast` (C speed, ~10x LibCST): the classes
it defines (bases, `__init__` parameters), every call of a capitalized name with where it stands, and the
variable an entry reads ENVIRONMENT_SUFFIX into. A function of the file's content alone, so it is cached
by content."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fixer.deep import in_deep_thread
from fixer.textio import decode

# Library base classes whose subclasses are constructs: their __init__ takes (scope, id).
CONSTRUCT_BASES = frozenset({"Construct", "TerraformStack"})

# What a file must contain to possibly define a construct subclass.
def may_define_constructs(data: bytes) -> bool:
    """Whether a file can define or use constructs at first sight: it imports from cdktf (or CDK
    Terrain's cdktn), or names Construct together with the constructs package (`ConstructorError` alone
    does not count)."""
    return b"cdktf" in data or b"cdktn" in data or (b"Construct" in data and b"constructs" in data)

def uses_a_class_pattern(names: Sequence[str]) -> re.Pattern[bytes]:
    """Where a file's code can call one of `names` or derive from it, as the index records those facts: the
    name as a whole word followed, past spaces, comments and line continuations, by `(` (a call, a site) or
    by `,` or `)` (a base class; `_base_name` reads a plain or dotted name). A file that holds a name only
    inside a longer word or in prose ("... a Network.") tells the index nothing about that class."""
    words = b"|".join(re.escape(name.encode()) for name in names)
    return re.compile(rb"\b(?:" + words + rb")\b(?:\s|\\|#[^\r\n]*)*[(),]")


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
    init_kwonly: int = 0  # how many of init_params are keyword-only (after `*` or `*args`)

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

def calls_synth(path: Path) -> bool:
    try:
        return ".synth()" in decode(path.read_bytes()).text
    except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
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
    # why the index knows nothing of the file (it does not decode or parse); said in the run's output
    unreadable: str | None = None

    def to_json(self) -> dict:
        return {
            "names": self.module_names,
            "classes": [
                [c.name, list(c.bases), c.init_params, c.construct_id_taken, c.init_defaults, c.has_var_keyword,
                 c.defines_suffix, [list(p) for p in c.provider_calls], c.reads_suffix, c.init_kwonly]
                for c in self.classes
            ],
            "sites": [
                [s.callee, s.line, s.enclosing_class, s.enclosing_function, s.first, sorted(s.keywords), s.positional]
                for s in self.sites
            ],
            "suffix": self.suffix_variable,
            "unreadable": self.unreadable,
        }

    @classmethod
    def from_json(cls, data: dict, path: Path) -> FileFacts:
        classes = [
            ClassInfo(name, path, tuple(bases), tuple(params) if params is not None else None, taken,
                      init_defaults=defaults, has_var_keyword=var_keyword, defines_suffix=suffix, reads_suffix=reads,
                      provider_calls=tuple((p[0], p[1]) for p in providers), init_kwonly=kwonly)
            for name, bases, params, taken, defaults, var_keyword, suffix, providers, reads, kwonly in data["classes"]
        ]
        sites = [
            Site(callee, path, line, klass, function, first, frozenset(keywords), positional)
            for callee, line, klass, function, first, keywords, positional in data["sites"]
        ]
        return cls(data["names"], classes, sites, data["suffix"], data.get("unreadable"))

def read_facts(data: bytes, path: Path) -> FileFacts:
    """The file's facts; a file nested too deeply for the default recursion limit (the collectors are
    recursive `ast` visitors) is read again in a deep thread, and one too deep even there is unreadable."""
    try:
        return _read_facts(data, path)
    except RecursionError:
        pass
    try:
        return in_deep_thread(_read_facts, data, path)
    except RecursionError:
        return FileFacts(None, [], [], None, unreadable="too deeply nested for the project index")


def _read_facts(data: bytes, path: Path) -> FileFacts:
    # Decoded as the engine decodes (PEP 263 cookie, BOM): a latin-1 file the engine fixes must not be a
    # file the index silently knows nothing about, or every project-wide rule is blind to it.
    try:
        text = decode(data).text
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return FileFacts(None, [], [], None, unreadable=f"cannot decode: {exc}")
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError) as exc:
        # the engine reports the file itself; the run still says the index knows nothing of it
        where = f" (line {exc.lineno})" if isinstance(exc, SyntaxError) and exc.lineno else ""
        reason = exc.msg if isinstance(exc, SyntaxError) else f"{type(exc).__name__}: {exc}"
        return FileFacts(None, [], [], None, unreadable=f"cannot parse{where}: {reason}")
    module_names = top_level_names(tree)
    lines = text.splitlines()
    # what the class facts look for, said once per file: a fact whose words the text lacks is not searched
    # for in each class (an identifier or string is spelled out in the source: `ENVIRONMENT_SUFFIX` too)
    wanted = _Wanted("construct_id" in text, "UFFIX" in text.upper())
    collector = _SiteCollector(path)
    collector.visit(tree)
    # in `ast.walk`'s order (breadth first), as the index always listed them: by depth, then in the
    # order the depth-first walk met them
    found = sorted(collector.class_defs, key=lambda entry: entry[:2])
    classes = [_class_info(node, path, module_names, lines, wanted, providers) for _, _, node, providers in found]
    return FileFacts(sorted(module_names), classes, collector.sites, collector.suffix_variable)

@dataclass(frozen=True)
class _Wanted:
    construct_id: bool
    suffix: bool


def _class_info(node: ast.ClassDef, path: Path, module_names: set[str], lines: Sequence[str],
                wanted: _Wanted, provider_calls: list[tuple[int, int, str, int]]) -> ClassInfo:
    """`provider_calls`: (depth, order, class, line) of the provider and backend calls in the class."""
    bases = tuple(b for b in (_base_name(e) for e in node.bases) if b)
    init = next(
        (s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__"),
        None,
    )
    providers = tuple((name, line) for _, _, name, line in sorted(provider_calls))  # ast.walk's order too
    if init is None:
        return ClassInfo(node.name, path, bases, None, False, provider_calls=providers)
    args = init.args
    params = tuple(a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))
    return ClassInfo(
        node.name,
        path,
        bases,
        params,
        "id" in params and ((wanted.construct_id and _mentions(init, "construct_id")) or id_kept_by_comment(
            lines, (init.lineno, *(a.lineno for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if a.arg == "id")))),
        init_defaults=len(args.defaults),
        init_kwonly=len(args.kwonlyargs),
        has_var_keyword=args.kwarg is not None,
        defines_suffix=wanted.suffix and _binds_suffix(init),
        reads_suffix=wanted.suffix and SUFFIX not in module_names and _reads_unbound_suffix(init),
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

def top_level_names(tree: ast.Module) -> set[str]:
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

def _leaves() -> frozenset[type]:
    kinds = {ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.alias, ast.Pass, ast.Break, ast.Continue,
             ast.Global, ast.Nonlocal}
    for base in (ast.operator, ast.unaryop, ast.cmpop, ast.boolop):
        kinds.update(base.__subclasses__())
    return frozenset(kinds)


# Nodes that hold no call, class, function or assignment: the site walk does not enter them (a third of
# a module's nodes are names, constants and their load/store contexts)
_LEAVES = _leaves()


class _SiteCollector:
    """Every call of a capitalized name with the class and function it stands in, and App variables.
    `ast.NodeVisitor`'s order and hooks, without its per-node method look-up by name: this walk is most of
    what the project index costs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sites: list[Site] = []
        self.classes: list[str] = []
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.app_names: set[str] = set()
        self.suffix_variable: str | None = None
        # every class definition as (depth, order met, node, its provider calls); the open ones' calls
        self.class_defs: list[tuple[int, int, ast.ClassDef, list[tuple[int, int, str, int]]]] = []
        self._open_classes: list[list[tuple[int, int, str, int]]] = []
        self._depth = 0
        self._met = 0

    def visit(self, node: ast.AST) -> None:
        kind = type(node)
        self._met += 1
        if kind is ast.Call:
            self._call(node)  # type: ignore[arg-type]
        elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            self.functions.append(node)  # type: ignore[arg-type]
            self._children(node)
            self.functions.pop()
            return
        elif kind is ast.ClassDef:
            calls: list[tuple[int, int, str, int]] = []
            self.class_defs.append((self._depth, self._met, node, calls))  # type: ignore[arg-type]
            self.classes.append(node.name)  # type: ignore[attr-defined]
            self._open_classes.append(calls)
            self._children(node)
            self._open_classes.pop()
            self.classes.pop()
            return
        elif kind is ast.Assign:
            self._assign(node)  # type: ignore[arg-type]
        self._children(node)

    def _children(self, node: ast.AST) -> None:
        self._depth += 1
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, ast.AST) and type(item) not in _LEAVES:
                        self.visit(item)
            elif isinstance(value, ast.AST) and type(value) not in _LEAVES:
                self.visit(value)
        self._depth -= 1

    def _assign(self, node: ast.Assign) -> None:
        if isinstance(node.value, ast.Call) and _is_app(node.value):
            self.app_names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        if not self.functions and _reads_suffix(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.suffix_variable = target.id

    def _call(self, node: ast.Call) -> None:
        name = _base_name(node.func)
        if name and self._open_classes and name.endswith(("Provider", "Backend")):
            for calls in self._open_classes:  # a call in a nested class is its outer classes' call too
                calls.append((self._depth, self._met, name, node.lineno))
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
