"""Choosing rules by code, like ruff: codes or prefixes, `ALL`, the rules on by default when nothing is
selected. One implementation for anything with a `code` and `default_enabled`: the rule classes
(`fixer.registry`) and the rule index's entries (`fixer.rule_index`, which a run uses before it imports
any rule). No LibCST here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class UnknownRuleError(ValueError):
    pass


class Selectable(Protocol):
    code: str
    default_enabled: bool


R = TypeVar("R", bound=Selectable)


def matching(rules: Sequence[R], selector: str) -> list[R]:
    """The rules a code or prefix names (`ALL`: every one); UnknownRuleError when none."""
    selector = selector.strip().upper()
    if selector == "ALL":
        return list(rules)
    matched = [r for r in rules if r.code.startswith(selector)]
    if not matched:
        known = ", ".join(r.code for r in rules)
        raise UnknownRuleError(f"{selector!r} matches no rule code (known: {known}; prefixes select groups)")
    return matched


def validate_selector(rules: Sequence[R], selector: str) -> str:
    """A code or prefix, upper-cased; raises UnknownRuleError when it matches none of `rules`."""
    matching(rules, selector)
    return selector.strip().upper()


def select(rules: Sequence[R], chosen: list[str] | None, ignore: list[str]) -> list[R]:
    """The rules `chosen` names (none: every rule that is on by default), less those `ignore` names, in code
    order."""
    if chosen:
        picked = {r.code: r for s in chosen for r in matching(rules, s)}
    else:
        picked = {r.code: r for r in rules if r.default_enabled}
    for selector in ignore:
        for r in matching(rules, selector):
            picked.pop(r.code, None)
    return sorted(picked.values(), key=lambda r: r.code)
