"""The rule registry: every module in the `codemods` package defines one Rule subclass."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import codemods
from fixer.rule import Rule


class UnknownRuleError(ValueError):
    pass


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    rules = []
    for info in sorted(pkgutil.iter_modules(codemods.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"codemods.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and value.__module__ == module.__name__:
                rules.append(value)
    codes = [r.code for r in rules]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise RuntimeError(f"rule codes used twice: {sorted(duplicates)}")
    return tuple(sorted(rules, key=lambda r: r.code))


def rule_by_code(code: str) -> type[Rule]:
    for rule in all_rules():
        if rule.code == code.upper():
            return rule
    raise UnknownRuleError(f"unknown rule code {code!r}; `cdktf-fixer rules` lists them")


def _matching(selector: str) -> list[type[Rule]]:
    selector = selector.strip().upper()
    if selector == "ALL":
        return list(all_rules())
    matched = [r for r in all_rules() if r.code.startswith(selector)]
    if not matched:
        known = ", ".join(r.code for r in all_rules())
        raise UnknownRuleError(f"{selector!r} matches no rule code (known: {known}; prefixes select groups)")
    return matched


def validate_selector(selector: str) -> str:
    """A code or prefix, upper-cased; raises UnknownRuleError when it matches no rule."""
    _matching(selector)
    return selector.strip().upper()


def select_rules(select: list[str] | None, ignore: list[str]) -> list[type[Rule]]:
    """Rules by code or prefix, like ruff: no `select` means every rule that is on by default."""
    if select:
        chosen = {r for s in select for r in _matching(s)}
    else:
        chosen = {r for r in all_rules() if r.default_enabled}
    for selector in ignore:
        chosen -= set(_matching(selector))
    return sorted(chosen, key=lambda r: r.code)
