"""What a rule is: a LibCST transformer that reports findings and, when allowed, rewrites the tree.

A rule reports through `self.report(node, message, fix=...)`, which answers whether the rewrite for that
finding may be applied now (fix mode, applicability allowed, not suppressed). A rule therefore never
needs to know which mode the engine runs in.

Speed: in LibCST every traversal rebuilds the tree, even a read-only one. A rule first looks at what is
cheap (statements, not expressions) in `visit_Module` and returns False there when nothing can be
wrong, which skips the traversal; metadata (positions, scopes) is computed only on demand through
`self.context.metadata(...)`:

    if self.report(node, "`id` shadows a builtin", fix=Fix.SAFE):
        return updated_node.with_changes(...)
    return updated_node
"""

from __future__ import annotations

import re
import textwrap
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, TypeVar

import libcst as cst
from libcst._nodes.base import CSTCodegenError  # not exported by libcst; raised by codegen
from libcst.metadata import (
    BaseMetadataProvider,
    CodePosition,
    CodeRange,
    ExpressionContextProvider,
    MetadataWrapper,
    PositionProvider,
    ScopeProvider,
)
from libcst.metadata.position_provider import NEWLINE_RE, PositionProvidingCodegenState

from fixer.discovery import is_test_path  # noqa: F401  rules import it from here
from fixer.screening import (
    Screen,
    is_cdktf_code,  # noqa: F401  rules import it from here
    project_file_screen,
    python_screen,
)
from fixer.screening import reads as reads_file_name
from fixer.types import Applicability, Example, Finding, FixAvailability

if TYPE_CHECKING:
    from fixer.project import ProjectContext

T = TypeVar("T")


