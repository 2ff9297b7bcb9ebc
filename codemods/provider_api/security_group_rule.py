"""CTB002: standalone `SecurityGroupIngress`/`SecurityGroupEgress` resources (catalog B2)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.provider_api.helpers import (
    RULE_CLASS,
    RULE_MODULE,
    RULE_TYPES,
    resource_shaped,
)
from fixer.providers import PROVIDERS, packages_of
from fixer.rule import Rule, insert_keyword_first
from fixer.statements import keyword_arg
from fixer.types import Applicability, Example, FixAvailability


class SecurityGroupRuleResource(Rule):
    """
    ## What it does
    Finds `SecurityGroupIngress` and `SecurityGroupEgress` called like a resource
    (`SecurityGroupIngress(self, "https", ...)`). Their uses as nested blocks inside
    `SecurityGroup(ingress=[...])` stay as they are. CTB001 leaves these imports to this rule, so the two
    never disagree on a resource-shaped call.

    ## Why is this bad?
    They are the nested `ingress=[...]`/`egress=[...]` blocks of `SecurityGroup`, not resources: the struct
    takes no scope or id, so the call fails. Often the import names a module that does not exist
    (`cdktf_cdktf_provider_aws.security_group_ingress`).

    ## Fix safety
    The fix is safe: the call becomes `SecurityGroupRule(self, "https", type="ingress", ...)` imported from
    `security_group_rule`; `security_groups=[sg]` (the block's field) becomes `source_security_group_id=sg`.
    The old import goes when nothing else uses it.

    Reported without a fix: a call without `security_group_id`, or with several source groups.

    ## Options
    None.
    """

    code = "CTB002"
    name = "security-group-rule-resource"
    summary = "`SecurityGroupIngress`/`SecurityGroupEgress` used as a resource instead of `SecurityGroupRule`"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = tuple(RULE_TYPES)

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.security_group_ingress import SecurityGroupIngress

            SecurityGroupIngress(self, "https", security_group_id=sg.id, from_port=443, to_port=443, protocol="tcp")
            """,
            """
            from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule

            SecurityGroupRule(self, "https", type="ingress", security_group_id=sg.id, from_port=443, to_port=443, protocol="tcp")
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress

        SecurityGroup(self, "web", ingress=[SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp")])
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.bindings: dict[str, tuple[str, str, str | None]] = {}  # local name -> (module, name, alias)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = get_full_name_for_node(node.module) if node.module else None
        if node.relative or not module or isinstance(node.names, cst.ImportStar):
            return
        if not any(module == package or module.startswith(package + ".")
                   for p in PROVIDERS for package in packages_of(p)):
            return
        for alias in node.names:
            name = get_full_name_for_node(alias.name)
            if name in RULE_TYPES:
                self.bindings[alias.evaluated_alias or name] = (module, name, alias.evaluated_alias)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value in self.bindings) or not resource_shaped(original_node):
            return updated_node
        name = self.bindings[func.value][1]
        package = self.bindings[func.value][0].split(".")[0]  # the spelling the file imports it in
        rule_type = RULE_TYPES[name]
        sources = keyword_arg(original_node, "security_groups")
        problem = None
        if keyword_arg(original_node, "security_group_id") is None:
            problem = "it also needs `security_group_id=` (the group the rule belongs to)"
        elif sources is not None and not (isinstance(sources.value, (cst.List, cst.Tuple)) and len(sources.value.elements) == 1):
            problem = "`security_groups` must become one `source_security_group_id` per rule"
        base = (f"`{name}` is the nested `{rule_type}` block of SecurityGroup, not a resource; a standalone rule is "
                f"`{RULE_CLASS}(..., type=\"{rule_type}\")` from {package}.{RULE_MODULE}")
        if problem:
            self.report(original_node, f"{base}; {problem}")
            return updated_node
        if not self.report(original_node, base, Applicability.SAFE):
            return updated_node
        call = updated_node.with_changes(func=cst.Name(RULE_CLASS))
        if sources is not None:
            source = sources.value.elements[0].value
            call = call.with_changes(args=[
                a.with_changes(keyword=cst.Name("source_security_group_id"), value=source)
                if a.keyword is not None and a.keyword.value == "security_groups" else a
                for a in call.args
            ])
        if keyword_arg(original_node, "type") is None:
            call = insert_keyword_first(call, "type", cst.SimpleString(f'"{rule_type}"'))
        self.context.add_import(f"{package}.{RULE_MODULE}", RULE_CLASS)
        self.context.remove_import_if_unused(*self.bindings[func.value])
        return call
