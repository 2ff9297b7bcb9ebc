"""Results of earlier runs, so a run over an unchanged tree costs little (like ruff's `.ruff_cache`).

A file's result is reused when all of these are the same as when it was stored: the file's bytes, the
rules selected and the fixes applied, cdktf-fixer's version, the provider-index version, and the digest
of the project facts (the structural rules look across files, so a change elsewhere in the project
invalidates). A result that changed nothing is stored as its findings; one that would rewrite the
file only in --diff mode, with the fixed text (after a real fix the file's content, and so its key,
is different). The project index's per-file facts are cached by content too, or a warm run would still
parse every file to rebuild it.

Stored as JSON, never pickle: the cache folder lives inside the user's tree and a cloned repository
must not be able to make cdktf-fixer run code by shipping one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fixer import __version__
from fixer.textio import atomic_write
from fixer.types import Applicability, ErrorKind, FileError, FileResult, Finding

if TYPE_CHECKING:
    from fixer.project import ProjectContext

CACHE_DIR_NAME = ".cdktf_fixer_cache"
# Bumped whenever what an entry holds changes shape, so an older cache is set aside, never misread.
CACHE_FORMAT = 2


class ResultCache:
    def __init__(self, directory: Path, rule_codes: tuple[str, ...], apply: frozenset[Applicability], writes: bool) -> None:
        # `fix` and `fix --diff` apply the same fixes, but a --diff result must never stand in for a write
        setting = json.dumps([__version__, CACHE_FORMAT, sorted(rule_codes), sorted(f.value for f in apply), writes])
        self.directory = directory
        self.file = directory / __version__ / f"{hashlib.sha256(setting.encode()).hexdigest()[:16]}.json"
        self.results: dict[str, dict] = {}
        self.facts: dict[str, dict] = {}
        self._used: set[str] = set()
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            self.results, self.facts = dict(data["results"]), dict(data["facts"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no cache yet, or an unreadable one: start afresh

    @staticmethod
    def key(content: bytes, project_key: str) -> str:
        return hashlib.sha256(content + b"\0" + project_key.encode()).hexdigest()

    def answer(
        self,
        items: list[tuple[str, Path]],
        projects: dict[Path, ProjectContext],
        keys: dict[int, str],
        done: Callable[[int, FileResult], None],
    ) -> list[int]:
        """Hand cached results of `items` (path, project root) to `done`; return the numbers of the items
        still to process, with the key each result is to be stored under in `keys`."""
        project_keys = {root: project_key(project) for root, project in projects.items()}
        pending = []
        for number, (path, root) in enumerate(items):
            try:
                key = self.key(Path(path).read_bytes(), project_keys[root])
            except OSError:
                pending.append(number)  # unreadable: processing reports it
                continue
            hit = self.get(key, path)
            if hit is not None:
                done(number, hit)
            else:
                keys[number] = key
                pending.append(number)
        return pending

    def get(self, key: str, path: str) -> FileResult | None:
        entry = self.results.get(key)
        if entry is None:
            return None
        self._used.add(key)
        result = FileResult(path, parsed=entry["parsed"])
        result.findings = [
            Finding(code, message, path, line, column, Applicability(fix), fixed)
            for code, message, line, column, fix, fixed in entry["findings"]
        ]
        if entry.get("after") is not None:
            result.changed = True
            result.before, result.after = entry["before"], entry["after"]
        if entry["error"]:
            line, column, reason, kind = entry["error"]
            result.error = FileError(path, line, column, reason, kind=ErrorKind(kind))
        return result

    def put(self, key: str, result: FileResult, written: bool) -> None:
        if written and result.changed:
            return  # the file now has other content: this key will not be asked for again
        if result.changed and result.after is None:
            return
        if result.error is not None and result.error.kind is ErrorKind.LIMIT:
            return  # skipped for --max-file-size (a setting, not the content): never stands in for a later run
        self._used.add(key)
        self.results[key] = {
            "parsed": result.parsed,
            "findings": [[f.code, f.message, f.line, f.column, f.fix.value, f.fixed] for f in result.findings],
            "error": [result.error.line, result.error.column, result.error.reason, result.error.kind.value]
            if result.error else None,
            "before": result.before if result.changed else None,
            "after": result.after if result.changed else None,
        }

    def save(self) -> None:
        """Keep what this run used or added, so the cache does not grow with every edit ever made."""
        results = {k: v for k, v in self.results.items() if k in self._used}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Automatically created by cdktf-fixer.\n*\n", encoding="utf-8")
            # atomic, and with nothing left behind by a run killed mid-write (a concurrent run wins whole)
            atomic_write(self.file, json.dumps({"results": results, "facts": self.facts}).encode("utf-8"))
        except OSError:
            pass  # a read-only tree still gets checked, just not cached


def project_key(project: ProjectContext) -> str:
    """Project facts and the provider and core versions the rules will see: part of every cached result's key."""
    from fixer.core_changes import core_used
    from fixer.providers import versions_used

    # the cdktf core the project uses: CTB009's findings depend on it
    return (project.digest + "|" + json.dumps(versions_used(project.root), sort_keys=True)
            + "|" + json.dumps(core_used(project.root), sort_keys=True))