@dataclass
class FileContext:
    """Everything a rule may know about the file it runs on; built once per file by the engine."""

    path: str
    project: ProjectContext
    apply: frozenset[Applicability]  # which fixes to apply: empty in check/diff-less reporting
    suppressed: dict[int, frozenset[str] | None]  # line -> codes (None: all) silenced by ignore comments
    findings: list[Finding] = field(default_factory=list)
    # the options that enable unsafe fixes given on the command line (`--unsafe-fixes`, `--allow-partial`):
    # an unsafe fix applies when its rule's `unsafe_option` is among them; None: every rule's does
    unsafe_options: frozenset[str] | None = None
    wrapper: MetadataWrapper | None = None  # the tree the current rule runs on; set by the engine
    source: str | None = None  # the file's text as read (a cheap prefilter for rules; stale after fixes)
    parsed: cst.Module | None = None  # the tree parsed from `source`, set by the engine
    # The class and function definitions around the node a hook is called for, innermost last: kept by
    # the traversal (batched or a rule's own), so no rule keeps stacks of its own.
    classes: list[cst.ClassDef] = field(default_factory=list)
    functions: list[cst.FunctionDef] = field(default_factory=list)
    # Import edits the applied fixes need, made once per file after every rule has run (LibCST's
    # AddImportsVisitor/RemoveImportsVisitor scheduling), not by each rule in a pass of its own.
    imports_to_add: list[tuple[str, str | None]] = field(default_factory=list)
    imports_to_remove: list[tuple[str, str, str | None]] = field(default_factory=list)
    # Findings reported while nothing is applied, as (code, node, message, fix), their positions still
    # to be found: the engine's read-only look sets it to a list and settles it after the traversal.
    deferred: list[tuple[str, cst.CSTNode, str, Applicability]] | None = None
    # metadata computed here rather than by the wrapper, the ranges of single nodes, and their tree
    _computed: dict[type, Mapping] = field(default_factory=dict, init=False, repr=False)
    _ranges: dict[cst.CSTNode, CodeRange] = field(default_factory=dict, init=False, repr=False)
    _computed_for: MetadataWrapper | None = field(default=None, init=False, repr=False)
    _located: _LocatedInSource | None = field(default=None, init=False, repr=False)

    def applies(self, fix: Applicability, unsafe_option: str) -> bool:
        """Whether a fix of this applicability, from a rule enabled by `unsafe_option`, is applied now."""
        if fix is Applicability.NONE or fix not in self.apply:
            return False
        return fix is Applicability.SAFE or self.unsafe_options is None or unsafe_option in self.unsafe_options

    @property
    def core_module(self) -> str:
        """The core package this file uses, `cdktf` or CDK Terrain's `cdktn` (a file that imports only a cdktn
        provider is CDK Terrain code too): what an added import names."""
        return "cdktn" if self.source is not None and _CDKTN_IMPORT.search(self.source) else "cdktf"

    @property
    def aws_package(self) -> str:
        """The prebuilt AWS provider package this file's spelling uses: `cdktf_cdktf_provider_aws`, or
        `cdktn_provider_aws` in CDK Terrain code. What an added provider import names."""
        from fixer.providers import AWS, cdktn_twin

        return cdktn_twin(AWS).package if self.core_module == "cdktn" else AWS.package

    def add_import(self, module: str, name: str | None = None) -> None:
        """`from module import name` (`import module` without a name), merged into existing imports."""
        if (module, name) not in self.imports_to_add:
            self.imports_to_add.append((module, name))

    def remove_import_if_unused(self, module: str, name: str, alias: str | None = None) -> None:
        """Drop `from module import name [as alias]` if nothing uses it once every fix is applied."""
        if (module, name, alias) not in self.imports_to_remove:
            self.imports_to_remove.append((module, name, alias))

    def enter(self, node: cst.CSTNode) -> None:
        kind = type(node)  # called for every node of every traversal: an identity test, not isinstance
        if kind is cst.ClassDef:
            self.classes.append(node)  # type: ignore[arg-type]
        elif kind is cst.FunctionDef:
            self.functions.append(node)  # type: ignore[arg-type]

    def leave(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind is cst.ClassDef:
            self.classes.pop()
        elif kind is cst.FunctionDef:
            self.functions.pop()

    def metadata(self, provider: type[BaseMetadataProvider]) -> Mapping:
        """Metadata of the current tree, computed on first use and shared by the rules that follow
        while the tree is unchanged. Rules ask only when they have something to look at, so a clean
        file never pays for scope analysis or positions."""
        assert self.wrapper is not None
        compute = _PROVIDERS.get(provider)
        if compute is None:
            return self.wrapper.resolve(provider)
        self._same_tree()
        if provider not in self._computed:
            self._computed[provider] = compute(self.wrapper.module)
        return self._computed[provider]

    def scopes_of_function(self, function: cst.FunctionDef) -> Mapping:
        """ScopeProvider's answer for the nodes of one function, analysed on its own: the names its body
        binds and reads resolve the same way (an enclosing class's names are not visible in a method, and
        a parameter cannot also be declared global), at the cost of the function, not of the whole file."""
        key = ("function scopes", function)
        self._same_tree()
        if key not in self._computed:
            self._computed[key] = _scopes(cst.Module(body=[function]))  # type: ignore[index]
        return self._computed[key]  # type: ignore[index]

    def code(self) -> str:
        """The code of the current tree: `source` while the tree is the one parsed from it (LibCST gives
        back its input exactly), generated once the rules have changed it."""
        assert self.wrapper is not None
        module = self.wrapper.module
        return self.source if module is self.parsed and self.source is not None else module.code

    def may_hold(self, text: str) -> bool:
        """False when the current tree's code cannot contain `text`: it is the tree parsed from `source`, and
        the source lacks it. A name or a string is spelled out in the code, so a rule asks this before
        walking a subtree for one."""
        module = self.wrapper.module if self.wrapper is not None else None
        return self.source is None or module is not self.parsed or text in self.source

    def positions(self, nodes: Sequence[cst.CSTNode]) -> dict[cst.CSTNode, CodeRange]:
        """PositionProvider's ranges of just these nodes of the current tree. A rule that needs a few
        positions asks here: one code generation pass records only these nodes and stops after the last
        of them, where PositionProvider records every node of the file. A node not in the tree raises
        KeyError, as PositionProvider's map does."""
        ranges = self._ranges_of(nodes)
        return {node: ranges[node] for node in nodes}

    def _ranges_of(self, nodes: Sequence[cst.CSTNode]) -> Mapping[cst.CSTNode, CodeRange]:
        """A map holding the ranges of those of `nodes` that are in the current tree."""
        assert self.wrapper is not None
        self._same_tree()
        every = self._computed.get(PositionProvider)
        if every is not None:  # some rule needed every position: nothing left to find
            return every
        missing = {node for node in nodes if node not in self._ranges}
        if missing:
            self._ranges.update(_ranges(self.wrapper.module, missing))
        return self._ranges

    def _same_tree(self) -> None:
        if self._computed_for is not self.wrapper:
            self._computed, self._ranges, self._computed_for = {}, {}, self.wrapper

    def starts(self, nodes: Sequence[cst.CSTNode]) -> dict[cst.CSTNode, CodePosition]:
        """PositionProvider's start of those of `nodes` that are in the current tree. While the tree is the
        one parsed from `source`, a node whose first line occurs once in the source is found there,
        from the code of that node alone; the others take the code generation pass `positions` makes."""
        found: dict[cst.CSTNode, CodePosition] = {}
        module = self.wrapper.module if self.wrapper is not None else None
        if self.source is not None and module is not None and module is self.parsed \
                and self._computed.get(PositionProvider) is None:
            located = self._located
            if located is None or located.source is not self.source:
                located = self._located = _LocatedInSource(self.source, module)
            for node in nodes:
                start = located.start(node)
                if start is not None:
                    found[node] = start
        rest = [node for node in nodes if node not in found]
        if rest:
            ranges = self._ranges_of(rest)
            found.update((node, ranges[node].start) for node in rest if node in ranges)
        return found

    def settle(self) -> tuple[str, KeyError] | None:
        """Turn the deferred reports into findings, in the order they were made, dropping the suppressed
        ones as `report` does. A node outside the tree is the reporting rule's failure, as it is in
        `report`: its code and the KeyError are returned."""
        deferred, self.deferred = self.deferred or [], None
        starts = self.starts([node for _, node, _, _ in deferred]) if deferred else {}
        for code, node, message, fix in deferred:
            if node not in starts:
                return code, KeyError(node)
            start = starts[node]
            if not self.is_suppressed(code, start.line):
                self.findings.append(Finding(code, message, self.path, start.line, start.column + 1, fix, False))
        return None

    def is_suppressed(self, code: str, line: int) -> bool:
        if line not in self.suppressed:
            return False
        codes = self.suppressed[line]
        return codes is None or any(code.startswith(c) for c in codes)


# MetadataWrapper.resolve walks the whole tree once more after computing any provider, calling nothing
# (its batched pass runs even with no batchable provider left), and for batchable providers collects
# their methods with `inspect.getmembers` first: together more than the positions or scopes themselves.
# The two providers the rules use are computed here by the providers' own code, without that walk.


def _positions(module: cst.Module) -> Mapping:
    provider = PositionProvider()
    provider._gen_impl(module)
    return MappingProxyType(dict(provider._computed))


def _scopes(module: cst.Module) -> Mapping:
    """ExpressionContextProvider's and ScopeProvider's `visit_Module` do all of their work."""
    expressions = ExpressionContextProvider()
    expressions.visit_Module(module)
    scopes = ScopeProvider()
    scopes.metadata = {ExpressionContextProvider: MappingProxyType(dict(expressions._computed))}
    scopes.visit_Module(module)
    return MappingProxyType(dict(scopes._computed))


_PROVIDERS: dict[type, Callable[[cst.Module], Mapping]] = {PositionProvider: _positions, ScopeProvider: _scopes}


class _AllFound(Exception):
    pass


class _NotRecording:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NOT_RECORDING = _NotRecording()


class _WantedPositions(PositionProvidingCodegenState):
    """PositionProvider's code generation state, recording ranges only inside the wanted nodes: there
    every node is recorded as PositionProvider records it, since a node's syntactic range may end where
    a child's does (`end_node`). Line and column advance over every token, as they must."""

    def __init__(self, module: cst.Module, wanted: set[cst.CSTNode]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline,
                         provider=PositionProvider())
        # by identity: a node's own __hash__ is a Python call, and this asks for every node generated
        self.wanted = {id(node) for node in wanted}
        self.left = len(wanted)
        self.depth = 0  # how many recorded nodes are open: the wanted ones and their descendants

    def _update_position(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            super()._update_position(value)
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self.depth or id(node) in self.wanted:
            self.depth += 1
            super().before_codegen(node)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if not self.depth:
            return
        super().after_codegen(node)
        self.depth -= 1
        if id(node) in self.wanted:
            self.left -= 1
            if not self.left:
                raise _AllFound

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None):
        if not self.depth:
            return _NOT_RECORDING
        return super().record_syntactic_position(node, start_node=start_node, end_node=end_node)


def _ranges(module: cst.Module, wanted: set[cst.CSTNode]) -> dict[cst.CSTNode, CodeRange]:
    state = _WantedPositions(module, wanted)
    try:
        module._codegen(state)
    except _AllFound:
        pass
    computed = state.provider._computed
    return {node: computed[node] for node in wanted if node in computed}


# Nodes whose code alone is, up to its first line break, the code they have in the file: a node that
# starts a line of its own (a statement, a decorator, a clause) begins with the indentation of the block
# around it, which its code alone does not have. Inside these nodes indentation follows line breaks only.
# (An Annotation is not among them: its `:` or `->` is chosen by its parent.)
_INLINE_NODES = (cst.BaseExpression, cst.Arg, cst.Param, cst.BaseElement, cst.BaseDictElement,
                 cst.BaseSmallStatement, cst.ImportAlias)


class _FirstLineOf(PositionProvidingCodegenState):
    """The code of one node alone, up to the first line break after its syntactic start: the start and the
    first line are all `_LocatedInSource` reads, and a reported node (a resource's call) is often many
    lines long. Nothing is recorded: a node's start is where it records its syntactic position, else where
    its code begins, as in PositionProvider."""

    def __init__(self, module: cst.Module, node: cst.CSTNode) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline,
                         provider=PositionProvider())
        self.node = node
        self.syntactic_start: CodePosition | None = None
        self.hoisted = False  # the start is a child's: not known here

    def before_codegen(self, node: cst.CSTNode) -> None:
        pass

    def after_codegen(self, node: cst.CSTNode) -> None:
        pass

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        if "\n" in value or "\r" in value:
            if self.syntactic_start is not None:
                raise _AllFound
            self._update_position(value)
        else:
            self.column += len(value)

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None):
        if node is self.node and self.syntactic_start is None:
            self.syntactic_start = CodePosition(self.line, self.column)
            self.hoisted = start_node is not None
        return _NOT_RECORDING


