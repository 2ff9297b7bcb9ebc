"""The per-file pipeline and the run over many files.

Per file: read the bytes once; skip before parsing when no selected rule's markers occur; parse once with
LibCST; run every selected rule on the same tree (in fix mode each rule sees the previous rules' output);
re-parse the result as a guard; write atomically with the original encoding, BOM and line endings.
A file that does not parse, or a rule that raises, yields an error entry and the file is left untouched.
"""

from __future__ import annotations

import ast
import builtins
import functools
import gc
import io
import os
import re
import symtable
import tokenize
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import libcst as cst
from libcst.metadata import MetadataWrapper

from fixer import deep
from fixer.batched import BatchedRules, RuleFailed
from fixer.batched import walk as walk_read_only
from fixer.paths import resolved
from fixer.project import ProjectContext
from fixer.rule import FileContext, ProjectFileRule, Rule, RuleDeclaration, edit_imports
from fixer.textio import (
    CONFLICT_MARKER,
    SourceText,
    atomic_write,
    decode,
    may_hold_conflict_marker,
)
from fixer.types import Applicability, ErrorKind, FileError, FileResult, Finding

if TYPE_CHECKING:
    from fixer.cache import ResultCache

R = TypeVar("R", bound=RuleDeclaration)

SUPPRESSION = "cdktf-fixer:"


@dataclass(frozen=True)
class Options:
    # the selected rules (Python `Rule`s and `ProjectFileRule`s): the engine runs what it is given, it imports no rule
    rules: tuple[type[RuleDeclaration], ...]
    apply: frozenset[Applicability] = frozenset()  # fixes to apply; empty for `check`
    # the options given that enable unsafe fixes (`--unsafe-fixes`, `--allow-partial`); None: all of them
    unsafe_options: frozenset[str] | None = None
    write: bool = False  # write fixed files (False for check and --diff)
    keep_text: bool = False  # return before/after text (for --diff)
    verbose: bool = False
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob relative to config dir, codes)
    config_dir: str | None = None
    # a larger file is reported as skipped, never read further (LibCST needs ~0.2 s and 100 MB per 100 kB)
    max_file_size: int = 2_000_000

    @property
    def rule_codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)


def _suppressions(text: str) -> dict[int, frozenset[str] | None]:
    """`# cdktf-fixer: ignore[CODE, ...] reason` comments by line; a bare `ignore` silences every rule."""
    found: dict[int, frozenset[str] | None] = {}
    if SUPPRESSION not in text:
        return found
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return found
    for token in tokens:
        if token.type != tokenize.COMMENT or SUPPRESSION not in token.string:
            continue
        directive = token.string.split(SUPPRESSION, 1)[1].strip()
        if not directive.startswith("ignore"):
            continue
        rest = directive[len("ignore") :]
        codes: frozenset[str] | None = None
        if rest.startswith("["):
            listed = rest[1 : rest.find("]")] if "]" in rest else rest[1:]
            codes = frozenset(c.strip().upper() for c in listed.split(",") if c.strip())
        line = token.start[0]
        # A comment alone on its line speaks for the next line; a trailing comment for its own line.
        own_line = not token.line[: token.start[1]].strip()
        found[line + 1 if own_line else line] = codes
    return found


@functools.cache
def _pattern(pattern: str):  # pathspec is imported here, lazily, so no return annotation
    """A per-file-ignores glob, compiled once per process rather than once per file."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines([pattern])


def _rules_for_file(path: str, rules: Sequence[type[R]], options: Options) -> list[type[R]]:
    if not options.per_file_ignores or options.config_dir is None:
        return list(rules)
    try:
        relative = Path(path).resolve().relative_to(Path(options.config_dir)).as_posix()
    except ValueError:
        return list(rules)
    ignored: set[str] = set()
    for pattern, codes in options.per_file_ignores:
        if _pattern(pattern).match_file(relative):
            ignored.update(codes)
    return [r for r in rules if not any(r.code.startswith(c) for c in ignored)]


class _TooDeep(Exception):
    """A step hit Python's recursion limit on this file's nesting; `where` names the rule or the step."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


# A file that hits the recursion limit is processed again in a deep thread (fixer.deep); the limit
# there is read at call time, so a test can lower it.
DEEP_RECURSION_LIMIT = deep.RECURSION_LIMIT


