"""CTU001: classes of an old prebuilt provider move to the module the target release puts them in."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import ScopeProvider

from codemods.upgrade_cdktf.helpers import MARKERS, OldUse, old_uses, upgrade_maps
from fixer.rule import Rule
from fixer.statements import dotted_name
from fixer.types import Applicability, Example, FixAvailability

_PINS = (("requirements.txt", "cdktf~=0.12.3\ncdktf-cdktf-provider-aws==9.0.52\n"), ("cdktf.json", '{"app": "python main.py"}\n'))


class ProviderClassModules(Rule):
    """
    ## What it does
    In a project that pins an old prebuilt provider (`cdktf-cdktf-provider-aws` 5.x-9.x, the random
    provider before its module split), finds every use of a provider class through the old layout and
    imports the class from the module the target release (the last CDKTF line: aws 21.22, random 12.0)
    puts it in: `from cdktf_cdktf_provider_aws import AwsProvider, ec2` then `ec2.Instance(...)` becomes
    `from cdktf_cdktf_provider_aws.provider import AwsProvider`, `from
    cdktf_cdktf_provider_aws.instance import Instance` and `Instance(...)`; so do `import
    cdktf_cdktf_provider_aws.ec2 as ec2` and `from cdktf_cdktf_provider_aws.ec2 import Instance`.

    The map is computed from the two releases' jsii assemblies, by the Terraform type each class stands
    for and, for nested blocks, by the property that holds them (a block class renamed between the
    releases gets its new name). The old version is the one the project's environment has, else the one
    its lock file or requirements pin; its assembly is read from the project's environment or from the
    package, downloaded once into the user cache. A use is judged by its old qualified name: `vpc.Subnet`
    moves to `subnet.Subnet` although a module `vpc` still exists. Scope-aware: a parameter that shadows
    a module's name (`def database(rds): rds.x`) is left alone. An import of an old namespace that nothing
    uses is removed when the target has no module of that name; a star import from the old layout is
    reported (which classes it stood for is not known). Classes the target no longer has are CTU002's.

    ## Why is this bad?
    From `cdktf-cdktf-provider-aws` 10.0 on, the service namespaces are gone: `from
    cdktf_cdktf_provider_aws import ec2` raises ImportError, and the four namespaces whose name is also
    a resource module's (`vpc`, `elb`, `cloudtrail`, `codepipeline`) import and then fail with
    AttributeError at `vpc.Subnet`. A project cannot leave cdktf 0.9-0.12 (and the Terraform AWS provider
    3.x-4.x those releases wrap) without this change in every file.

    ## Fix safety
    Safe: the class is the same, only its module changes. A use is left, reported, when its new bare
    name is bound to something else in the file.

    ## Options
    None.
    """

    code = "CTU001"
    name = "provider-class-modules"
    summary = "Provider class used through an old release's layout: the target release has it in its own module"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = MARKERS

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws import AwsProvider, ec2

            AwsProvider(self, "aws", region="eu-west-1")
            ec2.Instance(self, "web", ami="ami-123", instance_type="t3.micro")
            """,
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.instance import Instance

            AwsProvider(self, "aws", region="eu-west-1")
            Instance(self, "web", ami="ami-123", instance_type="t3.micro")
            """,
            files=_PINS,
        ),
    )
    VALID = (
        "from cdktf_cdktf_provider_aws.instance import Instance\nInstance(self, 'web', ami='ami-123')\n",
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.attributes: dict[cst.Attribute, cst.Name] = {}
        self.moved_aliases: dict[cst.ImportAlias, tuple[str, str]] = {}  # alias -> new (module, Class)
        self.dropped: set[cst.ImportAlias] = set()  # bindings of an old module whose every use moved
        self.additions: dict[cst.CSTNode, list[tuple[str, str]]] = {}  # import statement -> (module, Class)
        self.renames: dict[cst.Name, str] = {}  # uses of a by-name import whose class was renamed
        self.emitted: set[tuple[str, str]] = set()

    def visit_Module(self, node: cst.Module) -> bool:
        maps = upgrade_maps(self.context.project)
        if not maps:
            return False
        found = old_uses(node, self.context, maps)
        complete: dict[cst.ImportAlias, bool] = {}
        for use in found.uses:
            target = use.map.lookup(use.module, use.name)
            moved = target is not None and target != (use.module, use.name) and self._plan(use, *target)
            if not use.by_import:
                complete[use.alias] = complete.get(use.alias, True) and moved
        self.dropped = {alias for alias, every in complete.items() if every and alias not in found.used_otherwise}
        for alias, (name_map, module) in found.unused.items():
            if module not in name_map.new_modules and self.report(
                    alias, f"`{module}`: {name_map.distribution} {name_map.new} has no module `{module}` (ImportError), "
                    "and nothing uses it here: remove the import", Applicability.SAFE):
                self.dropped.add(alias)
        for statement, name_map, module in found.stars:
            where = f"{name_map.package}.{module}" if module else name_map.package
            gone = f" (`{module}` is gone, or holds another resource)" if module else ""
            self.report(statement, f"`from {where} import *` ({name_map.distribution} {name_map.old}): {name_map.new} "
                        f"has one module per class{gone}: import each class the code uses from its module")
        self.emitted = _imported(node)
        return bool(self.attributes or self.moved_aliases or self.dropped)

    def _plan(self, use: OldUse, module: str, name: str) -> bool:
        """Report one use; True when its rewrite is to be applied."""
        name_map = use.map
        new_module = f"{name_map.package}.{module}"
        message = f"`{use.old}` ({name_map.distribution} {name_map.old}) is `{name}` of {new_module} in {name_map.new}"
        if use.by_import:
            if not self.report(use.node, message + f": import it from {new_module}", Applicability.SAFE):
                return False
            self.moved_aliases[use.alias] = (module, name)
            if name != use.name and use.alias.asname is None:
                for reference in self._references(use.statement, use.name):
                    if isinstance(reference, cst.Name):
                        self.renames[reference] = name
            return True
        if self._clash(use.node, new_module, name):
            self.report(use.node, message + f"; not rewritten: `{name}` already names something else here")
            return False
        if not self.report(use.node, message, Applicability.SAFE):
            return False
        self.attributes[use.node] = cst.Name(name)
        additions = self.additions.setdefault(use.statement, [])
        if (module, name) not in additions:
            additions.append((module, name))
        return True

    def _references(self, statement: cst.CSTNode, bound: str) -> list[cst.CSTNode]:
        scope = self.context.metadata(ScopeProvider).get(statement)
        if scope is None:
            return []
        return [ref.node for assignment in scope.assignments[bound]
                if getattr(assignment, "node", None) is statement for ref in assignment.references]

    def _clash(self, node: cst.CSTNode, module: str, name: str) -> bool:
        """Whether `name` is already bound where `node` stands to anything but the class itself."""
        scope = self.context.metadata(ScopeProvider).get(node)
        if scope is None or name not in scope:
            return False
        for assignment in scope[name]:
            statement = getattr(assignment, "node", None)
            if not (isinstance(statement, cst.ImportFrom) and statement.module is not None
                    and get_full_name_for_node(statement.module) == module):
                return True
        return False

    # --- rewriting -------------------------------------------------------------------------------------

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        new = self.attributes.get(original_node)
        return updated_node if new is None else new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new = self.renames.get(original_node)
        return updated_node if new is None else updated_node.with_changes(value=new)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine):
        """An import line the plan touches becomes what is left of it, then one `from package.module import
        ...` line per new module, in place: comments and the import's position stay with the user's line."""
        if not any(isinstance(s, (cst.Import, cst.ImportFrom)) and (s in self.additions or any(
                a in self.moved_aliases or a in self.dropped for a in _aliases(s))) for s in original_node.body):
            return updated_node
        body: list[cst.BaseSmallStatement] = []
        groups: dict[str, list[cst.ImportAlias]] = {}
        for original, updated in zip(original_node.body, updated_node.body):
            if not isinstance(original, (cst.Import, cst.ImportFrom)) or isinstance(original.names, cst.ImportStar):
                body.append(updated)
                continue
            package = _package(original)
            kept: list[cst.ImportAlias] = []
            for old_alias, new_alias in zip(original.names, _aliases(updated)):
                target = self.moved_aliases.get(old_alias)
                if target is not None:
                    key = (f"{package}.{target[0]}", target[1])
                    if new_alias.asname is None and key in self.emitted:
                        continue  # imported already, by another line this rule wrote or by the user
                    if new_alias.asname is None:
                        self.emitted.add(key)
                    groups.setdefault(key[0], []).append(cst.ImportAlias(cst.Name(target[1]), asname=new_alias.asname))
                elif old_alias not in self.dropped:
                    kept.append(new_alias)
            for module, name in self.additions.get(original, []):
                if (f"{package}.{module}", name) not in self.emitted:
                    self.emitted.add((f"{package}.{module}", name))
                    groups.setdefault(f"{package}.{module}", []).append(cst.ImportAlias(cst.Name(name)))
            if kept:
                kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                body.append(updated.with_changes(names=kept))
        lines = [cst.SimpleStatementLine([cst.ImportFrom(module=dotted_name(module), names=aliases)])
                 for module, aliases in groups.items()]
        if body:
            lines.insert(0, updated_node.with_changes(body=_without_last_semicolon(body)))
        elif lines:  # the first new line takes the replaced line's comments
            lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines,
                                             trailing_whitespace=updated_node.trailing_whitespace)
        return cst.FlattenSentinel(lines) if lines else cst.RemoveFromParent()


def _aliases(statement: cst.Import | cst.ImportFrom) -> Sequence[cst.ImportAlias]:
    return () if isinstance(statement.names, cst.ImportStar) else statement.names


def _imported(module: cst.Module) -> set[tuple[str, str]]:
    """`from a.b import C` (without `as`) at the module's top level: (a.b, C)."""
    found = set()
    for line in module.body:
        if isinstance(line, cst.SimpleStatementLine):
            for statement in line.body:
                if isinstance(statement, cst.ImportFrom) and statement.module is not None:
                    for alias in _aliases(statement):
                        if alias.asname is None:
                            found.add((get_full_name_for_node(statement.module) or "", get_full_name_for_node(alias.name) or ""))
    return found


def _package(statement: cst.Import | cst.ImportFrom) -> str:
    """The top package an import names (`import a.b as c` and `from a.b import c`: `a`)."""
    if isinstance(statement, cst.ImportFrom):
        return (get_full_name_for_node(statement.module) or "").split(".")[0] if statement.module else ""
    names = [get_full_name_for_node(a.name) or "" for a in _aliases(statement)]
    return names[0].split(".")[0] if names else ""


def _without_last_semicolon(body: list[cst.BaseSmallStatement]) -> list[cst.BaseSmallStatement]:
    last = body[-1]
    if hasattr(last, "semicolon"):
        body[-1] = last.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return body