class _LocatedInSource:
    """Starts of nodes of the tree parsed from `source`, found in the source text instead of by generating
    the code of the whole file up to them. A node's code alone begins as its code in the file does (see
    _INLINE_NODES); when its first line occurs exactly once in the source, that occurrence is the node, and
    the start PositionProvider gives it is there, shifted by the node's own start on that line."""

    def __init__(self, source: str, module: cst.Module) -> None:
        self.source = source
        self.module = module
        self._line_starts: list[int] | None = None

    def start(self, node: cst.CSTNode) -> CodePosition | None:
        # a BOM left in the text is not in the tree: LibCST drops it, and every offset would be one off
        if not isinstance(node, _INLINE_NODES) or self.source.startswith("\ufeff"):
            return None
        state = _FirstLineOf(self.module, node)
        try:
            node._codegen(state)
        except _AllFound:
            pass
        except CSTCodegenError:
            return None  # a part its parent chooses (the default of a sentinel): not code on its own
        if state.hoisted:
            return None
        own = state.syntactic_start or CodePosition(1, 0)
        if own.line != 1:
            return None  # the node's own start is past a line break, where indentation counts
        code = "".join(state.tokens)
        first = code[:min(i for i in (code.find("\n"), code.find("\r"), len(code)) if i >= 0)]
        if not first:
            return None
        offset = self.source.find(first)
        if offset < 0 or self.source.find(first, offset + 1) >= 0:
            return None  # not found, or not once: the code generation pass decides
        line, column = self._line_and_column(offset)
        return CodePosition(line, column + own.column)

    def _line_and_column(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [match.end() for match in NEWLINE_RE.finditer(self.source)]
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1]


