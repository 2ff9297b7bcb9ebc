"""CTB007: values the provider's types reject: block shapes, dicts that reach jsii untranslated, unknown
keys, missing required properties, scalars of the wrong type, and classes the provider never generates."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import libcst as cst

from codemods.provider_api import screens
from codemods.provider_api.helpers import ProviderNames, assigned_value
from fixer.literals import integer_value, string_value
from fixer.providers import MARKERS, ProviderIndex
from fixer.providers.recipes import recipes_for
from fixer.providers.schema import OPEN, Prop
from fixer.rule import Rule
from fixer.types import Applicability, Example, FixAvailability

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_NO_SPACE = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
# Handled by CTB003, with its own messages: `AwsProvider(default_tags=...)`.
_OWNED_ELSEWHERE = {("AwsProvider", "default_tags")}


@dataclass(frozen=True)
class _Owner:
    """The class whose keywords are being judged, and how the code can name its module's classes."""

    index: ProviderIndex
    module: str
    name: str
    prefix: cst.BaseExpression | None  # `dynamodb_table.` when the code imports the module, not classes


def _required(owner: _Owner, props: dict[str, Prop]) -> tuple[str, ...]:
    """The class's required keywords, in the schema's order: kept on the index, asked for every call."""
    key = ("required keywords", owner.module, owner.name)
    required = owner.index.derived.get(key)
    if required is None:
        required = owner.index.derived[key] = tuple(name for name, prop in props.items() if prop.required)
    return required  # type: ignore[return-value]


def _members(type_: Any) -> list[Any]:
    return type_[1] if isinstance(type_, list) and type_[0] == "union" else [type_]


def _struct(type_: Any) -> tuple[str, str] | None:
    """The struct a type names, if it is one struct."""
    members = _members(type_)
    refs = [m for m in members if isinstance(m, list) and m[0] == "ref"]
    return (refs[0][1], refs[0][2]) if len(refs) == 1 and len(members) == 1 else None


def _collection(type_: Any, kind: str) -> tuple[str, str] | None:
    """The struct of a list (`array`) or map of structs."""
    members = _members(type_)
    if len(members) == 1 and isinstance(members[0], list) and members[0][0] == kind:
        return _struct(members[0][1])
    return None


def _scalars(type_: Any) -> set[str]:
    return {m for m in _members(type_) if isinstance(m, str)}


def _literal(node: cst.BaseExpression) -> tuple[str, Any] | None:
    """("bool"|"int"|"float"|"str", value) of a plain literal."""
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return "bool", node.value == "True"
    if isinstance(node, cst.Integer):
        return "int", integer_value(node)
    if isinstance(node, cst.Float):
        return "float", node.evaluated_value
    if isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower():
        return "str", string_value(node)
    return None


def _close(name: str, accepted: dict[str, Prop]) -> list[str]:
    return difflib.get_close_matches(name, sorted(accepted), n=3, cutoff=0.8)


