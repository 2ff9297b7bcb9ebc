"""Write fixer/data/rule_index.json from the rule classes: what `check` and `fix` need to select rules and
screen files before importing any rule (fixer/rule_index.py says what it holds).

    python scripts/generate_rule_index.py          # write it
    python scripts/generate_rule_index.py --check  # exit 1 when it is stale (what the tests check)
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import codemods
from fixer.registry import all_rules
from fixer.rule_index import INDEX, entry, render


def expected() -> str:
    return render([entry(rule, pack) for pack in codemods.PACKS for rule in all_rules(pack)])


def main() -> int:
    text = expected()
    if INDEX.is_file() and INDEX.read_text(encoding="utf-8") == text:
        return 0
    if "--check" in sys.argv[1:]:
        print(f"stale: {INDEX.relative_to(REPO)}")
        return 1
    INDEX.write_text(text, encoding="utf-8")
    print(f"wrote: {INDEX.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