class RuleContractError(Exception):
    """A rule reported something its own declaration says it never does."""


class RuleDeclaration:
    """What every rule declares, whatever it reads: its code and name, what its fixes are, whether it runs
    by default, its examples. `Rule` (Python files, a LibCST transformer) and `ProjectFileRule` (other
    project files: requirements, Pipfile, pyproject.toml, lock files) both build on it, so the registry,
    the docs, `rules`, `explain` and the reporters treat them alike."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    # Whether findings come with a fix (always, sometimes, never) and which applicabilities those fixes
    # may have: declared once, enforced by `report`, so `rules`, the docs and SARIF cannot misstate them.
    fix_availability: ClassVar[FixAvailability]
    fix_applicability: ClassVar[frozenset[Applicability]] = frozenset()
    # Cheap substrings: a file that contains none of them is never parsed for this rule.
    markers: ClassVar[tuple[str, ...]]
    default_enabled: ClassVar[bool] = True
    # The command-line option that applies this rule's unsafe fixes. A migration has two kinds: moving a
    # project some of whose providers cannot move yet (`--allow-partial`) and rewriting command lines
    # outside the code (`--unsafe-fixes`); each applies only its own.
    unsafe_option: ClassVar[str] = "--unsafe-fixes"
    # Whether the rule asks the project which classes are constructs (the engine then indexes them).
    uses_project_classes: ClassVar[bool] = False
    VALID: ClassVar[tuple[str, ...]] = ()
    INVALID: ClassVar[tuple[Example, ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            return  # a mixin or an intermediate base, not a rule
        missing = [a for a in ("name", "summary", "markers", "fix_availability") if not hasattr(cls, a)]
        if missing:
            raise TypeError(f"rule {cls.code} does not declare {', '.join(missing)}")
        fixes = cls.fix_availability is not FixAvailability.NONE
        if fixes != bool(cls.fix_applicability) or Applicability.NONE in cls.fix_applicability:
            raise TypeError(f"rule {cls.code}: fix_applicability must name the safe/unsafe fixes it reports, "
                            f"and only when fix_availability is not NONE")

    @classmethod
    def fix_summary(cls) -> str:
        """`always (safe)`, `sometimes (safe or unsafe)`, `none`: what `rules` and the docs say."""
        kinds = " or ".join(a.value for a in Applicability if a in cls.fix_applicability)
        return f"{cls.fix_availability.value} ({kinds})" if kinds else cls.fix_availability.value

    @classmethod
    def docs(cls) -> str:
        return textwrap.dedent(cls.__doc__ or cls.summary).strip()

    def _check_contract(self, fix: Applicability) -> None:
        """A fix the rule's declaration does not allow is a bug in the rule."""
        if fix is Applicability.NONE:
            if self.fix_availability is FixAvailability.ALWAYS:
                raise RuleContractError(f"{self.code} declares a fix for every finding, but reported one without")
        elif fix not in self.fix_applicability:
            raise RuleContractError(f"{self.code} reported a {fix.value} fix; it declares {self.fix_summary()}")