class ProviderValueTypes(Rule):
    """
    ## What it does
    Checks every value given to a provider class (resource, data source, provider, nested block) against the
    provider's own types, read from its jsii assembly, recursively through lists, maps and dicts:
    - a single block where the property takes a list of blocks is put in a list; a one-element list where it
      takes one block is unwrapped; a list of several where one is wanted is reported;
    - a dict in a list (or map) of blocks reaches the provider untranslated, so its snake_case keys are lost:
      it becomes the block's class, called with keywords (the class is imported);
    - another block's class where the property takes a block class of its own (`Wafv2WebAclVisibilityConfig`
      where a rule takes `Wafv2WebAclRuleVisibilityConfig`) becomes that class when every keyword fits it;
      a block given where the property takes its parent (`destination_config=...DestinationConfigOnSuccess(...)`)
      gets the parent around it (`...DestinationConfig(on_success=...)`);
    - a dict key the block does not take is reported (renamed when one key is close), and so are required
      properties left out (unless `**kwargs` may hold them);
    - `True`/`False` or a number where a string is wanted becomes the string Terraform reads, a numeric
      string where a number is wanted becomes the number; other scalar mismatches are reported;
    - a class the provider does not generate, used where the property is typed `any` (the deep statements of
      a WAFv2 rule), becomes the same value as nested dicts with Terraform's attribute names; one whose
      keywords the calling class takes itself, one for one (`stream_specification=DynamodbTableStream
      Specification(stream_enabled=...)`), gives them to it directly.

    A variable assigned once in the enclosing function (or the module) is followed: what its value holds is
    reported where it is written, without a fix. Values the rule cannot see (parameters, function results,
    comprehensions, names assigned more than once), tokens and `Fn` calls are left alone. `AwsProvider(default_tags=...)` belongs to CTB003. Answers come from the provider version the
    project uses (`cdktf-fixer check --verbose` names it); with a pin that version does not satisfy, the rule
    is silent.

    ## Why is this bad?
    Each fails at synth ("Unable to deserialize value", "must be one of (...); got list instead", "Missing
    required properties") or, worse, synthesizes while the provider never receives the settings.

    ## Fix safety
    Shape fixes, dict-to-class rewrites whose every key maps to a property, another block's class whose
    keywords all fit, the parent block around a block, keywords moved out of an ungenerated class into the
    class that takes them by the same names, and lossless scalar conversions are safe. Renaming a key to its
    one close match and rewriting an ungenerated class as dicts are unsafe: the meaning is a guess, or the
    value is no longer checked by Python.

    ## Options
    None.
    """

    code = "CTB007"
    name = "provider-value-types"
    summary = "Value the provider's types reject"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = MARKERS
    screen = staticmethod(screens.provider_imports)
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable

            DynamodbTable(self, "t", name="t", hash_key="pk",
                          global_secondary_index=[{"name": "by_owner", "hash_key": "owner", "projection_type": "ALL"}])
            """,
            """
            from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTableGlobalSecondaryIndex, DynamodbTable

            DynamodbTable(self, "t", name="t", hash_key="pk",
                          global_secondary_index=[DynamodbTableGlobalSecondaryIndex(name="by_owner", hash_key="owner", projection_type="ALL")])
            """,
        ),
        Example(
            """
            from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable

            DynamodbTable(self, "t", name="t", hash_key="pk", point_in_time_recovery=[{"enabled": True}])
            """,
            """
            from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable

            DynamodbTable(self, "t", name="t", hash_key="pk", point_in_time_recovery={"enabled": True})
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute

        DynamodbTable(self, "t", name="t", hash_key="pk", attribute=[DynamodbTableAttribute(name="pk", type="S")],
                      point_in_time_recovery={"enabled": True}, global_secondary_index=indexes)
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.names = ProviderNames(context.project)
        self.module: cst.Module | None = None
        self.following: str | None = None  # the variable whose assigned value is being judged
        self.said: set[tuple[int, str]] = set()

    def visit_Module(self, node: cst.Module) -> bool:
        self.module = node
        return True

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.names.note(node)

    def report(self, node: cst.CSTNode, message: str, fix: Applicability = Applicability.NONE) -> bool:
        if self.following is None:
            return super().report(node, message, fix)
        # a value reached through a variable: said where it is written, once, and not rewritten from here
        if (id(node), message) not in self.said:
            self.said.add((id(node), message))
            super().report(node, f"{message} (the value of `{self.following}`)")
        return False

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        target = self.names.target(original_node.func)
        if target is None:
            return updated_node
        index, module, class_name = target
        if any(isinstance(a.value, cst.Ellipsis) for a in original_node.args):
            return updated_node  # a sketch (`X(...)`): nothing to judge
        props = index.props(module, class_name)
        if props is None:
            return updated_node
        prefix = original_node.func.value if isinstance(original_node.func, cst.Attribute) else None
        owner = _Owner(index, module, class_name, prefix)
        new_args = self._keywords(owner, props, original_node, list(original_node.args), list(updated_node.args))
        return updated_node if new_args is None else updated_node.with_changes(args=new_args)

    # --- a call's keywords ------------------------------------------------------------------------------

    def _keywords(self, owner: _Owner, props: dict[str, Prop], node: cst.CSTNode,
                  original: list[cst.Arg], updated: list[cst.Arg]) -> list[cst.Arg] | None:
        """Judge each keyword's value; the new argument list when a fix applies."""
        given = {a.keyword.value for a in original if a.keyword is not None}
        hoisted = self._hoistable(owner, props, original, given)
        # `**settings` may hold any property: only the keywords written out are judged
        missing = [] if any(a.star for a in original) else [
            name for name in _required(owner, props)
            if name not in given and not any(name in names for names in hoisted.values())]
        if missing:
            self.report(node, f"`{owner.name}` is missing required {', '.join(f'`{m}`' for m in missing)}")
        changed = False
        for number, names in hoisted.items():
            call = original[number].value
            assert isinstance(call, cst.Call)
            target = self.names.target(call.func)
            assert target is not None
            message = (f"{target[0].spec.package} {target[0].version} generates no class `{target[2]}`; `{owner.name}` "
                       f"takes its keywords itself: {', '.join(f'`{n}`' for n in names)}")
            if self.report(original[number], message, Applicability.SAFE):
                self.context.remove_import_if_unused(f"{target[0].spec.package}.{target[1]}", target[2])
            else:
                hoisted[number] = []
        for number, arg in enumerate(original):
            if arg.keyword is None or arg.keyword.value not in props:
                continue  # positionals and unknown keywords are CTB006's
            if (owner.name, arg.keyword.value) in _OWNED_ELSEWHERE:
                continue
            unwrapped = recipes_for(owner.index, owner.module, owner.name).get(arg.keyword.value)
            if unwrapped is not None and unwrapped.kind == "unwrap" and isinstance(arg.value, (cst.Dict, cst.Call)):
                continue  # a block where a provider release made it a string: CTB008's, one finding per problem
            new_value = self._value(owner, props[arg.keyword.value], arg.value, updated[number].value)
            if new_value is not None:
                updated[number] = updated[number].with_changes(value=new_value)
                changed = True
        if not any(hoisted.values()):
            return updated if changed else None
        flat: list[cst.Arg] = []
        for number, arg in enumerate(updated):
            inner = arg.value
            if not hoisted.get(number) or not isinstance(inner, cst.Call):
                flat.append(arg)
                continue
            moved = list(inner.args)  # in the parent call, with the layout the keyword had
            moved[-1] = moved[-1].with_changes(comma=arg.comma, whitespace_after_arg=cst.SimpleWhitespace(""))
            flat.extend(moved)
        return flat

    def _hoistable(self, owner: _Owner, props: dict[str, Prop], original: list[cst.Arg],
                   given: set[str]) -> dict[int, list[str]]:
        """Keywords given a class the provider never generated whose own keywords are, one for one, keywords
        of this class not given yet (`stream_specification=DynamodbTableStreamSpecification(stream_enabled=
        ...)` where DynamodbTable takes `stream_enabled=` itself): argument number -> those keywords."""
        found: dict[int, list[str]] = {}
        taken: set[str] = set(given)
        for number, arg in enumerate(original):
            value = arg.value
            if arg.keyword is None or arg.keyword.value in props or not isinstance(value, cst.Call):
                continue
            if not self._ungenerated_call(value) or not value.args:
                continue
            names = [a.keyword.value for a in value.args if a.keyword is not None and not a.star]
            if len(names) == len(value.args) and all(n in props and n not in taken for n in names):
                found[number] = names
                taken.update(names)
        return found

    def _value(self, owner: _Owner, prop: Prop, original: cst.BaseExpression,
               updated: cst.BaseExpression) -> cst.BaseExpression | None:
        """The value rewritten to fit `prop`'s type, or None when it stays (fits, unknown, or reported)."""
        if isinstance(original, cst.Name) and original.value not in ("True", "False", "None") \
                and self.following is None and self.module is not None:
            assigned = assigned_value(self, self.module, original.value)
            if assigned is not None and not isinstance(assigned, cst.Name):
                self.following = original.value
                try:
                    self._value(owner, prop, assigned, assigned)
                finally:
                    self.following = None
            return None
        if isinstance(original, cst.IfExp) and isinstance(updated, cst.IfExp):
            # `[...] if provisioned else [...]`: each branch is a value of the property
            body = self._value(owner, prop, original.body, updated.body)
            orelse = self._value(owner, prop, original.orelse, updated.orelse)
            if body is None and orelse is None:
                return None
            return updated.with_changes(body=body or updated.body, orelse=orelse or updated.orelse)
        type_ = prop.type
        where = f"`{prop.python}` of `{owner.name}`"
        if isinstance(type_, str) and type_ in OPEN:
            return self._ungenerated(owner, original, updated)
        listed = _collection(type_, "array")
        single = _struct(type_)
        if listed is not None:
            return self._list_of_blocks(owner, listed, where, original, updated)
        if single is not None:
            return self._one_block(owner, single, where, original, updated)
        mapped = _collection(type_, "map")
        if mapped is not None and isinstance(original, cst.Dict) and isinstance(updated, cst.Dict):
            return self._elements(owner, mapped, original, updated, in_map=True)
        scalars = _scalars(type_)
        if scalars and scalars == set(_members(type_)):
            return self._scalar(scalars, where, original)
        for kind in ("array", "map"):
            members = _members(type_)
            if len(members) == 1 and isinstance(members[0], list) and members[0][0] == kind:
                inner = _scalars(members[0][1])
                if inner and inner == set(_members(members[0][1])) and not inner & OPEN:
                    return self._scalars_in(kind, inner, where, original, updated)
        return None

    def _scalars_in(self, kind: str, scalars: set[str], where: str, original: cst.BaseExpression,
                    updated: cst.BaseExpression) -> cst.BaseExpression | None:
        """Elements of a list of scalars, values of a map of scalars; one scalar where a list is wanted."""
        if kind == "array" and _literal(original) is not None:
            if self._scalar(scalars, where, original, report=False) is None and self.report(
                    original, f"{where} takes a list of {' or '.join(sorted(scalars))}s; put this value in a list",
                    Applicability.SAFE):
                return cst.List([cst.Element(updated)])
            return None
        if not (kind == "array" and isinstance(original, (cst.List, cst.Tuple))
                or kind == "map" and isinstance(original, cst.Dict)):
            return None
        elements = list(updated.elements)  # type: ignore[attr-defined]
        changed = False
        for number, element in enumerate(original.elements):  # type: ignore[attr-defined]
            if not isinstance(element, (cst.Element, cst.DictElement)):
                continue
            value = self._scalar(scalars, f"an element of {where}" if kind == "array" else f"a value of {where}",
                                 element.value)
            if value is not None:
                elements[number] = elements[number].with_changes(value=value)
                changed = True
        return updated.with_changes(elements=elements) if changed else None  # type: ignore[attr-defined]

    # --- blocks -----------------------------------------------------------------------------------------

    def _is_block(self, owner: _Owner, node: cst.BaseExpression) -> bool:
        """A dict literal or a call of a provider class: a block, as opposed to a list or a token."""
        if isinstance(node, cst.Dict):
            return True
        if isinstance(node, cst.Call):
            target = self.names.target(node.func)
            entry = target[0].entry(target[1], target[2]) if target is not None else None
            return entry is not None and entry["kind"] == "struct"
        return False

    def _list_of_blocks(self, owner: _Owner, struct: tuple[str, str], where: str,
                        original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression | None:
        if isinstance(original, (cst.List, cst.Tuple)) and isinstance(updated, (cst.List, cst.Tuple)):
            return self._elements(owner, struct, original, updated, in_map=False)
        if not self._is_block(owner, original):
            return None
        block = updated
        if isinstance(original, cst.Dict) and isinstance(updated, cst.Dict):
            # in the list, the dict would reach jsii untranslated: the same finding converts it
            block = self._dict_in_collection(owner, struct, original, updated, announce=False) or updated
        elif isinstance(original, cst.Call) and isinstance(updated, cst.Call):
            block = self._other_struct(owner, struct, where, original, updated) or updated
        message = f"{where} takes a list of `{struct[1]}` blocks; put this block in a list"
        if not self.report(original, message, Applicability.SAFE):
            return None
        if block is not updated:
            self._import(owner, struct)
        return cst.List([cst.Element(block)])

    def _one_block(self, owner: _Owner, struct: tuple[str, str], where: str,
                   original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression | None:
        if isinstance(original, (cst.List, cst.Tuple)) and isinstance(updated, (cst.List, cst.Tuple)):
            blocks = [e for e in original.elements if isinstance(e, cst.Element)]
            if len(blocks) != len(original.elements) or not all(self._is_block(owner, e.value) for e in blocks):
                return None
            if len(blocks) != 1:
                self.report(original, f"{where} takes one `{struct[1]}` block, not a list of {len(blocks)}")
                return None
            inner = updated.elements[0].value
            if isinstance(blocks[0].value, cst.Dict) and isinstance(inner, cst.Dict):
                inner = self._dict_for_one_block(owner, struct, blocks[0].value, inner) or inner
            if self.report(original, f"{where} takes one `{struct[1]}` block, not a list", Applicability.SAFE):
                return inner
            return None
        if isinstance(original, cst.Dict) and isinstance(updated, cst.Dict):
            return self._dict_for_one_block(owner, struct, original, updated)
        if isinstance(original, cst.Call) and isinstance(updated, cst.Call):
            return self._other_struct(owner, struct, where, original, updated)
        return None

    def _other_struct(self, owner: _Owner, struct: tuple[str, str], where: str, original: cst.Call,
                      updated: cst.Call) -> cst.Call | None:
        """A call of another block's class (`Wafv2WebAclVisibilityConfig` where a rule takes
        `Wafv2WebAclRuleVisibilityConfig`): the class the property takes, when every keyword fits it."""
        target = self.names.target(original.func)
        if target is None or target[0] is not owner.index or (target[1], target[2]) == struct:
            return None
        entry = owner.index.entry(target[1], target[2])
        wanted = owner.index.props(*struct)
        if entry is None or entry["kind"] != "struct" or wanted is None:
            return None
        keywords = [a.keyword.value for a in original.args if a.keyword is not None]
        fits = len(keywords) == len(original.args) and all(k in wanted for k in keywords)
        message = f"{where} takes a `{struct[1]}`, not a `{target[2]}`"
        if not fits:
            return self._inside(owner, struct, where, original, updated, (target[1], target[2]), message)
        if not self.report(original, f"{message}; the same keywords fit it", Applicability.SAFE):
            return None
        if isinstance(original.func, cst.Attribute) and owner.index.has_module(struct[0]) and struct[0] == target[1]:
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name(struct[1])))  # type: ignore[attr-defined]
        self.context.add_import(f"{owner.index.spec.package}.{struct[0]}", struct[1])
        if isinstance(original.func, cst.Name):
            self.context.remove_import_if_unused(f"{owner.index.spec.package}.{target[1]}", target[2])
        return updated.with_changes(func=cst.Name(struct[1]))

    def _inside(self, owner: _Owner, struct: tuple[str, str], where: str, original: cst.Call, updated: cst.Call,
                given: tuple[str, str], message: str) -> cst.Call | None:
        """The block given is what one property of the wanted block takes (`destination_config=
        ...DestinationConfigOnSuccess(...)`): the wanted block around it (`...DestinationConfig(on_success=...)`)."""
        wanted = owner.index.props(*struct) or {}
        homes = [p for p in wanted.values() if _struct(p.type) == given or _collection(p.type, "array") == given]
        if len(homes) != 1:
            self.report(original, message)
            return None
        home = homes[0]
        if not self.report(original, f"{message}; it is what `{struct[1]}` takes as `{home.python}`", Applicability.SAFE):
            return None
        inner: cst.BaseExpression = updated if _struct(home.type) == given else cst.List([cst.Element(updated)])
        func: cst.BaseExpression = cst.Name(struct[1])
        if isinstance(original.func, cst.Attribute) and struct[0] == given[0]:
            func = original.func.with_changes(attr=cst.Name(struct[1]))
        else:
            self.context.add_import(f"{owner.index.spec.package}.{struct[0]}", struct[1])
        return cst.Call(func=func, args=[cst.Arg(inner, keyword=cst.Name(home.python), equal=_NO_SPACE)])

    def _elements(self, owner: _Owner, struct: tuple[str, str], original: cst.List | cst.Tuple | cst.Dict,
                  updated: cst.List | cst.Tuple | cst.Dict, in_map: bool) -> cst.BaseExpression | None:
        """Dicts among the elements of a list (or values of a map) of blocks."""
        elements = list(updated.elements)
        changed = False
        for number, element in enumerate(original.elements):
            value = getattr(element, "value", None)
            new = elements[number]
            if isinstance(value, cst.Dict) and isinstance(getattr(new, "value", None), cst.Dict):
                rewritten = self._dict_in_collection(owner, struct, value, new.value,  # type: ignore[union-attr]
                                                     "map" if in_map else "list")
                if rewritten is not None:
                    elements[number] = new.with_changes(value=rewritten)
                    changed = True
            elif isinstance(value, cst.Call) and isinstance(getattr(new, "value", None), cst.Call):
                where = f"an element of a {'map' if in_map else 'list'} of `{struct[1]}` blocks"
                rewritten = self._other_struct(owner, struct, where, value, new.value)  # type: ignore[union-attr]
                if rewritten is not None:
                    elements[number] = new.with_changes(value=rewritten)
                    changed = True
        return updated.with_changes(elements=elements) if changed else None

    def _dict_in_collection(self, owner: _Owner, struct: tuple[str, str], original: cst.Dict,
                            updated: cst.Dict, container: str = "list",
                            announce: bool = True) -> cst.BaseExpression | None:
        """A dict element reaches jsii as is: keys must be jsii's (camelCase) names. A dict with Python's
        snake_case keys becomes the struct's class, which translates them."""
        props = owner.index.props(*struct)
        keys = self._keys(original)
        if props is None or keys is None:
            return None
        by_jsii = {p.jsii: p for p in props.values()}
        snake_keys = [k for k in keys if k not in by_jsii and k in props]
        unknown = [k for k in keys if k not in by_jsii and k not in props]
        for key in unknown:
            self._unknown_key(struct, props, original, key)
        if unknown:
            return None
        if not snake_keys:
            return None
        call = self._as_call(owner, struct, original, updated, {k: (props[k].python if k in props else by_jsii[k].python) for k in keys})
        message = (f"a dict in a {container} of `{struct[1]}` blocks reaches the provider untranslated: "
                   f"{', '.join(f'`{k}`' for k in snake_keys)} would be lost; use `{struct[1]}(...)`")
        if call is None or announce and not self.report(original, message, Applicability.SAFE):
            return None
        if announce:
            self._import(owner, struct)
        return call

    def _dict_for_one_block(self, owner: _Owner, struct: tuple[str, str], original: cst.Dict,
                            updated: cst.Dict) -> cst.BaseExpression | None:
        """A dict given for one block is converted by the generated code (`Struct(**value)`): its keys must be
        Python's names, its required properties present; lists of blocks inside it are judged in turn."""
        props = owner.index.props(*struct)
        keys = self._keys(original)
        if props is None or keys is None:
            return None
        by_jsii = {p.jsii: p for p in props.values()}
        # a key given under jsii's name or misspelt is reported as such, not as missing too
        meant = {by_jsii[k].python if k in by_jsii else next(iter(_close(k, props)), k) for k in keys}
        missing = [name for name, prop in props.items() if prop.required and name not in meant]
        if missing:
            self.report(original, f"`{struct[1]}` is missing required {', '.join(f'`{m}`' for m in missing)}")
        elements = list(updated.elements)
        changed = False
        nested = _Owner(owner.index, struct[0], struct[1], owner.prefix)
        for number, element in enumerate(original.elements):
            assert isinstance(element, cst.DictElement)
            key = keys[number]
            new = elements[number]
            assert isinstance(new, cst.DictElement)
            if key not in props:
                if key in by_jsii and self.report(
                        element.key, f"`{struct[1]}` takes `{by_jsii[key].python}`, not `{key}`: a dict for one block "
                                     "is passed as keywords", Applicability.SAFE):
                    new = new.with_changes(key=cst.SimpleString(f'"{by_jsii[key].python}"'))
                    elements[number] = new
                    changed = True
                elif key not in by_jsii:
                    renamed = self._unknown_key(struct, props, original, key, element)
                    if renamed is not None:
                        new = new.with_changes(key=cst.SimpleString(f'"{renamed}"'))
                        elements[number] = new
                        changed = True
                continue
            value = self._value(nested, props[key], element.value, new.value)
            if value is not None:
                elements[number] = new.with_changes(value=value)
                changed = True
        return updated.with_changes(elements=elements) if changed else None

    def _keys(self, node: cst.Dict) -> list[str] | None:
        keys = []
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                return None
            key = string_value(element.key)
            if not isinstance(key, str) or not key.isidentifier():
                return None
            keys.append(key)
        return keys

    def _unknown_key(self, struct: tuple[str, str], props: dict[str, Prop], node: cst.Dict, key: str,
                     element: cst.DictElement | None = None) -> str | None:
        close = _close(key, props)
        at = element.key if element is not None else node
        if len(close) == 1 and element is not None:
            if self.report(at, f"`{struct[1]}` has no property `{key}`; did you mean `{close[0]}`?",
                           Applicability.UNSAFE):
                return close[0]
            return None
        near = close or sorted(props)[:12]
        self.report(at, f"`{struct[1]}` has no property `{key}`; it takes {', '.join(near)}")
        return None

    def _as_call(self, owner: _Owner, struct: tuple[str, str], original: cst.Dict, updated: cst.Dict,
                 keywords: dict[str, str]) -> cst.Call | None:
        """`{"a_b": 1, ...}` as `Struct(a_b=1, ...)`, keeping the dict's layout and comments; dicts in lists
        of blocks inside it are converted in turn."""
        props = owner.index.props(*struct)
        assert props is not None
        nested = _Owner(owner.index, struct[0], struct[1], owner.prefix)
        args = []
        for element, new in zip(original.elements, updated.elements):
            assert isinstance(element, cst.DictElement) and isinstance(new, cst.DictElement)
            name = keywords[string_value(element.key)]  # type: ignore[arg-type]
            value = self._value(nested, props[name], element.value, new.value) or new.value
            args.append(cst.Arg(value=value, keyword=cst.Name(name), equal=_NO_SPACE, comma=new.comma))
        if args:
            args[-1] = args[-1].with_changes(whitespace_after_arg=updated.rbrace.whitespace_before)
        func: cst.BaseExpression = cst.Name(struct[1])
        if owner.prefix is not None:
            func = cst.Attribute(value=owner.prefix, attr=cst.Name(struct[1])) if struct[0] == owner.module else func
        return cst.Call(func=func, args=args, whitespace_before_args=updated.lbrace.whitespace_after)

    def _import(self, owner: _Owner, struct: tuple[str, str]) -> None:
        if owner.prefix is not None and struct[0] == owner.module:
            return
        self.context.add_import(f"{owner.index.spec.package}.{struct[0]}", struct[1])

    # --- scalars ----------------------------------------------------------------------------------------

    def _scalar(self, scalars: set[str], where: str, node: cst.BaseExpression,
                report: bool = True) -> cst.BaseExpression | None:
        """The literal converted to the type wanted, when that is lossless. With `report=False`, only
        whether the value is a mismatch: None when it fits, the node itself when not."""
        literal = _literal(node)
        if not report:
            if literal is None:
                return None
            kind = literal[0]
            fits = (kind == "bool" and "boolean" in scalars or kind in ("int", "float") and "number" in scalars
                    or kind == "str" and "string" in scalars)
            return None if fits else node
        if literal is None:
            if isinstance(node, (cst.List, cst.Tuple, cst.Dict)):
                self.report(node, f"{where} takes a {' or '.join(sorted(scalars))}, not a "
                                  f"{'dict' if isinstance(node, cst.Dict) else 'list'}")
            return None
        kind, value = literal
        if kind == "bool" and "boolean" in scalars or kind in ("int", "float") and "number" in scalars:
            return None
        if kind == "str" and "string" in scalars:
            return None
        if "string" in scalars and kind == "bool":
            text = "true" if value else "false"
            if self.report(node, f"{where} takes a string; Terraform reads `{node.value}` as \"{text}\"",  # type: ignore[attr-defined]
                           Applicability.SAFE):
                return cst.SimpleString(f'"{text}"')
            return None
        if "string" in scalars and kind == "int":
            if self.report(node, f"{where} takes a string; write \"{value}\"", Applicability.SAFE):
                return cst.SimpleString(f'"{value}"')
            return None
        if "number" in scalars and kind == "str" and _NUMBER.fullmatch(value):
            if self.report(node, f"{where} takes a number, not a string", Applicability.SAFE):
                return cst.Float(value) if "." in value else cst.Integer(value)
            return None
        if "boolean" in scalars and kind == "str" and value in ("true", "false"):
            if self.report(node, f"{where} takes a boolean, not a string", Applicability.SAFE):
                return cst.Name("True" if value == "true" else "False")
            return None
        given = {"str": "string", "int": "number", "float": "number", "bool": "boolean"}[kind]
        self.report(node, f"{where} takes a {' or '.join(sorted(scalars))}, not a {given}")
        return None

    # --- classes the provider does not generate ------------------------------------------------------------

    def _ungenerated(self, owner: _Owner, original: cst.BaseExpression,
                     updated: cst.BaseExpression) -> cst.BaseExpression | None:
        """Under a property typed `any`, a call of a class the provider never generated (jsii stops
        generating nested blocks past a depth): the same value as dicts with Terraform's attribute names."""
        if not isinstance(original, cst.Call) or not self._ungenerated_call(original):
            return None
        converted = self._as_dicts(updated)
        if converted is None:
            return None
        target = self.names.target(original.func)
        assert target is not None
        message = (f"{target[0].spec.package} {target[0].version} generates no class `{target[2]}`: "
                   "its block is typed `any`; pass the same value as dicts with Terraform's attribute names")
        if not self.report(original, message, Applicability.UNSAFE):
            return None
        for name in sorted(self._ungenerated_names(original)):
            self.context.remove_import_if_unused(f"{target[0].spec.package}.{target[1]}", name)
        return converted

    def _ungenerated_call(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Call):
            return False
        target = self.names.target(node.func)
        return target is not None and isinstance(node.func, cst.Name) and target[2] not in target[0].exports(target[1]) \
            and target[0].has_module(target[1])

    def _ungenerated_names(self, node: cst.CSTNode) -> set[str]:
        names = set()
        if isinstance(node, cst.Call) and self._ungenerated_call(node):
            names.add(node.func.value)  # type: ignore[attr-defined]
        for child in node.children:
            names |= self._ungenerated_names(child)
        return names

    def _as_dicts(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """Ungenerated calls within `node` as dicts; None when one cannot be (positional or `**` args)."""
        if isinstance(node, cst.Call) and self._ungenerated_call(node):
            elements = []
            for arg in node.args:
                if arg.keyword is None or arg.star:
                    return None
                value = self._as_dicts(arg.value)
                if value is None:
                    return None
                elements.append(cst.DictElement(
                    cst.SimpleString(f'"{arg.keyword.value}"'), value, comma=arg.comma,
                    whitespace_before_colon=cst.SimpleWhitespace(""), whitespace_after_colon=cst.SimpleWhitespace(" ")))
            if elements:
                elements[-1] = elements[-1].with_changes(comma=elements[-1].comma)
            last_space = node.args[-1].whitespace_after_arg if node.args else cst.SimpleWhitespace("")
            return cst.Dict(elements, lbrace=cst.LeftCurlyBrace(whitespace_after=node.whitespace_before_args),
                            rbrace=cst.RightCurlyBrace(whitespace_before=last_space))
        if isinstance(node, (cst.List, cst.Tuple, cst.Dict)):
            kind = cst.DictElement if isinstance(node, cst.Dict) else cst.Element
            elements = []
            for element in node.elements:
                if not isinstance(element, kind):  # `*rest` / `**rest`: not a literal value
                    return None
                value = self._as_dicts(element.value)
                if value is None:
                    return None
                elements.append(element.with_changes(value=value))
            return node.with_changes(elements=elements)
        return node