def fix_source(
    source: SourceText, path: str, rules: Sequence[type[RuleDeclaration]], project: ProjectContext, options: Options
) -> FileResult:
    """Run `rules` over one decoded file. Never raises for bad input or a failing rule; a file nested too
    deeply for the default recursion limit is processed again in a deep thread, and one too deep even
    there is reported as skipped (ErrorKind.LIMIT), never as a rule failure."""
    text = source.text
    python_rules = [r for r in _rules_for_file(path, rules, options) if issubclass(r, Rule)]
    active = [r for r in python_rules if r.could_match(text, project, path)]
    if not active:
        # no rule looks at this file, so it is not parsed (nor compiled to test its depth); a committed
        # merge conflict is still said, and so is a file the project index found it cannot parse
        if may_hold_conflict_marker(text) and CONFLICT_MARKER.search(text):
            return FileResult(path, error=syntax_error(text, path))
        why = _index_failure(project, path) if project.unreadable else None
        if why is not None:
            refused = _refused_for_depth(text, path)
            if refused is not None or why.startswith("cannot parse"):
                return FileResult(path, error=refused or syntax_error(text, path))
        return FileResult(path)
    refused = _refused_for_depth(text, path)
    if refused is not None:
        return FileResult(path, error=refused)
    try:
        return _fix_source(source, path, python_rules, active, project, options)
    except (_TooDeep, RecursionError):  # RecursionError: a step not named above; the deep thread says which
        pass
    try:
        return deep.in_deep_thread(_fix_source, source, path, python_rules, active, project, options,
                                   limit=DEEP_RECURSION_LIMIT)
    except RecursionError:
        too_deep = _TooDeep("cdktf-fixer")
    except _TooDeep as exc:
        too_deep = exc
    return FileResult(path, error=FileError(
        path, 1, 1, f"too deeply nested for {too_deep.where}: skipped, file left unchanged", kind=ErrorKind.LIMIT))


def _index_failure(project: ProjectContext, path: str) -> str | None:
    """Why the project index could not read this file, if it could not."""
    here = resolved(path)
    return next((why for p, why in project.unreadable.items() if resolved(p) == here), None)


# LibCST's native parser takes time cubic in an expression's depth (0.4 s for a 1,000-term string
# concatenation, 4.5 s at 3,000, 38 s at 5,000; 82 s for lists nested 3,000 deep) and overflows the C stack
# near 20,000, before any recursion limit can stop it. CPython refuses most such files itself (brackets nested
# 200 deep, a chain past its recursion limit), in a tenth of LibCST's time: a file with enough brackets or
# operators to be that deep is compiled by CPython first, and one it refuses for its depth never reaches
# LibCST. Other syntax errors go on to LibCST, which knows newer grammar than the running interpreter.
DEPTH_SUSPECT = 300  # a count of one bracket or operator below which no expression can be that deep
_DEPTH_TOKENS = ("(", "[", "{", "+", "-", "*", "|", "&", "%", ".")