class Rule(RuleDeclaration, cst.CSTTransformer):
    """Base class of every codemod. Subclasses set the class attributes and override visit/leave methods."""

    # Whether its findings rest on facts about other files of the project, read once before any fix: it
    # runs in a file's first fix pass only (its own fixes change those facts; the next run sees them).
    project_wide: ClassVar[bool] = False
    # Whether the rule looks only at CDKTF code: files importing cdktf, a provider or constructs, not the
    # Lambda handlers and scripts beside them, nor the rest of a monorepo.
    cdktf_code_only: ClassVar[bool] = False
    # Whether the rule judges deployed resources (names, regions, sizing, code, outputs, provider types):
    # such rules skip test files, whose values are fixtures and mocks that are never deployed.
    deployed_resources_only: ClassVar[bool] = False

    def __init__(self, context: FileContext) -> None:
        super().__init__()
        self.context = context

    def per_node(self, node: cst.CSTNode, compute: Callable[[cst.CSTNode], T]) -> T:
        """`compute(node)` once per node for this rule: what a function or class holds (its locals, its
        attributes), asked of `self.context.functions[-1]` or `classes[-1]` only when a hook needs it."""
        memo = self.__dict__.setdefault("_per_node", {})
        if node not in memo:
            memo[node] = compute(node)
        return memo[node]

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.context.enter(node)  # before the hooks: `visit_ClassDef` sees its class as the innermost
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # noqa: ANN201  LibCST's union
        result = super().on_leave(original_node, updated_node)
        self.context.leave(original_node)  # after the hooks: `leave_FunctionDef` still sees its function
        return result

    # The cheap test `could_match` asks: a function of (rule, text, project, path) in code that imports no
    # LibCST (`fixer.screening`, a family's `screens.py`), so a run can screen files before importing any
    # rule. A rule with a test of its own names it here; the rule index records which.
    screen: ClassVar[Screen] = staticmethod(python_screen)

    @classmethod
    def could_match(cls, text: str, project: ProjectContext, path: str) -> bool:
        """Cheap test before parsing: False means this rule cannot find anything in the file."""
        return cls.screen(cls, text, project, path)

    def report(self, node: cst.CSTNode, message: str, fix: Applicability = Applicability.NONE) -> bool:
        """Record a finding; True when its fix is to be applied now (fix mode, the applicability is
        enabled, not suppressed). A fix the rule's declaration does not allow is a bug in the rule."""
        self._check_contract(fix)
        if self.context.deferred is not None:  # nothing is applied now: the position can wait
            self.context.deferred.append((self.code, node, message, fix))
            return False
        position = self.context.metadata(PositionProvider)[node].start
        if self.context.is_suppressed(self.code, position.line):
            return False
        apply = self.context.applies(fix, self.unsafe_option)
        self.context.findings.append(
            Finding(self.code, message, self.context.path, position.line, position.column + 1, fix, apply)
        )
        return apply


