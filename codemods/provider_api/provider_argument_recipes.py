"""CTB008: arguments a provider release removed, rewritten the way its upgrade guide says (issue 17)."""

from __future__ import annotations

import json
from typing import Any

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.provider_api import screens
from codemods.provider_api.helpers import ProviderNames, assigned_value
from fixer.literals import string_value
from fixer.providers import MARKERS, ProviderIndex, pascal
from fixer.providers.recipes import Recipe, recipes_for, renamed_attributes
from fixer.rule import Rule
from fixer.types import Applicability, Example, FixAvailability

_NO_SPACE = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
_CODE = cst.Module(body=[])


def _code(node: cst.CSTNode) -> str:
    return _CODE.code_for_node(node)


def _literal(value: cst.BaseExpression) -> tuple[bool, Any]:
    """(True, the value) for a bool, string or integer literal; (False, None) for anything else."""
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        return True, value.value == "True"
    if isinstance(value, cst.SimpleString):
        return True, string_value(value)
    if isinstance(value, cst.Integer):
        return True, int(value.value)
    return False, None


def _same_literal(given: Any, wanted: Any) -> bool:
    return type(given) is type(wanted) and given == wanted  # True is not 1


def _python(value: Any) -> str:
    """A literal of the table as Python source: `True`, `"vpc"`, `2`."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def _one_line(node: cst.CSTNode, placeholder: str) -> str:
    """The code of a value for a message, on one line; a placeholder when a comment would not survive."""
    text = _code(node)
    if "#" in text:
        return placeholder
    return " ".join(line.strip() for line in text.splitlines()).replace("( ", "(").replace("[ ", "[")


def _has_call(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) or any(_has_call(child) for child in node.children)


def _derived_id(construct_id: cst.BaseExpression | None, suffix: str) -> cst.BaseExpression:
    """The construct id of a resource split off another: the other's id and `-suffix`."""
    if isinstance(construct_id, cst.SimpleString) and "\n" not in construct_id.value:
        quote = construct_id.quote
        return cst.SimpleString(f"{construct_id.prefix}{quote}{construct_id.raw_value}-{suffix}{quote}")
    if isinstance(construct_id, cst.FormattedString) and construct_id.end in ('"', "'"):
        return construct_id.with_changes(parts=[*construct_id.parts, cst.FormattedStringText(f"-{suffix}")])
    if construct_id is not None:
        return cst.BinaryOperation(construct_id, cst.Add(), cst.SimpleString(f'"-{suffix}"'))
    return cst.SimpleString(f'"{suffix}"')


def _parameters(function: cst.FunctionDef) -> set[str]:
    params = function.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    every += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
    return {p.name.value for p in every}


def _removable(arg: cst.Arg) -> bool:
    """Whether an argument can be removed without losing a comment written on its line."""
    return "#" not in _code(arg)


def _movable(arg: cst.Arg) -> bool:
    """Whether an argument's value can be moved elsewhere without losing a comment: the value goes with its
    own comments; one after the argument's comma would stay behind."""
    return not isinstance(arg.comma, cst.Comma) or "#" not in _code(arg.comma)


def _suffix(module: str, into: str) -> str:
    """What the separate resource adds to its owner's name: `ecs_cluster` + `ecs_cluster_capacity_providers`
    -> `capacity_providers`; `api_gateway_deployment` + `api_gateway_stage` -> `stage`."""
    owner, parts = module.split("_"), into.split("_")
    common = 0
    while common < min(len(owner), len(parts)) and owner[common] == parts[common]:
        common += 1
    return "_".join(parts[common:]) or into


