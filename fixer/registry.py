"""The rule registry: the rule classes of each pack of `codemods`, found by walking its families."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import codemods
from fixer import selection
from fixer.rule import RuleDeclaration
from fixer.selection import UnknownRuleError

HELPER_MODULES = frozenset({"helpers", "screens"})  # shared knowledge and cheap tests, no rules


@lru_cache(maxsize=None)
def all_rules(pack: str = "fix") -> tuple[type[RuleDeclaration], ...]:
    """Every rule of a pack, in code order; a family's modules each define one rule class (a `Rule`, or a
    `ProjectFileRule` for files that are not Python)."""
    rules = []
    for family in codemods.PACKS[pack]:
        package = importlib.import_module(f"codemods.{family}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name in HELPER_MODULES:
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            rules.extend(
                value for value in vars(module).values()
                if isinstance(value, type) and issubclass(value, RuleDeclaration) and value.__module__ == module.__name__
                and "code" in value.__dict__
            )
    codes = [r.code for r in rules]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise RuntimeError(f"rule codes used twice: {sorted(duplicates)}")
    return tuple(sorted(rules, key=lambda r: r.code))


def every_rule() -> tuple[type[RuleDeclaration], ...]:
    """The rules of every pack, pack by pack (`explain`, the docs)."""
    return tuple(rule for pack in codemods.PACKS for rule in all_rules(pack))


def pack_of(code: str) -> str:
    """The pack a rule code belongs to (which command runs it)."""
    for pack in codemods.PACKS:
        if any(rule.code == code.upper() for rule in all_rules(pack)):
            return pack
    raise UnknownRuleError(f"unknown rule code {code!r}; `cdktf-fixer rules` lists them")


def rule_by_code(code: str) -> type[RuleDeclaration]:
    for rule in every_rule():
        if rule.code == code.upper():
            return rule
    raise UnknownRuleError(f"unknown rule code {code!r}; `cdktf-fixer rules` lists them")


def validate_selector(selector: str, pack: str = "fix") -> str:
    """A code or prefix, upper-cased; raises UnknownRuleError when it matches no rule of the pack."""
    return selection.validate_selector(all_rules(pack), selector)


def select_rules(select: list[str] | None, ignore: list[str], pack: str = "fix") -> list[type[RuleDeclaration]]:
    """Rules of a pack by code or prefix, like ruff: no `select` means every rule that is on by default."""
    return selection.select(all_rules(pack), select, ignore)