class ProjectFileRule(RuleDeclaration):
    """A rule over a project file that is not Python: dependency declarations (requirements*.txt, Pipfile,
    pyproject.toml), lock files, cdktf.json. It gets the file's text and returns it, rewritten where its
    fixes are applied; the engine reads, guards and writes the file as it does Python files (check mode
    and --diff never write, writes are atomic and keep the encoding, BOM and line endings). In check mode
    it must return the text it was given (the engine refuses anything else).

        def fix(self, text: str) -> str:
            if self.report_at(3, 1, "`cdktf` is `cdktn`", Applicability.SAFE):
                text = ...
            return text
    """

    # fnmatch patterns of the file names it reads (`requirements*.txt`, `Pipfile`): discovery collects
    # these files beside the Python ones when the rule is selected
    file_names: ClassVar[tuple[str, ...]]
    markers: ClassVar[tuple[str, ...]] = ()  # a file without any of them is skipped; () reads every match

    def __init__(self, context: FileContext) -> None:
        self.context = context

    screen: ClassVar[Screen] = staticmethod(project_file_screen)  # as `Rule.screen`

    @classmethod
    def reads(cls, name: str) -> bool:
        return reads_file_name(cls.file_names, name)

    @classmethod
    def could_match(cls, text: str, project: ProjectContext, path: str) -> bool:
        return cls.screen(cls, text, project, path)

    @classmethod
    def validate(cls, path: str, text: str) -> None:
        """Raise ValueError when `text` is not a valid file of its kind: the guard after fixes (Python files
        are re-parsed and compiled; a TOML file must still load)."""

    def fix(self, text: str) -> str:
        """Report findings on `text` with `report_at`; return it with the fixes that were allowed applied."""
        raise NotImplementedError

    def report_at(self, line: int, column: int, message: str, fix: Applicability = Applicability.NONE) -> bool:
        """Record a finding at a 1-based line and column; True when its fix is to be applied now."""
        self._check_contract(fix)
        if self.context.is_suppressed(self.code, line):
            return False
        apply = self.context.applies(fix, self.unsafe_option)
        self.context.findings.append(Finding(self.code, message, self.context.path, line, column, fix, apply))
        return apply


