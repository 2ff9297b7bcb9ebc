"""The rules' cheap tests before parsing, in code that never imports LibCST.

A rule's `could_match` asks its `screen`: a plain function of (rule, text, project, path) that answers
False when the rule cannot find anything in the file, so the file is not parsed for it. The base
screens are here; a rule with a test of its own keeps it in its family's `screens.py`, which imports no
LibCST either. The rule classes call these functions, and so does a run that screens files before
importing any rule (`fixer.fast`), through the rule index (`fixer.rule_index`): the `rule` argument is
either the rule class or its index entry, which carry the same declarations (`markers`,
`cdktf_code_only`, `deployed_resources_only`, `file_names`).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from fixer.discovery import is_test_path

if TYPE_CHECKING:
    from fixer.project import ProjectContext

# (rule, text, project, path) -> whether the rule may find something in the file
Screen = Callable[[Any, str, "ProjectContext", str], bool]

_CDKTF_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:cdktf\w*|cdktn\w*|constructs)\b", re.MULTILINE)


def is_cdktf_code(text: str) -> bool:
    """Infrastructure code (it imports cdktf, a provider or constructs), as opposed to the Lambda
    handlers and scripts that live beside it."""
    return ("cdktf" in text or "cdktn" in text or "constructs" in text) and _CDKTF_IMPORT.search(text) is not None


class _SeenInText:
    """What the screens found in the text they were last asked about. Every selected rule screens the same
    file in turn, and several share a marker (four rules look for provider imports) or the CDKTF-code
    test: each scan of a large file is made once, not once per rule."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.found: dict[str, bool] = {}

    def _for(self, text: str) -> dict[str, bool]:
        if text is not self.text:
            self.text, self.found = text, {}
        return self.found

    def contains(self, text: str, marker: str) -> bool:
        found = self._for(text)
        answer = found.get(marker)
        if answer is None:
            answer = found[marker] = marker in text
        return answer

    def cdktf_code(self, text: str) -> bool:
        return self.remembered(text, _CDKTF_CODE, is_cdktf_code)

    def remembered(self, text: str, key: str, test: Callable[[str], bool]) -> bool:
        found = self._for(text)
        answer = found.get(key)
        if answer is None:
            answer = found[key] = test(text)
        return answer


_CDKTF_CODE = "\0cdktf code"  # a key no marker can be
_SEEN = _SeenInText()


def remembered(text: str, key: str, test: Callable[[str], bool]) -> bool:
    """`test(text)`, asked once per text however many rules' screens ask it under this key."""
    return _SEEN.remembered(text, key, test)


def has_marker(rule: Any, text: str) -> bool:
    """One of the rule's markers occurs in the text."""
    return any(_SEEN.contains(text, marker) for marker in rule.markers)


def python_screen(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """A Python rule's test unless it has its own: one of its markers occurs, the file is CDKTF code when the
    rule looks only at that, and it is not a test file when the rule judges deployed resources only. (The
    CDKTF-code test comes first: it is shared by every rule that asks it, and rules out most of a monorepo.)"""
    return (
        (not rule.cdktf_code_only or _SEEN.cdktf_code(text))
        and has_marker(rule, text)
        and not (rule.deployed_resources_only and is_test_path(path, project.root))
    )


def reads(file_names: tuple[str, ...], name: str) -> bool:
    """Whether a project file rule reads a file of this name (fnmatch patterns such as `requirements*.txt`)."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in file_names)


def project_file_screen(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """A project file rule's test: it reads files of this name, and one of its markers occurs (no markers:
    every such file)."""
    return reads(rule.file_names, PurePath(path).name) and (not rule.markers or any(m in text for m in rule.markers))
