"""Rule docs are generated from the rule classes, and a stale page or README table fails here."""
from __future__ import annotations

import re
import textwrap

import pytest
from helpers import REPO, load_script

from fixer import ruledocs
from fixer.registry import every_rule

RULES = every_rule()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_has_the_fixed_sections(rule):
    headings = re.findall(r"^## (.+)$", textwrap.dedent(rule.__doc__ or ""), re.M)
    assert [h.strip() for h in headings] == ruledocs.required_sections(rule)
    assert all(ruledocs.sections(rule).values()), f"{rule.code} has an empty section"


def test_rule_pages_and_readme_table_are_generated_from_the_rules():
    stale = [path.relative_to(REPO).as_posix() for path, text in load_script("generate_rule_docs").expected().items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    assert stale == [], f"run `python scripts/generate_rule_docs.py`: stale {stale}"
    pages = sorted(p.stem for p in (REPO / ruledocs.DOCS_FOLDER).glob("*.md"))
    assert pages == [r.code for r in RULES]


def test_a_page_shows_the_first_example_and_the_declared_fix():
    rule = next(r for r in RULES if r.code == "CTD001")
    page = ruledocs.rule_page(rule)
    assert rule.INVALID[0].before.strip().splitlines()[0] in page and "Use instead:" in page
    assert f"Fix: {rule.fix_summary()}." in page
