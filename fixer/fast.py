"""`check` and `fix` over files no rule can look at, answered without importing LibCST or any rule.

Importing LibCST and the rules costs more than checking a clean file. Before it, a run selects its rules
from the rule index (fixer/rule_index.py), collects its files as `make_plan` does (`plan.survey`), and
screens each file with the selected rules' cheap tests, the very functions their `could_match` calls.
When no test says yes and nothing else needs the engine's judgement, every file's result is the empty
one the engine would give (`fix_source` parses no file that no rule looks at), and the caller prints it
as it prints any run. Otherwise `answer` returns None and the run goes the usual way: at the first
file a test says yes to, so the detour costs little.

What sends a run the usual way besides a match: a usage or configuration error (the usual way says it),
no file at all, a selected rule that reads project files, a file that is not Python, cannot be read, is
over --max-file-size or does not decode, text that may hold a merge conflict marker, a project the
project index could not read entirely (whose files are reported, or named in a warning), and more text
than SERIAL_CHARS (the usual run's workers screen a large run, and a late match costs little).

The results cache is kept as the engine keeps it: the projects are built with its facts, results it
holds are taken from it (one that is not empty sends the run the usual way), and the others are stored
as the engine stores them, then saved.

The tests that need the project index run after the others: first each file is screened with a stand-in
for its project that knows only its root, so a run with a match in its first CDKTF file never indexes
a project; the tests that asked for more are asked again once the projects are built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fixer import plan as planning
from fixer import rule_index
from fixer.paths import resolved
from fixer.project import ProjectContext
from fixer.textio import decode, may_hold_conflict_marker
from fixer.types import FileResult

if TYPE_CHECKING:
    from fixer.config import Config
    from fixer.rule_index import IndexedRule

# Past this much text screened without a match the run goes the usual way: a match that comes later (the
# CDKTF code of a monorepo whose other code sorts first) would have the usual run screen it all again.
# About 0.1 s of screening, what the imports it spares cost; a clean run larger than that is
# screened by the engine, in its workers.
SERIAL_CHARS = 4_000_000


@dataclass
class Answer:
    rules: list[IndexedRule]
    files: list[Path]
    roots: dict[Path, Path]
    config: Config
    warnings: list[str]
    results: list[FileResult]

    @property
    def rule_codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)


class _NeedsProject(BaseException):
    """A screen asked the stand-in for more than the project's root. A BaseException, so no screen's
    `except Exception` can take it for an answer."""


class _RootOnly:
    """The project as far as it is known before it is indexed: its root (as `ProjectContext.build` sets it)."""

    __slots__ = ("root",)

    def __init__(self, root: Path) -> None:
        self.root = root

    def __getattr__(self, name: str):  # only what is not set reaches here
        raise _NeedsProject(name)


def answer(
    paths: list[Path],
    select: list[str] | None,
    ignore: list[str] | None,
    mode: str,
    unsafe_fixes: bool,
    force_exclude: bool,
    max_file_size: int,
    cache_dir: Path | None,
    no_cache: bool,
    surveyed: list[planning.Survey] | None = None,
) -> Answer | None:
    """The run's results when no selected rule of the `fix` pack can find anything in any of its files;
    None when it may, or when anything else needs the usual run. `cache_dir` and `no_cache` as `check`'s.
    `surveyed` receives the survey made, so that the usual run need not discover the files again."""
    try:
        found = planning.survey(paths, select, ignore, "fix", rule_index.rules("fix"),
                                lambda r: r.kind == rule_index.PROJECT_FILE, force_exclude=force_exclude)
    except planning.PlanError:
        return None  # the usual run says what is wrong
    if surveyed is not None:
        surveyed.append(found)
    rules = found.rules
    if not found.files or any(r.kind != rule_index.PYTHON for r in rules):
        return None
    # Per-file ignores only take rules away: screening with every selected rule is the stricter test.
    later: dict[int, list[IndexedRule]] = {}  # file -> the rules whose screens need the project index
    kept: dict[int, str] = {}  # file -> its text, for those screens (SERIAL_CHARS at most in all)
    stand_ins: dict[Path, _RootOnly] = {}
    screened = 0
    for number, file in enumerate(found.files):
        path = str(file)
        text = _text(path, max_file_size)
        if text is None or may_hold_conflict_marker(text):  # the engine words that report
            return None
        screened += len(text)
        if screened > SERIAL_CHARS:
            return None
        root = found.roots[file]
        stand_in = stand_ins.get(root) or stand_ins.setdefault(root, _RootOnly(resolved(root)))
        for rule in rules:
            try:
                if rule.could_match(text, stand_in, path):  # type: ignore[arg-type]
                    return None
            except _NeedsProject:
                later.setdefault(number, []).append(rule)
            except Exception:  # noqa: BLE001  a failing test is the usual run's to report
                return None
        if number in later:
            kept[number] = text

    # The projects, built as engine.run builds them: the Python files of the run by root, their classes
    # indexed when a selected rule asks for them, the cache's facts reused (all built first, in root order).
    members: dict[Path, list[Path]] = {}
    for file, root in found.roots.items():
        members.setdefault(root, []).append(file)
    members = {root: [p for p in files if p.suffix == ".py"] for root, files in members.items()}
    index_classes = any(r.uses_project_classes for r in rules)
    cache = None
    if not no_cache:
        from fixer.cache import CACHE_DIR_NAME, ResultCache

        apply = planning.applied(mode, unsafe_fixes)
        cache = ResultCache(cache_dir or found.config.base / CACHE_DIR_NAME, tuple(r.code for r in rules), apply,
                            mode == "fix")
    facts = cache.facts if cache is not None else None
    projects = {root: ProjectContext.build(root, members[root], index_classes, facts) for root in sorted(members)}
    if any(project.unreadable for project in projects.values()):
        return None  # a file it could not parse is reported, and one it could not read is named

    items = [(str(file), found.roots[file]) for file in found.files]
    results: list[FileResult | None] = [None] * len(items)
    keys: dict[int, str] = {}
    pending = list(range(len(items)))
    if cache is not None:
        def cached(number: int, result: FileResult) -> None:
            results[number] = result

        pending = cache.answer(items, projects, keys, cached)
        if any(r is not None and (r.findings or r.error or r.changed) for r in results):
            return None
    for number in pending:
        path, root = items[number]
        if number in later:
            text = kept.pop(number)
            try:
                if any(rule.could_match(text, projects[root], path) for rule in later[number]):
                    return None
            except Exception:  # noqa: BLE001  as above
                return None
        results[number] = FileResult(path)
    if cache is not None:
        for number in pending:
            if number in keys:
                cache.put(keys[number], results[number], written=mode == "fix")  # type: ignore[arg-type]
        cache.save()
    return Answer(rules, found.files, found.roots, found.config, found.warnings, [r for r in results if r is not None])


def _text(path: str, max_file_size: int) -> str | None:
    """The file's text as the engine reads it; None when the engine would report it instead (it cannot be
    read, is too large, does not decode) or when it is not a Python file."""
    if not path.endswith(".py"):
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if len(data) > max_file_size:
        return None
    try:
        return decode(data).text
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return None