class ProviderArgumentRecipes(Rule):
    """
    ## What it does
    Finds arguments of provider resource classes that a release of the provider removed and rewrites
    them as that provider's upgrade guide says: `DbInstance(name=...)` is `db_name=...` since the AWS
    provider 5.0, `Eip(vpc=True)` is `domain="vpc"`, `Instance(cpu_core_count=...)` moved into
    `cpu_options=InstanceCpuOptions(core_count=...)`, and attribute reads follow (`db.name` is
    `db.db_name` where `db` is assigned that `DbInstance` in the same scope). An argument that moved to a
    resource of its own (`EcsCluster(capacity_providers=...)`, `SecretsmanagerSecret(rotation_rules=...)`,
    `ApiGatewayDeployment(stage_name=...)`) is reported with the resource to write instead, or written.
    A block given to an argument that now takes a string has its fields moved onto the resource
    (`ElasticacheReplicationGroup(cluster_mode={"num_node_groups": 2, ...})`).

    The changes come from a table kept with its sources (`fixer/data/provider_recipes/aws.toml`, the AWS
    provider's version 5 and 6 upgrade guides). A finding needs the keyword to be missing from the
    provider version the project uses, and that version to be at or after the change: a project pinning
    an older provider, where `Eip(vpc=True)` is right, gets nothing.

    ## Why is this bad?
    Code written against an older provider, or from memory of one, fails at synth with "got an
    unexpected keyword argument"; its replacement is not a close spelling that a typo check would find.

    ## Fix safety
    A one-to-one rename is safe, and so is a value the guide maps exactly (`vpc=True` -> `domain="vpc"`).
    A rename whose meaning shifts (a set that became an ordered list), a regrouping into a block, and
    the removal of an EC2-Classic setting and a block's fields moved onto the resource are unsafe. A move to a separate resource is unsafe and made
    only when it is mechanical: the resource is assigned on a line of its own (`cluster = EcsCluster(...)`)
    and the values moved call nothing (a struct class of the old resource is not the new one's); the new
    resource is written after that line, named after the old one. Otherwise, and for a value the table
    does not map or a removed argument with no equivalent, the finding says what to write, without a fix.
    An argument carrying a comment is never removed.

    ## Options
    None.
    """

    code = "CTB008"
    name = "provider-argument-recipes"
    summary = "Argument a provider release removed, rewritten as its upgrade guide says"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = MARKERS
    screen = staticmethod(screens.provider_imports)
    deployed_resources_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.db_instance import DbInstance
            from cdktf_cdktf_provider_aws.eip import Eip

            db = DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", name="app")
            Eip(self, "nat", vpc=True)
            print(db.name)
            """,
            """
            from cdktf_cdktf_provider_aws.db_instance import DbInstance
            from cdktf_cdktf_provider_aws.eip import Eip

            db = DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", db_name="app")
            Eip(self, "nat", domain="vpc")
            print(db.db_name)
            """,
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.eip import Eip

        Eip(self, "nat", domain="vpc")
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.names = ProviderNames(context.project)
        self.module: cst.Module | None = None
        self.assigned_to: dict[cst.Call, str] = {}  # a resource call -> the code of what it is assigned to
        self.line_of: dict[cst.Call, cst.SimpleStatementLine] = {}  # a call that is a line's only assignment
        self.after_line: dict[cst.SimpleStatementLine, list[cst.SimpleStatementLine]] = {}  # added by splits

    def visit_Module(self, node: cst.Module) -> bool:
        self.module = node
        return True

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.names.note(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.value, cst.Call):
            self.assigned_to[node.value] = _code(node.targets[0].target)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if len(node.body) == 1 and isinstance(node.body[0], cst.Assign) and isinstance(node.body[0].value, cst.Call):
            self.line_of[node.body[0].value] = node

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        added = self.after_line.pop(original_node, None)
        if not added:
            return updated_node
        return cst.FlattenSentinel([updated_node, *added])

    # --- attribute reads --------------------------------------------------------------------------------

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        if original_node.attr.value not in renamed_attributes() or not isinstance(original_node.value, cst.Name):
            return updated_node
        if self.module is None:
            return updated_node
        receiver = original_node.value.value
        if any(receiver in _parameters(function) for function in self.context.functions):
            return updated_node  # a parameter: whatever the caller passes, not what a line here assigned
        value = assigned_value(self, self.module, receiver)
        target = self.names.target(value.func) if isinstance(value, cst.Call) else None
        if target is None:
            return updated_node  # not provably an instance of the class: left alone
        recipe = recipes_for(*target).get(original_node.attr.value)
        if recipe is None or recipe.kind != "rename" or not recipe.attribute:
            return updated_node
        message = (f"`{target[2]}` has no attribute `{recipe.argument}` since the {recipe.guide} "
                   f"(cdktf-cdktf-provider-{recipe.provider} {recipe.package}): it is `{recipe.to}`")
        if self.report(original_node.attr, message, Applicability.SAFE if recipe.safe else Applicability.UNSAFE):
            return updated_node.with_changes(attr=cst.Name(recipe.to or ""))
        return updated_node

    # --- calls ------------------------------------------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        target = self.names.target(original_node.func)
        if target is None or any(a.star for a in original_node.args):
            return updated_node
        index, module, class_name = target
        recipes = recipes_for(index, module, class_name)
        if not recipes:
            return updated_node
        given = {a.keyword.value for a in original_node.args if a.keyword is not None}
        args = list(updated_node.args)
        replaced: dict[int, list[cst.Arg]] = {}  # argument number -> what stands in its place
        regroups: dict[str, list[tuple[int, Recipe]]] = {}
        splits: dict[str, list[tuple[int, Recipe]]] = {}
        for number, arg in enumerate(original_node.args):
            recipe = recipes.get(arg.keyword.value) if arg.keyword is not None else None
            if recipe is None:
                continue
            since = f"since the {recipe.guide} (cdktf-cdktf-provider-{recipe.provider} {recipe.package})"
            head = f"`{class_name}` takes no `{recipe.argument}` {since}"
            if recipe.kind == "rename":
                if recipe.shape == "list" and not isinstance(arg.value, (cst.List, cst.Tuple, cst.ListComp)):
                    self.report(arg, f"{head}: {recipe.use}")
                elif recipe.to in given:
                    self.report(arg, f"{head}: it is `{recipe.to}`, which this call also gives; keep one")
                elif self.report(arg, f"{head}: it is `{recipe.to}`", Applicability.SAFE if recipe.safe else Applicability.UNSAFE):
                    replaced[number] = [args[number].with_changes(keyword=cst.Name(recipe.to or ""))]
            elif recipe.kind == "value":
                new = self._value(recipe, arg, head, given)
                if new is not None:
                    replaced[number] = [args[number].with_changes(keyword=cst.Name(k), value=v) for k, v in new]
            elif recipe.kind == "regroup":
                regroups.setdefault(recipe.block or "", []).append((number, recipe))
            elif recipe.kind == "split":
                splits.setdefault(recipe.into or "", []).append((number, recipe))
            elif recipe.kind == "unwrap":
                fields = self._unwrap(class_name, recipe, arg, args[number], given)
                if fields is not None:
                    replaced[number] = fields
            elif recipe.drop:
                if self.report(arg, f"{head}: remove it ({recipe.use})",
                               Applicability.UNSAFE if _removable(arg) else Applicability.NONE):
                    replaced[number] = []
            else:
                self.report(arg, f"{head}: {recipe.use}")
        for block, moved in regroups.items():
            self._regroup(index, module, class_name, original_node, args, block, moved, given, replaced)
        for into, moved in splits.items():
            if self._split(index, module, class_name, original_node, args, into, moved):
                replaced.update({number: [] for number, _ in moved})
        if not replaced:
            return updated_node
        new_args: list[cst.Arg] = []
        for number, arg in enumerate(args):
            standing = replaced.get(number, [arg])
            if len(standing) > 1:  # one argument became several: each laid out like the arguments before it
                between = args[number - 1].comma if number and isinstance(args[number - 1].comma, cst.Comma) else \
                    cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                standing = [a.with_changes(comma=between) for a in standing[:-1]] + standing[-1:]
            new_args.extend(standing)
        if new_args and args and new_args[-1] is not args[-1]:
            new_args[-1] = new_args[-1].with_changes(comma=args[-1].comma)  # the call ends as it did
        return updated_node.with_changes(args=new_args)

    def _value(self, recipe: Recipe, arg: cst.Arg, head: str, given: set[str]) -> list[tuple[str, cst.BaseExpression]] | None:
        """The keywords standing for a value the table maps; None (reported without a fix) otherwise."""
        known, literal = _literal(arg.value)
        rewrite = next((r for r in recipe.values if known and _same_literal(literal, r.source)), None)
        mapping = "; ".join(
            f"{recipe.argument}={_python(r.source)} is {', '.join(f'{k}={_python(v)}' for k, v in r.keywords)}"
            for r in recipe.values)
        if rewrite is None:
            self.report(arg, f"{head}: {mapping}")
            return None
        written = ", ".join(f"{k}={_python(v)}" for k, v in rewrite.keywords)
        clash = [k for k, _ in rewrite.keywords if k in given]
        if clash:
            self.report(arg, f"{head}: it is {written}, and this call already gives `{clash[0]}`")
            return None
        if not self.report(arg, f"{head}: it is {written}", Applicability.SAFE if recipe.safe else Applicability.UNSAFE):
            return None
        return [(k, cst.parse_expression(_python(v))) for k, v in rewrite.keywords]

    def _unwrap(self, class_name: str, recipe: Recipe, arg: cst.Arg, updated: cst.Arg,
                given: set[str]) -> list[cst.Arg] | None:
        """A block given to an argument that now takes a string: its fields as arguments of the resource.
        A string, or anything not written as a block, is the new form and left alone."""
        original, value = arg.value, updated.value
        fields: list[tuple[str, cst.BaseExpression]] | None = None
        struct = None
        if isinstance(original, cst.Dict) and isinstance(value, cst.Dict):
            keys = [e.key.evaluated_value if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                    else None for e in original.elements]
            fields = [(k, e.value) for k, e in zip(keys, value.elements)] if all(isinstance(k, str) for k in keys) else []
        elif isinstance(original, cst.Call) and isinstance(value, cst.Call) and original.args and all(
                a.keyword is not None and not a.star for a in original.args):
            name = get_full_name_for_node(original.func) or ""
            if not name.rpartition(".")[2][:1].isupper():
                return None  # a function computing the value, not a block class
            struct = self.names.target(original.func)
            fields = [(a.keyword.value, a.value) for a in value.args]  # type: ignore[union-attr]
        else:
            return None
        names = ", ".join(f"`{f}`" for f in recipe.fields)
        head = (f"`{class_name}` takes `{recipe.argument}` as a string since the {recipe.guide} "
                f"(cdktf-cdktf-provider-{recipe.provider} {recipe.package}): the block's {names} are arguments of "
                f"`{class_name}` itself")
        unknown = [k for k, _ in fields if k not in recipe.fields]
        clash = [k for k, _ in fields if k in given]
        if not fields or unknown or clash or not _removable(arg):
            reason = (f"; `{unknown[0]}` is not one of them" if unknown else
                      f", and this call already gives `{clash[0]}`" if clash else "")
            self.report(arg, head + reason)
            return None
        if not self.report(arg, head, Applicability.UNSAFE):
            return None
        if struct is not None and isinstance(original.func, cst.Name):  # type: ignore[union-attr]
            self.context.remove_import_if_unused(f"{struct[0].spec.package}.{struct[1]}", struct[2])
        return [updated.with_changes(keyword=cst.Name(k), value=v, equal=_NO_SPACE) for k, v in fields]

    def _regroup(self, index: ProviderIndex, module: str, class_name: str, call: cst.Call, args: list[cst.Arg],
                 block: str, moved: list[tuple[int, Recipe]], given: set[str], replaced: dict[int, list[cst.Arg]]) -> None:
        """Arguments that became the fields of one nested block: `block=Struct(field=value, ...)` where the
        first of them was."""
        signature = index.signature(module, class_name)
        prop = signature.props.get(block) if signature else None
        struct = (prop.type[1], prop.type[2]) if prop is not None and prop.type[0] == "ref" else None
        names = ", ".join(f"`{r.argument}`" for _, r in moved)
        recipe = moved[0][1]
        fields = ", ".join(f"{r.to}={_one_line(call.args[n].value, '...')}" for n, r in moved)
        written = f"{block}={struct[1] if struct else block}({fields})"
        head = (f"`{class_name}` takes no {names} since the {recipe.guide} "
                f"(cdktf-cdktf-provider-{recipe.provider} {recipe.package}): write `{written}`")
        first = call.args[moved[0][0]]
        if struct is None or block in given or not all(_movable(call.args[n]) for n, _ in moved[1:]):
            self.report(first, head + (", merged into the `{block}` this call gives".format(block=block) if block in given else ""))
            return
        if not self.report(first, head, Applicability.UNSAFE):
            return
        func: cst.BaseExpression
        if isinstance(call.func, cst.Attribute) and struct[0] == module:
            func = call.func.with_changes(attr=cst.Name(struct[1]))  # `instance.Instance` -> `instance.InstanceCpuOptions`
        else:
            func = cst.Name(struct[1])
            self.context.add_import(f"{index.spec.package}.{struct[0]}", struct[1])
        inner = [cst.Arg(args[n].value, keyword=cst.Name(r.to or ""), equal=_NO_SPACE,
                         comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for n, r in moved]
        inner[-1] = inner[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        replaced[moved[0][0]] = [args[moved[0][0]].with_changes(keyword=cst.Name(block), value=cst.Call(func=func, args=inner))]
        for number, _ in moved[1:]:
            replaced[number] = []

    def _split(self, index: ProviderIndex, module: str, class_name: str, call: cst.Call, args: list[cst.Arg],
               into: str, moved: list[tuple[int, Recipe]]) -> bool:
        """Arguments that moved to a resource of their own: reported with that resource, written out. The
        split is mechanical (an unsafe fix: the new resource after the line, the arguments removed) when
        the call is a line's only assignment and every value is known and calls nothing (a struct class of
        the old resource is not the new one's); True when it is to be made."""
        recipe = moved[0][1]
        into_module = recipe.into_module or ""
        into_class = pascal(into_module)
        positional = [a.value for a in args if a.keyword is None]
        suffix = _suffix(module, into_module).replace("_", "-")
        new_id = _derived_id(positional[1] if len(positional) > 1 else None, suffix)
        owner = self.assigned_to.get(call)
        # each argument of the new resource: (keyword, its value's node, or None when unknown, as the message shows it)
        parts: list[tuple[str | None, cst.BaseExpression | None, str]] = [
            (None, positional[0] if positional else cst.Name("self"), _code(positional[0]) if positional else "self"),
            (None, new_id, _code(new_id)),
        ]
        by_keyword = {a.keyword.value: a.value for a in args if a.keyword is not None}
        for keyword, link in recipe.link:
            what, _, name = link.partition(":")
            if what == "attr":
                node = cst.parse_expression(f"{owner}.{name}") if owner else None
                parts.append((keyword, node, f"{owner or f'<the {class_name}>'}.{name}"))
            else:
                value = by_keyword.get(name)
                parts.append((keyword, value, _one_line(value, f"<{name}>") if value is not None else f"<{name}>"))
        for number, moved_recipe in moved:
            value = args[number].value
            if moved_recipe.to != "*":
                parts.append((moved_recipe.to, value, _one_line(value, f"<{moved_recipe.argument}>")))
            elif isinstance(value, cst.Call) and all(a.keyword is not None and not a.star for a in value.args):
                parts.extend((a.keyword.value, a.value, _one_line(a.value, "...")) for a in value.args)  # type: ignore[union-attr]
            else:
                parts.append((None, None, f"<the fields of {moved_recipe.argument}>"))
        written = f"{into_class}({', '.join(f'{k}={text}' if k else text for k, _, text in parts)})"
        mechanical = (call in self.line_of and all(_movable(call.args[n]) for n, _ in moved)
                      and all(node is not None and not _has_call(node) for _, node, _ in parts[2:]))
        names = ", ".join(f"`{r.argument}`" for _, r in moved)
        applied = self.report(
            call.args[moved[0][0]],
            f"`{class_name}` takes no {names} since the {recipe.guide} (cdktf-cdktf-provider-{recipe.provider} "
            f"{recipe.package}): {'they belong' if len(moved) > 1 else 'it belongs'} to `{into_class}` ({into}); remove "
            f"{'them' if len(moved) > 1 else 'it'} here and write `{written}` "
            f"(from {index.spec.package}.{into_module} import {into_class})",
            Applicability.UNSAFE if mechanical else Applicability.NONE,
        )
        if applied:
            # built from the nodes, not the message's one-line text: strings and comments inside values stay as written
            new_call = cst.Call(func=cst.Name(into_class), args=[
                cst.Arg(node, keyword=cst.Name(k) if k else None, equal=_NO_SPACE if k else cst.MaybeSentinel.DEFAULT)
                for k, node, _ in parts if node is not None])
            self.after_line.setdefault(self.line_of[call], []).append(cst.SimpleStatementLine([cst.Expr(new_call)]))
            self.context.add_import(f"{index.spec.package}.{into_module}", into_class)
        return applied
