"""What several provider-API rules know: the SecurityGroup rule structs generators call as resources,
and what a call shaped like a resource looks like. Rules import this, never each other."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
from libcst.helpers import get_full_name_for_node

from fixer.providers import ProviderIndex, split_import
from fixer.statements import assignments

# The nested block structs of SecurityGroup that code generators call as if they were resources.
RULE_TYPES = {"SecurityGroupIngress": "ingress", "SecurityGroupEgress": "egress"}
RULE_MODULE = "security_group_rule"
RULE_CLASS = "SecurityGroupRule"


def resource_shaped(call: cst.Call) -> bool:
    """`X(self, "id", ...)`: called like a construct, with a scope and an id."""
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    if len(positional) >= 2 and isinstance(
        positional[1], (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
    ):
        return True
    return bool(positional) and isinstance(positional[0], cst.Name) and positional[0].value in {"self", "scope"}


class ProviderNames:
    """Which local names of a file are provider classes and modules, from its `from ... import` lines:
    `target(func)` answers (index, module, class name) for a call's function."""

    def __init__(self, project, read_as: Callable[[str], str] | None = None) -> None:
        self.project = project
        self.read_as = read_as  # an import path as the provider it is to be answered from
        self.classes: dict[str, tuple[ProviderIndex, str, str]] = {}  # local name -> (index, module, class)
        self.modules: dict[str, tuple[ProviderIndex, str]] = {}  # local module name -> (index, module)

    def note(self, node: cst.ImportFrom) -> None:
        dotted = get_full_name_for_node(node.module) if node.module else None
        if dotted and self.read_as is not None:
            dotted = self.read_as(dotted)
        split = None if node.relative or isinstance(node.names, cst.ImportStar) else split_import(dotted)
        if split is None:
            return
        index = self.project.provider_for_package(split[0])
        if index is None:
            return
        module = split[1]
        for alias in node.names:  # type: ignore[union-attr]
            name = get_full_name_for_node(alias.name) or ""
            local = alias.evaluated_alias or name
            if module is None and index.has_module(name):
                self.modules[local] = (index, name)
            elif module is not None or index.home_of(name):
                self.classes[local] = (index, module or index.home_of(name) or "", name)

    def target(self, func: cst.BaseExpression) -> tuple[ProviderIndex, str, str] | None:
        if isinstance(func, cst.Name):
            return self.classes.get(func.value)
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in self.modules:
            index, module = self.modules[func.value.value]
            return index, module, func.attr.value
        return None


def values_by_name(body: cst.BaseSuite) -> dict[str, list[cst.BaseExpression]]:
    """Values assigned to plain names in one body (not in nested functions or classes)."""
    found: dict[str, list[cst.BaseExpression]] = {}
    for target, value, _ in assignments(body):
        if isinstance(target, cst.Name):
            found.setdefault(target.value, []).append(value)
    return found


def assigned_value(rule, module: cst.Module, name: str) -> cst.BaseExpression | None:
    """The one value a name is assigned in the innermost enclosing function (or the module) that assigns
    it; None when it is assigned more than once there, or nowhere we can see. `rule` memoizes per body."""
    scopes = [rule.per_node(module, lambda m: values_by_name(cst.IndentedBlock(body=m.body)))]
    scopes += [rule.per_node(f, lambda f: values_by_name(f.body)) for f in rule.context.functions]
    for scope in reversed(scopes):
        if name in scope:
            values = scope[name]
            return values[0] if len(values) == 1 else None
    return None