_CDKTN_IMPORT = re.compile(r"^\s*(?:from|import)\s+cdktn(?:\b|_provider_)", re.MULTILINE)


def edit_imports(
    module: cst.Module,
    add: Sequence[tuple[str, str | None]] = (),
    remove_if_unused: Sequence[tuple[str, str, str | None]] = (),
) -> cst.Module:
    """Add `from module import name` imports (`import module` for a None name) and drop (module, name,
    alias) imports left unused, with LibCST's own visitors, which merge into existing import lines and
    keep comments."""
    # imported here: libcst.codemod pulls in libcst.matchers (~0.2 s) that most runs never need
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import (
        AddImportsVisitor,
        ImportItem,
        RemoveImportsVisitor,
    )

    context = CodemodContext()
    if add:
        module = AddImportsVisitor(context, [ImportItem(m, n) for m, n in add]).transform_module(module)
    if remove_if_unused:
        for module_name, name, alias in remove_if_unused:
            RemoveImportsVisitor.remove_unused_import(context, module_name, name, alias)
        module = RemoveImportsVisitor(context).transform_module(module)
    return module


def append_keyword(call: cst.Call, keyword: str, value: cst.BaseExpression) -> cst.Call:
    """`call` with `keyword=value` as its last argument, laid out like the arguments before it (one per
    line stays one per line, a trailing comma stays trailing)."""
    args = list(call.args)
    equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
    if not args:
        return call.with_changes(args=[cst.Arg(value, keyword=cst.Name(keyword), equal=equal)])
    last = args[-1]
    between = args[-2].comma if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) else cst.Comma(
        whitespace_after=cst.SimpleWhitespace(" "))
    args[-1] = last.with_changes(comma=between)
    args.append(cst.Arg(value, keyword=cst.Name(keyword), equal=equal, comma=last.comma))
    return call.with_changes(args=args)


def insert_keyword_first(call: cst.Call, keyword: str, value: cst.BaseExpression) -> cst.Call:
    """`call` with `keyword=value` before its first keyword argument, copying that argument's layout
    (its comma and line break); appended when the call has no keyword argument."""
    args = list(call.args)
    first = next((i for i, a in enumerate(args) if a.keyword is not None), None)
    if first is None:
        return append_keyword(call, keyword, value)
    template = args[first]
    comma = template.comma if isinstance(template.comma, cst.Comma) else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    args.insert(first, template.with_changes(keyword=cst.Name(keyword), value=value, comma=comma))
    return call.with_changes(args=args)
