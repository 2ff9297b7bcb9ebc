"""What the reliability tests share: the short (CI) or long form, the rules, running the engine in process."""
from __future__ import annotations

import ast
import os
from pathlib import Path

from fixer.engine import Options, fix_source
from fixer.project import ProjectContext
from fixer.registry import all_rules
from fixer.rule import Rule
from fixer.textio import decode
from fixer.types import Applicability

# CI runs the short form with every `pytest`; CDKTF_FIXER_RELIABILITY=long runs the long one.
LONG = os.environ.get("CDKTF_FIXER_RELIABILITY", "").lower() == "long"


def examples(short: int, long: int) -> int:
    return long if LONG else short


# every Python rule of the `fix` pack, default-off ones too (the project-file rules read no Python)
RULES = tuple(r for r in all_rules("fix") if issubclass(r, Rule))
APPLY = frozenset({Applicability.SAFE, Applicability.UNSAFE})


def project(root: Path) -> ProjectContext:
    return ProjectContext.build(root, [], index_classes=True)


def run(data: bytes, path: str, rules, project_context: ProjectContext, apply: bool):
    """One file through the engine in process, as `check` (apply=False) or `fix --unsafe-fixes` would."""
    source = decode(data)
    options = Options(tuple(rules), apply=APPLY if apply else frozenset(), keep_text=True)
    return source, fix_source(source, path, rules, project_context, options)


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def record(event: str, **fields: object) -> None:
    """With CDKTF_FIXER_RELIABILITY_STATS=FILE, one JSON line per event: the figures of docs/reliability.md."""
    target = os.environ.get("CDKTF_FIXER_RELIABILITY_STATS")
    if target:
        import json

        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"event": event, **fields}) + "\n")
