"""Write docs/rules/<CODE>.md and the README's rules table from the rule classes.

    python scripts/generate_rule_docs.py          # write them
    python scripts/generate_rule_docs.py --check  # exit 1 and name the stale files (what the tests check)
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import codemods  # noqa: E402
from fixer.registry import all_rules, every_rule  # noqa: E402
from fixer.ruledocs import DOCS_FOLDER, rule_page, with_rules_table  # noqa: E402


def expected() -> dict[Path, str]:
    files = {REPO / DOCS_FOLDER / f"{rule.code}.md": rule_page(rule) for rule in every_rule()}
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    for pack in codemods.PACKS:  # one table per pack: the fix pack's, then the migration's
        text = with_rules_table(text, all_rules(pack), pack)
    files[readme] = text
    return files


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    wanted = expected()
    pages = REPO / DOCS_FOLDER
    for orphan in sorted(pages.glob("*.md")) if pages.is_dir() else []:
        if orphan not in wanted:
            stale.append(orphan)
            if not check:
                orphan.unlink()
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if check else 'wrote'}: {path.relative_to(REPO)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