def _refused_for_depth(text: str, path: str) -> FileError | None:
    if all(text.count(token) <= DEPTH_SUSPECT for token in _DEPTH_TOKENS):
        return None
    try:
        compile(text, path, "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)
    except (RecursionError, MemoryError):
        return FileError(path, 1, 1, "too deeply nested for Python's own parser (an expression chained or nested "
                         "past what the interpreter compiles): skipped, file left unchanged", kind=ErrorKind.LIMIT)
    except SyntaxError as exc:
        if "too many nested parentheses" in (exc.msg or ""):
            return FileError(path, exc.lineno or 1, exc.offset or 1, f"cannot parse: {exc.msg} (Python's limit is "
                             "200)", kind=ErrorKind.SYNTAX)
    except ValueError:  # null bytes: LibCST's turn to say where
        pass
    return None


def _fix_source(source: SourceText, path: str, python_rules: Sequence[type[Rule]], active: Sequence[type[Rule]],
                project: ProjectContext, options: Options) -> FileResult:
    """`python_rules`: the selected rules for this file; `active`: those whose cheap test matched it."""
    result = FileResult(path)
    text = source.text
    try:
        module = cst.parse_module(text)
    except RecursionError as exc:
        raise _TooDeep("the parser") from exc
    except Exception as exc:  # noqa: BLE001  LibCST can raise more than ParserSyntaxError on exotic input
        result.error = syntax_error(text, path, exc)
        return result
    result.parsed = True
    suppressed = _suppressions(text)
    # First every rule looks, in one traversal, with nothing to apply; only when a finding has a fix to
    # apply do the rules run again, one after another, each rewriting the previous one's output.
    looked = _look(module, text, path, active, project, suppressed)
    if isinstance(looked, FileError):
        result.error = looked
        return result
    if not any(f.fix in options.apply for f in looked.findings):
        result.findings = looked.findings
        if options.keep_text:
            result.before = result.after = text
        return result
    # LibCST does not give every file back byte for byte: it drops a last line ending that is a lone CR
    # ("x = 1\ry = 2\r"). What it drops at the end is put back after each pass; a file it changes
    # elsewhere is left unchanged rather than rewritten with bytes the fixes did not mean to touch.
    try:
        round_trip = module.code
    except RecursionError as exc:
        raise _TooDeep("code generation") from exc
    if round_trip != text and not text.startswith(round_trip):
        result.error = FileError(path, 1, 1, "LibCST cannot reproduce this file byte for byte; file left unchanged: "
                                 "please report it", kind=ErrorKind.LIMIT)
        return result
    lost = text[len(round_trip):]
    findings: list[Finding] = []
    current, current_text = module, text
    # a pass rewrites with the rules that found something to fix in the look before it, not with every
    # rule: one whose finding appears only after another's rewrite is taken up by the next pass
    fixing = {f.code for f in looked.findings if f.fix in options.apply}
    for number in range(MAX_FIX_PASSES):
        applying = [r for r in active if r.code in fixing]
        applied = _apply(current, current_text, path, applying, project, suppressed, options)
        if isinstance(applied, FileError):
            result.error = applied
            return result
        context, fixed = applied
        try:
            new_text = fixed.code + lost
        except RecursionError as exc:
            raise _TooDeep("code generation") from exc
        if new_text == current_text:
            break
        try:
            fixed = cst.parse_module(new_text)
            compile(new_text, path, "exec", dont_inherit=True)
        except RecursionError as exc:
            raise _TooDeep("the check of the fixed code") from exc
        except (cst.ParserSyntaxError, SyntaxError, ValueError) as exc:
            result.error = FileError(path, 1, 1, f"fix produced invalid code, file left unchanged: {exc}",
                                     traceback.format_exc())
            return result
        # the first pass's findings stand (positions in the file as it was); later passes add their fixes
        if number == 0:  # the rules that did not rewrite keep what they found in the look
            findings = [*(f for f in looked.findings if f.code not in fixing), *context.findings]
        else:
            findings = [*findings, *(f for f in context.findings if f.fixed)]
        # later passes re-run only the rules that judge the file alone; project-wide facts are stale now
        active = [r for r in active if not r.project_wide]
        again = _look(fixed, new_text, path, active, project, suppressed)
        if isinstance(again, FileError):
            result.error = again
            return result
        current, current_text = fixed, new_text
        fixing = {f.code for f in again.findings if f.fix in options.apply}
        if not fixing:
            # what is left is what the fixed file shows, where it shows it (a fix can end another finding:
            # a rewritten call leaves no bad import behind); project-wide rules were not asked again
            wide = {r.code for r in python_rules if r.project_wide}
            findings = [*(f for f in findings if f.fixed or f.code in wide), *again.findings]
            break
    else:
        result.error = FileError(path, 1, 1, f"fixes did not converge after {MAX_FIX_PASSES} passes (the rules keep "
                                 "rewriting each other's output); file left unchanged: please report it")
        return result
    new_text = current_text
    result.findings = findings or looked.findings
    if new_text != text:
        try:
            added = undefined_names(new_text) - undefined_names(text)
        except RecursionError as exc:
            raise _TooDeep("the check of the fixed code") from exc
        except (SyntaxError, ValueError):  # Python cannot compile the original: nothing to compare with
            added = set()
        if added:
            # a fix that leaves a name undefined trades one failure for another: keep the file, say why
            names = ", ".join(f"`{name}`" for name in sorted(added))
            result.findings = [
                replace(f, fix=Applicability.NONE, fixed=False, message=f"{f.message} (not fixed: the fixes would "
                        f"leave {names} undefined)") if f.fixed else f
                for f in result.findings
            ]
            new_text = text
        else:
            result.changed = True
    return _finish(result, source, text, new_text, options)


def _finish(result: FileResult, source: SourceText, text: str, new_text: str, options: Options) -> FileResult:
    """What every kind of file ends with: the texts for --diff, and the atomic, encoding-keeping write."""
    if options.keep_text:
        result.before, result.after = text, new_text
    if result.changed and options.write:
        try:
            atomic_write(Path(result.path), source.encode(new_text))
        except OSError as exc:
            result.error = FileError(result.path, 1, 1, f"cannot write: {exc}", kind=ErrorKind.IO)
            result.changed = False
    return result


# Fix passes over one file before giving up (ruff stops at 100; our rules converge in one or two).
MAX_FIX_PASSES = 4


def _look(module: cst.Module, text: str, path: str, active: Sequence[type[Rule]], project: ProjectContext,
          suppressed: dict[int, frozenset[str] | None]) -> FileContext | FileError:
    """Every rule over the tree in one read-only traversal: the findings, nothing applied."""
    context = FileContext(path, project, frozenset(), suppressed, source=text, parsed=module, deferred=[])
    context.wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    try:
        walk_read_only(module, BatchedRules([rule_class(context) for rule_class in active], context))
    except RuleFailed as failed:
        return _rule_error(path, failed.code, failed.__cause__)
    except RecursionError as exc:  # the traversal itself, before any rule's hook
        raise _TooDeep("the traversal") from exc
    # the positions of every finding, found in one code generation pass that records only their nodes
    try:
        failed_rule = context.settle()
    except RecursionError as exc:
        raise _TooDeep("the positions of findings") from exc
    if failed_rule is not None:
        return _rule_error(path, *failed_rule)
    return context


def _apply(module: cst.Module, text: str, path: str, active: Sequence[type[Rule]], project: ProjectContext,
           suppressed: dict[int, frozenset[str] | None], options: Options) -> tuple[FileContext, cst.Module] | FileError:
    """The rules one after another as transformers, each rewriting the previous one's output, then the
    import edits their fixes scheduled."""
    context = FileContext(path, project, options.apply, suppressed, source=text, parsed=module,
                          unsafe_options=options.unsafe_options)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    for rule_class in active:
        if wrapper.module is not module:
            wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        context.wrapper = wrapper
        try:
            module = module.visit(rule_class(context))
        except Exception as exc:  # noqa: BLE001  a failing rule is an error entry; the file stays untouched
            return _rule_error(path, rule_class.code, exc)
    if context.imports_to_add or context.imports_to_remove:
        try:
            module = edit_imports(module, add=context.imports_to_add, remove_if_unused=context.imports_to_remove)
        except Exception as exc:  # noqa: BLE001  the scheduled import edits are the rules' work too
            return _rule_error(path, "import edits", exc)
    return context, module


def _rule_error(path: str, code: str, exc: BaseException | None) -> FileError:
    if isinstance(exc, RecursionError):
        raise _TooDeep(code) from exc  # the file's nesting, not the rule's bug: fix_source retries deeper
    detail = "".join(traceback.format_exception(exc)) if exc is not None else None
    return FileError(path, 1, 1, f"rule {code} failed: {type(exc).__name__}: {exc}", detail)


def undefined_names(code: str) -> set[str]:
    """Names the module reads from its global scope that nothing binds there (no import, assignment,
    def, class or `global` assignment) and that are not builtins. Python's own symbol table answers it,
    so the guard costs two C-level parses, not a LibCST scope analysis."""
    bound: set[str] = set()
    read: set[str] = set()
    # a loop, not a function calling itself through its closure: that is a cycle left for the collector
    tables = [symtable.symtable(code, "<fixed>", "exec")]
    while tables:
        table = tables.pop()
        module = table.get_type() == "module"
        for symbol in table.get_symbols():
            binds = symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()
            if binds and (module or symbol.is_declared_global()):
                bound.add(symbol.get_name())
            if symbol.is_referenced() and (module or symbol.is_global()):
                read.add(symbol.get_name())
        tables.extend(table.get_children())
    return read - bound - BUILTIN_NAMES - MODULE_ATTRIBUTES


BUILTIN_NAMES = frozenset(dir(builtins))
# Bound in every module by the import system, though not builtins
MODULE_ATTRIBUTES = frozenset(
    {"__file__", "__name__", "__doc__", "__spec__", "__loader__", "__package__", "__builtins__", "__path__",
     "__cached__", "__annotations__"}
)



TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def syntax_error(text: str, path: str, parser_error: Exception | None = None) -> FileError:
    """One message with one position, Python's own, and a hint when the cause is recognisable."""
    conflict = CONFLICT_MARKER.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        return FileError(path, line, 1, "cannot parse: unresolved merge conflict (resolve the conflict markers)",
                         kind=ErrorKind.SYNTAX)
    try:
        compile(text, path, "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)
    except RecursionError as exc:
        raise _TooDeep("the parser") from exc
    except SyntaxError as exc:
        line, column, message = exc.lineno or 1, exc.offset or 1, exc.msg
    except ValueError as exc:  # null bytes
        line, column, message = 1, 1, str(exc)
    else:  # Python accepts what LibCST cannot parse: say LibCST's position and words
        line = getattr(parser_error, "editor_line", 1)
        column = getattr(parser_error, "editor_column", 1)
        message = getattr(parser_error, "message", None) or f"{type(parser_error).__name__}: {parser_error}"
    bad_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if TEMPLATE_SYNTAX.search(bad_line):
        message += " (template syntax such as {{ ... }} or {% ... %}, not Python: a project template?)"
    return FileError(path, line, column, f"cannot parse: {message}", kind=ErrorKind.SYNTAX)


def too_large(path: str, size: int, options: Options) -> FileResult:
    return FileResult(path, error=FileError(
        path, 1, 1, f"too large: {size / 1e6:.1f} MB is over --max-file-size {options.max_file_size / 1e6:g} MB: "
        "skipped, file left unchanged", kind=ErrorKind.LIMIT))


def process_file(path: str, rules: Sequence[type[RuleDeclaration]], project: ProjectContext, options: Options) -> FileResult:
    data = project.take_bytes(path)  # read by the project index moments ago
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            return FileResult(path, error=FileError(path, 1, 1, f"cannot read: {exc.strerror or exc}", kind=ErrorKind.IO))
    if len(data) > options.max_file_size:
        return too_large(path, len(data), options)
    try:
        source = decode(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return FileResult(path, error=FileError(path, 1, 1, f"cannot decode: {exc}", kind=ErrorKind.IO))
    if not path.endswith(".py"):
        return fix_project_file(source, path, rules, project, options)
    return fix_source(source, path, rules, project, options)


def fix_project_file(
    source: SourceText, path: str, rules: Sequence[type[RuleDeclaration]], project: ProjectContext, options: Options
) -> FileResult:
    """Run the `ProjectFileRule`s that read this file (a requirements file, a Pipfile, a lock file ...), one
    after another on the text, with the guarantees of Python files: nothing changes in check mode, the
    result must still be valid (each rule's `validate`), writes are atomic with the encoding kept."""
    result = FileResult(path)
    text = source.text
    active = [r for r in _rules_for_file(path, rules, options)
              if issubclass(r, ProjectFileRule) and r.could_match(text, project, path)]
    if not active:
        return result
    result.parsed = True
    context = FileContext(path, project, options.apply, {}, source=text, unsafe_options=options.unsafe_options)
    new_text = text
    for rule_class in active:
        try:
            new_text = rule_class(context).fix(new_text)
        except Exception as exc:  # noqa: BLE001  a failing rule is an error entry; the file stays untouched
            result.error = _rule_error(path, rule_class.code, exc)
            return result
        if not options.apply and new_text != text:
            result.error = FileError(path, 1, 1, f"rule {rule_class.code} changed the file with no fix to apply; "
                                     "file left unchanged: please report it")
            return result
    result.findings = context.findings
    if new_text != text:
        try:
            for rule_class in active:
                rule_class.validate(path, new_text)
        except ValueError as exc:
            result.error = FileError(path, 1, 1, f"fix produced an invalid file, left unchanged: {exc}",
                                     traceback.format_exc())
            return result
        result.changed = True
    return _finish(result, source, text, new_text, options)


# --- many files -------------------------------------------------------------------------------------

class _Projects(dict):
    """Each project root's ProjectContext, built on first use (in pool mode, in the worker that first
    gets one of its files)."""

    def __init__(self, members: dict[Path, list[Path]], index_classes: bool, facts: dict | None) -> None:
        super().__init__()
        self.members, self.index_classes, self.facts = members, index_classes, facts

    def build_all(self) -> None:
        for root in sorted(self.members):
            if root not in self:
                self[root] = ProjectContext.build(root, self.members[root], self.index_classes, self.facts)

    def __missing__(self, root: Path) -> ProjectContext:
        # built as its files come to be checked: the bytes the index reads of them wait for the engine,
        # a project's worth at most (built all at once, for the cache's keys, they would be the whole run's)
        project = self[root] = ProjectContext.build(root, self.members[root], self.index_classes, self.facts,
                                                    keep=self.members[root])
        return project


_worker_projects: dict[Path, ProjectContext] = {}
_worker_options: Options | None = None
_worker_describe: Callable[[Path], object] | None = None
_worker_described: set[Path] = set()


def _init_worker(projects: dict[Path, ProjectContext], options: Options,
                 describe: Callable[[Path], object] | None = None) -> None:
    """Runs once in each pool process: everything the files share is set up here, not per file."""
    global _worker_projects, _worker_options, _worker_describe
    _worker_projects, _worker_options, _worker_describe = projects, options, describe


def _work(item: tuple[str, Path]) -> tuple[FileResult, dict[Path, str]]:
    assert _worker_options is not None
    path, root = item
    project = _worker_projects[root]
    # the files the project index could not read travel back with the result: the run names them
    return process_file(path, _worker_options.rules, project, _worker_options), project.unreadable


def _work_many(items: list[tuple[str, Path]]) -> tuple[list[tuple[FileResult, dict[Path, str]]], dict[Path, object]]:
    """The task's results, and the description of each project this worker had not described yet."""
    answers = [_work(item) for item in items]
    described = {}
    if _worker_describe is not None:
        for _, root in items:
            if root not in _worker_described:
                _worker_described.add(root)
                described[root] = _worker_describe(root)
    return answers, described


# What a file costs a worker, relative to a file of a CDKTF project (a root with cdktf.json), which is
# almost always parsed: the rest of a monorepo is mostly read and screened out, and its index built from
# substring tests (measured on the bench's mixed monorepo: about a tenth, index included).
SCREENED_FILE_COST = 0.1


def _tasks(pending: list[int], items: list[tuple[str, Path]], jobs: int) -> list[list[int]]:
    """The pool's tasks, most costly first, shrinking as the run goes (as OpenMP's guided schedule): each
    groups projects until it costs a `GUIDED`th of what is left per worker, so the first tasks are large
    (few round trips) and the last ones single small projects, which even out the workers' loads at the
    end (the last task one worker takes is what the other waits for). A project's files stay together, so
    one worker builds its index; a project is split only when it costs more than a worker's share of the
    run, which no order of whole projects balances (each worker given a piece builds that index too).
    Cost is estimated per file, by whether its project is a CDKTF one: file counts alone put a standard
    library's hundreds of screened-out files before the CDKTF code."""
    by_root: dict[Path, list[int]] = {}
    for number in pending:
        by_root.setdefault(items[number][1], []).append(number)
    weight = {root: 1.0 if (root / "cdktf.json").is_file() else SCREENED_FILE_COST for root in by_root}
    total = sum(weight[root] * len(numbers) for root, numbers in by_root.items())
    share = total / jobs
    smallest = 8 * SCREENED_FILE_COST  # never so little that the round trips weigh
    units: list[tuple[float, list[int]]] = []  # whole projects, and the pieces of the largest
    for root, numbers in by_root.items():
        cost = weight[root] * len(numbers)
        if cost > share:
            size = max(8, int(max(smallest, total / (jobs * 24)) / weight[root]))
            pieces = [numbers[start:start + size] for start in range(0, len(numbers), size)]
            units.extend((weight[root] * len(piece), piece) for piece in pieces)
        else:
            units.append((cost, list(numbers)))
    units.sort(key=lambda unit: unit[0], reverse=True)
    tasks: list[tuple[float, list[int]]] = []
    current: list[int] = []
    current_cost, left = 0.0, total
    for cost, numbers in units:
        if current and current_cost + cost > max(smallest, left / (jobs * GUIDED)):
            tasks.append((current_cost, current))
            left -= current_cost
            current, current_cost = [], 0.0
        current.extend(numbers)
        current_cost += cost
    if current:
        tasks.append((current_cost, current))
    tasks.sort(key=lambda task: task[0], reverse=True)
    return [numbers for _, numbers in tasks]


# A task costs at most this fraction of what is left per worker when it is made (OpenMP's guided schedule
# uses 1): the first tasks are an eighth of the run for two workers, the last a single small project.
GUIDED = 4


# How many passes over the middle generation come between two full collections (Python's default: 10).
FULL_COLLECTION_AFTER = 100

# Below this many files a process pool costs more than it saves.
POOL_THRESHOLD = 24


def run(
    files: Sequence[Path],
    file_roots: dict[Path, Path],
    options: Options,
    jobs: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    cache: ResultCache | None = None,
    unindexed: dict[Path, str] | None = None,
    describe: Callable[[Path], object] | None = None,
    described: dict[Path, object] | None = None,
) -> list[FileResult]:
    """Process `files` (each with its project root), reusing cached results where nothing changed.
    Two phases: answers from the cache; the rest processed in this process or a pool, whose workers
    first screen out the files no rule can match. `unindexed` receives the project files the project
    index could not read (path -> why), which project-wide rules therefore know nothing of. `described`
    receives `describe(root)` for the root of each file processed (not answered by the cache), computed
    where its project was built (in a worker: its pins are read there already)."""
    rules = options.rules
    # what is alive now (modules, rule classes, LibCST's node types) lives for the whole run: kept out of
    # the collector's full passes, which otherwise walk it again and again while files are parsed
    gc.freeze()
    # and what the run builds as it goes (project facts, results) lives to its end too: each full pass
    # walks all of it and finds almost nothing to free, so full passes are made ten times rarer (a cycle
    # that dies young is still freed by the young generations' passes)
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)
    index_classes = any(r.uses_project_classes for r in rules)
    members: dict[Path, list[Path]] = {}
    for path, root in file_roots.items():
        members.setdefault(root, []).append(path)
    # the project index reads Python files; other project files (requirements, Pipfile) are not modules
    python_members = {root: [p for p in paths if p.suffix == ".py"] for root, paths in members.items()}
    projects = _Projects(python_members, index_classes, cache.facts if cache is not None else None)
    if cache is not None:
        projects.build_all()  # here: every cache key holds its project's facts
    items = [(str(f), file_roots[f]) for f in files]
    results: list[FileResult | None] = [None] * len(items)
    keys: dict[int, str] = {}

    def done(number: int, result: FileResult) -> None:
        results[number] = result
        if cache is not None and number in keys:
            cache.put(keys[number], result, written=options.write)
        if on_result:
            on_result(result)

    pending = list(range(len(items)))
    if cache is not None:
        pending = cache.answer(items, projects, keys, done)
    jobs = jobs or os.cpu_count() or 1
    use_pool = jobs > 1 and len(pending) >= POOL_THRESHOLD
    if use_pool:
        # The workers screen out the files no rule can match (fix_source's cheap tests): screening here,
        # before any worker starts, read every file once more in this one process. Without
        # a cache the workers also build the projects, each those of the files it is given: built here
        # they were the largest part of what ran before any worker started.
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(projects, options, describe)) as pool:
            tasks = {pool.submit(_work_many, [items[n] for n in task]): task for task in _tasks(pending, items, jobs)}
            for future in as_completed(tasks):
                answers, descriptions = future.result()
                for number, (result, unreadable) in zip(tasks[future], answers):
                    done(number, result)
                    if unindexed is not None:
                        unindexed.update(unreadable)
                if described is not None:
                    described.update(descriptions)
    else:
        for number in pending:
            path, root = items[number]
            done(number, process_file(path, rules, projects[root], options))
            if describe is not None and described is not None and root not in described:
                described[root] = describe(root)
    if cache is not None:
        cache.save()
    if unindexed is not None:
        for project in projects.values():
            unindexed.update(project.unreadable)
    return [r for r in results if r is not None]
