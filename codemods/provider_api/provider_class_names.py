"""CTB001: provider imports and class names that the provider package does not export (catalog B1)."""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import ScopeProvider

from codemods.provider_api import screens
from codemods.provider_api.helpers import RULE_TYPES as SECURITY_GROUP_RULE_TYPES
from codemods.provider_api.helpers import resource_shaped
from fixer.providers import MARKERS, ProviderIndex, pascal, split_import
from fixer.rule import Rule
from fixer.statements import dotted_name, statement_imports
from fixer.types import Applicability, Example, FixAvailability
from fixer.walk import visit_read_only


@dataclass(frozen=True)
class Resolution:
    """Where an imported name really lives. `module`/`name` are set when a rewrite is known."""

    fix: Applicability | None  # None: the import is correct
    message: str = ""
    module: str | None = None
    name: str | None = None


OK = Resolution(None)


def resolve(index: ProviderIndex, module: str | None, name: str) -> Resolution:
    """Resolve `from <package>[.module] import name` against the provider's real exports.

    Order matters: the user's own module choice is the strongest evidence, then a module named after the
    class (so `S3BucketVersioning` means the standalone resource `S3BucketVersioningA`, not the inline
    block struct of the same name inside `s3_bucket`), then the one module exporting the name, then a
    close match among the user-facing names of the module the name starts with.
    """
    package = index.spec.package
    where = f"{package}.{module}" if module else package
    exists = module is not None and index.has_module(module)
    if exists and name in index.exports(module):
        return OK
    if module is None and index.has_module(name):
        return OK
    not_here = f"`{name}` is not exported by {where}" + ("" if exists or module is None else " (no such module)")

    def found(target_module: str, target_name: str, why: str, fix: Applicability = Applicability.SAFE) -> Resolution:
        return Resolution(fix, f"{not_here}; {why}", target_module, target_name)

    if exists and f"{name}A" in index.exports(module):
        return found(module, f"{name}A", f"the standalone resource class is `{name}A`")
    named = index.module_named_after(name)
    if named and named != module:
        if name in index.exports(named):
            return found(named, name, f"import it from {package}.{named}")
        if f"{name}A" in index.exports(named):
            return found(named, f"{name}A", f"the standalone resource class is {package}.{named}.{name}A")
    home = index.home_of(name)
    if home:
        return found(home, name, f"import it from {package}.{home}")
    home_a = index.home_of(f"{name}A")
    if home_a:
        return found(home_a, f"{name}A", f"the standalone resource class is {package}.{home_a}.{name}A")
    data_source = f"DataAws{name}"
    if not name.startswith("DataAws") and index.home_of(data_source):
        home_data = index.home_of(data_source)
        assert home_data
        return found(
            home_data, data_source, f"did you mean the data source `{data_source}` ({package}.{home_data})?", Applicability.UNSAFE
        )
    pool = module if exists else index.longest_prefix_module(name)
    if pool is None:
        return Resolution(Applicability.NONE, f"{not_here}, nor by any module of {package} {index.version}")
    candidates = difflib.get_close_matches(name, index.user_facing(pool), n=4, cutoff=0.8)
    # Block classes are named after the attribute, so a plural/singular slip is the likeliest mistake.
    number_slip = [c for c in candidates if c == f"{name}s" or (name.endswith("s") and c == name[:-1])]
    if len(number_slip) == 1:
        candidates = number_slip
    if len(candidates) == 1:
        return found(pool, candidates[0], f"did you mean `{candidates[0]}` ({package}.{pool})?", Applicability.UNSAFE)
    if candidates:
        listed = ", ".join(f"`{c}`" for c in candidates)
        return Resolution(Applicability.NONE, f"{not_here}; did you mean one of {listed} ({package}.{pool})?")
    resource = pascal(pool)
    if exists and name.startswith(resource) and name != resource:
        return Resolution(
            Applicability.NONE,
            f"{not_here}: {package} {index.version} generates no class for this nested block of `{resource}`;"
            " pass a dict (or the attribute's plain value) instead",
        )
    return Resolution(Applicability.NONE, f"{not_here}, nor by any module of {package} {index.version}")


def _provider_module(dotted: str | None) -> tuple[str, str | None] | None:
    """`cdktf_cdktf_provider_aws.vpc` -> (package, "vpc"); the bare package -> (package, None)."""
    return split_import(dotted)


@dataclass
class _Target:
    package: str
    module: str
    name: str
    asname: str | None


@dataclass
class _Plan:
    alias_targets: dict[cst.ImportAlias, _Target | None] = field(default_factory=dict)  # None: drop alias
    extra_imports: dict[cst.CSTNode, list[_Target]] = field(default_factory=dict)  # import stmt -> additions
    renames: dict[cst.Name, str] = field(default_factory=dict)
    attributes: dict[cst.Attribute, cst.BaseExpression] = field(default_factory=dict)


class ProviderClassNames(Rule):
    """
    ## What it does
    Finds imports of provider classes that the installed provider package does not export.

    The truth is the provider package itself (each module's `__all__`), read without importing it; when it is
    not installed, a snapshot of cdktf-cdktf-provider-aws shipped with cdktf-fixer is used.

    ## Why is this bad?
    Several AWS resources exist twice, as an inline block and as a standalone resource, so the standalone
    resource class carries an `A` suffix (`S3BucketVersioningA`, `VpcPeeringConnectionAccepterA`,
    `S3BucketServerSideEncryptionConfigurationRuleA`). Classes live in the module named after their resource
    (`from cdktf_cdktf_provider_aws.vpc import Vpc`), never at the package root. Python fails at import time
    with `ImportError: cannot import name ...`, so `cdktf synth` never starts.

    ## Fix safety
    Safe fixes: a name exported by another module is imported from there; `Name` becomes `NameA` when that is
    the standalone resource (every use renamed); a module that does not exist is replaced by imports of the
    classes used through it.

    Unsafe fix: a close-match guess for a misspelled nested block class.

    Reported without a fix: when there are two or more candidates, they are listed and nothing is changed.

    ## Options
    None.
    """

    code = "CTB001"
    name = "provider-class-names"
    summary = "Provider class imported under a name or from a module the provider does not export"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = MARKERS
    screen = staticmethod(screens.provider_imports)

    VALID = (
        "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA\n",
        "from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress\n",
        "from cdktf_cdktf_provider_aws import vpc\nvpc.Vpc(self, 'vpc')\n",
    )
    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning

            S3BucketVersioning(self, "versioning", bucket=bucket.id)
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            S3BucketVersioningA(self, "versioning", bucket=bucket.id)
            """,
        ),
        Example(
            "from cdktf_cdktf_provider_aws import Vpc, AwsProvider\n",
            "from cdktf_cdktf_provider_aws.vpc import Vpc\nfrom cdktf_cdktf_provider_aws.provider import AwsProvider\n",
        ),
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.plan = _Plan()

    # --- analysis: decide every rewrite before changing anything -----------------------------------

    def visit_Module(self, node: cst.Module) -> bool:
        self._module = node
        imports = [i for i in statement_imports(node) if self._needs_analysis(i)]
        if not imports:
            return False  # every provider import is right: no traversal, no metadata
        self.usage = _Usage()
        visit_read_only(node, self.usage)
        for statement in imports:
            if isinstance(statement, cst.ImportFrom):
                self._plan_from_import(statement)
            else:
                self._plan_import(statement)
        plan = self.plan
        return bool(plan.alias_targets or plan.extra_imports or plan.renames or plan.attributes)

    def _needs_analysis(self, statement: cst.Import | cst.ImportFrom) -> bool:
        """Cheap screen: a provider import that binds a module (its `m.Name` uses must be checked) or
        imports a name its module does not export."""
        if isinstance(statement, cst.Import):
            return any(_provider_module(get_full_name_for_node(a.name)) for a in statement.names)
        if statement.relative or isinstance(statement.names, cst.ImportStar):
            return False
        located = _provider_module(get_full_name_for_node(statement.module))
        if located is None:
            return False
        index = self._index(located[0])
        if index is None:
            return False
        names = [get_full_name_for_node(a.name) or "" for a in statement.names]
        if located[1] is None:
            return True  # `from package import x`: x is a module to follow, or a class in the wrong place
        return any(resolve(index, located[1], name).fix is not None for name in names)

    def _index(self, package: str) -> ProviderIndex | None:
        return self.context.project.provider_for_package(package)

    def _references(self, statement: cst.CSTNode, bound: str, strings_matter: bool = False,
                    plain_name: bool = False) -> list[cst.CSTNode]:
        """ScopeProvider's references to the binding `statement` makes of `bound`. `strings_matter`: the
        caller counts a string annotation naming it (ScopeProvider's reference is then the string).
        `plain_name`: an `import` binds `bound` as a plain name (`import x as aws`, `import x`); its uses
        are then Names the census knows, as those of a `from` import are (`import a.b` binds `a` for
        uses ScopeProvider records on the whole `a.b`)."""
        if isinstance(statement, cst.ImportFrom) or plain_name:
            plain = self.usage.plain_references(bound, strings_matter)
            if plain is not None:
                return plain
        scope = self.context.metadata(ScopeProvider).get(statement)
        if scope is None:
            return []
        return [
            ref.node
            for assignment in scope.assignments[bound]
            if getattr(assignment, "node", None) is statement
            for ref in assignment.references
        ]

    def _resource_calls(self, references: Sequence[cst.CSTNode]) -> bool:
        return any(resource_shaped(call) for ref in references for call in self.usage.calls_of(ref))

    def _plan_from_import(self, statement: cst.ImportFrom) -> None:
        if statement.relative or isinstance(statement.names, cst.ImportStar):
            return
        located = _provider_module(get_full_name_for_node(statement.module))
        if located is None:
            return
        package, module = located
        index = self._index(package)
        if index is None:
            return
        additions: list[_Target] = []
        for alias in statement.names:
            name = get_full_name_for_node(alias.name)
            bound = alias.evaluated_alias or name
            if not name:
                continue
            # asked only where the answer matters: an import that resolves needs no scope analysis
            references = functools.partial(self._references, statement, bound)
            if module is None and not index.has_module(name) and not index.home_of(name) and name.islower():
                # `from package import dynamodb` + `dynamodb.DynamodbTable(...)`: no such module
                targets, complete = self._plan_module_uses(index, None, references(), alias, missing=name)
                additions.extend(targets)
                if complete:
                    self.plan.alias_targets[alias] = None
                continue
            if module is None and index.has_module(name):
                self._plan_module_uses(index, name, references(), alias)
                continue
            resolution = resolve(index, module, name)
            if resolution.fix is None:
                continue
            if resolution.fix is Applicability.NONE and not self._references(statement, bound, strings_matter=True):
                # nothing to rename it to, and nothing needs it: the import alone fails the program
                where = f"{package}.{module}" if module else package
                if self.report(alias, f"`{name}` is not exported by {where} ({package} {index.version}), and nothing "
                                      "uses it here: remove the import", Applicability.SAFE):
                    self.plan.alias_targets[alias] = None
                continue
            if name in SECURITY_GROUP_RULE_TYPES and self._resource_calls(references()):
                continue  # CTB002 turns these calls into SecurityGroupRule and tidies the import
            if resolution.name and not index.is_construct_class(resolution.name) and self._resource_calls(references()):
                self.report(
                    alias,
                    f"`{name}` is called like a resource (scope, id), but {package}.{resolution.module}."
                    f"{resolution.name} is a nested block struct, not a resource; not rewritten",
                    Applicability.NONE,
                )
                continue
            if not self.report(alias, resolution.message, resolution.fix):
                continue
            assert resolution.module and resolution.name
            target = _Target(package, resolution.module, resolution.name, alias.asname and bound)
            if resolution.module == module:
                self.plan.alias_targets[alias] = target  # renamed in place
            else:
                self.plan.alias_targets[alias] = None
                additions.append(target)
            if alias.asname is None and resolution.name != name:
                for ref in references():
                    if isinstance(ref, cst.Name):
                        self.plan.renames[ref] = resolution.name
        if additions:
            self.plan.extra_imports[statement] = additions

    def _plan_import(self, statement: cst.Import) -> None:
        additions: list[_Target] = []
        for alias in statement.names:
            dotted = get_full_name_for_node(alias.name)
            located = _provider_module(dotted)
            if located is None or dotted is None:
                continue
            package, module = located
            index = self._index(package)
            if index is None:
                continue
            bound = alias.evaluated_alias or dotted
            references = self._references(statement, bound if alias.asname else dotted.split(".")[0],
                                          plain_name=alias.asname is not None or "." not in dotted)
            if alias.asname is None and module is not None:
                # `import package.module`: uses are the full dotted chain
                references = [r for r in references if get_full_name_for_node(r) == dotted]
            missing = module if module is not None and not index.has_module(module) else None
            targets, complete = self._plan_module_uses(index, module, references, alias, missing)
            additions.extend(targets)
            if complete and missing:
                self.plan.alias_targets[alias] = None  # every use now imports its class directly
        if additions:
            self.plan.extra_imports[statement] = additions

    def _plan_module_uses(
        self,
        index: ProviderIndex,
        module: str | None,
        references: Sequence[cst.CSTNode],
        alias: cst.ImportAlias,
        missing: str | None = None,
    ) -> tuple[list[_Target], bool]:
        """Check the `binding.Name` uses of a binding that names a provider module, or the package itself
        (`module` None: `aws.Vpc`, `aws.vpc.Vpc`); `missing` names the module when it does not exist.
        Returns the imports the rewritten uses need, and whether the binding may go (every use rewritten,
        or an unused binding of a missing module whose removal is applied)."""
        package = index.spec.package
        uses = self._uses_of(index, module, references, through_package=module is None and missing is None)
        if missing and not uses:
            message = f"{package} has no module `{missing}`, and nothing uses it here: remove the import"
            return [], self.report(alias, message, Applicability.SAFE)
        targets: list[_Target] = []
        unresolved = False
        unknown: list[str] = []  # uses through a missing module that name nothing the provider exports
        for attribute, home in uses:
            resolution = resolve(index, home, attribute.attr.value)
            if resolution.fix is None:
                unresolved = True  # a use left as it is still needs the binding
                if missing:
                    unknown.append(attribute.attr.value)
                continue
            if not self.report(attribute, resolution.message, resolution.fix):
                unresolved = True
                continue
            assert resolution.module and resolution.name
            if home is not None and resolution.module == home and index.has_module(home):
                self.plan.attributes[attribute] = attribute.with_changes(attr=cst.Name(resolution.name))
            else:
                self.plan.attributes[attribute] = cst.Name(resolution.name)
                target = _Target(package, resolution.module, resolution.name, None)
                if target not in targets:
                    targets.append(target)
        if unknown:
            names = ", ".join(f"`{missing}.{name}`" for name in dict.fromkeys(unknown))
            self.report(alias, f"{package} has no module `{missing}` (ImportError), and {names} names no class it "
                        "exports: import each class from its own module", Applicability.NONE)
        return targets, not unresolved

    def _uses_of(
        self, index: ProviderIndex, module: str | None, references: Sequence[cst.CSTNode], through_package: bool
    ) -> list[tuple[cst.Attribute, str | None]]:
        """(`binding.Name` node, the module `Name` is looked up in); through the package binding,
        `aws.vpc.Vpc` is looked up in `vpc`. Every attribute use counts: `ec2.instance(...)` through the
        binding of a missing module `ec2` is a use even though `instance` names a module of the package."""
        uses: list[tuple[cst.Attribute, str | None]] = []
        for reference in references:
            for attribute in self.usage.attributes_of(reference):
                deeper = self.usage.attributes_of(attribute)
                if through_package and index.has_module(attribute.attr.value) and deeper:
                    uses.extend((chained, attribute.attr.value) for chained in deeper)
                else:
                    uses.append((attribute, module))
        # in the file's order: the references are a set of objects hashed by address, so in their order two
        # runs over one file imported the classes in different orders
        uses.sort(key=lambda use: self.usage.order_of(use[0]))
        return uses

    # --- rewriting ----------------------------------------------------------------------------------

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new = self.plan.renames.get(original_node)
        return updated_node.with_changes(value=new) if new else updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        replacement = self.plan.attributes.get(original_node)
        if replacement is None:
            return updated_node
        if isinstance(replacement, cst.Name):
            return replacement.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        return replacement

    def leave_ImportAlias(self, original_node: cst.ImportAlias, updated_node: cst.ImportAlias) -> cst.ImportAlias:
        target = self.plan.alias_targets.get(original_node)
        if target is None:
            return updated_node
        return updated_node.with_changes(name=cst.Name(target.name))

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | cst.RemovalSentinel:
        if not any(
            s in self.plan.extra_imports or _has_dropped_alias(s, self.plan) for s in original_node.body
        ):
            return updated_node
        # Imports are rewritten in place rather than via AddImportsVisitor so the statement's leading
        # comments and position survive and the diff stays next to the line the user wrote.
        new_body: list[cst.BaseSmallStatement] = []
        additions: list[_Target] = []
        moved_comments: list[cst.EmptyLine] = []
        for original, updated in zip(original_node.body, updated_node.body):
            additions.extend(self.plan.extra_imports.get(original, []))
            moved_comments.extend(_dropped_comments(original, self.plan))
            kept = _without_dropped_aliases(original, updated, self.plan)
            if kept is not None:
                new_body.append(kept)
        existing = _module_level_imports(self._module)
        lines: list[cst.BaseStatement] = []
        if new_body:
            lines.append(updated_node.with_changes(body=_fix_last_semicolon(new_body)))
        for module, targets in _group(additions, existing):
            statement = cst.ImportFrom(
                module=dotted_name(module),
                names=[
                    cst.ImportAlias(cst.Name(t.name), cst.AsName(cst.Name(t.asname)) if t.asname else None)
                    for t in targets
                ],
            )
            lines.append(cst.SimpleStatementLine([statement]))
        if not lines:
            return cst.RemoveFromParent()
        if not new_body:
            # the first new line inherits the removed statement's comments and blank lines
            lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
        if moved_comments:
            first_new = 1 if new_body else 0
            if first_new < len(lines):
                lines[first_new] = lines[first_new].with_changes(
                    leading_lines=[*lines[first_new].leading_lines, *moved_comments]
                )
        return cst.FlattenSentinel(lines)


def _has_dropped_alias(statement: cst.BaseSmallStatement, plan: _Plan) -> bool:
    if isinstance(statement, (cst.Import, cst.ImportFrom)) and not isinstance(statement.names, cst.ImportStar):
        return any(alias in plan.alias_targets and plan.alias_targets[alias] is None for alias in statement.names)
    return False


def _without_dropped_aliases(
    original: cst.BaseSmallStatement, updated: cst.BaseSmallStatement, plan: _Plan
) -> cst.BaseSmallStatement | None:
    if not _has_dropped_alias(original, plan):
        return updated
    assert isinstance(original, (cst.Import, cst.ImportFrom)) and isinstance(updated, (cst.Import, cst.ImportFrom))
    assert not isinstance(original.names, cst.ImportStar) and not isinstance(updated.names, cst.ImportStar)
    kept: list[cst.ImportAlias] = []
    for old, new in zip(original.names, updated.names):
        if not (old in plan.alias_targets and plan.alias_targets[old] is None):
            kept.append(new)
            continue
        # A dropped alias hands its line break (`, \` or the newline inside parentheses) to the alias
        # before it, so the layout of a multi-line import survives; the kept alias keeps its comment.
        if kept and isinstance(new.comma, cst.Comma) and isinstance(kept[-1].comma, cst.Comma):
            kept[-1] = kept[-1].with_changes(
                comma=kept[-1].comma.with_changes(
                    whitespace_after=_merge_break(kept[-1].comma.whitespace_after, new.comma.whitespace_after)
                )
            )
    if not kept:
        return None
    last = kept[-1]
    if isinstance(updated, cst.Import) or updated.rpar is None:
        # without parentheses a trailing comma is a syntax error
        kept[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return updated.with_changes(names=kept)


def _merge_break(kept: cst.BaseParenthesizableWhitespace, dropped: cst.BaseParenthesizableWhitespace):
    if isinstance(dropped, cst.ParenthesizedWhitespace):
        if isinstance(kept, cst.ParenthesizedWhitespace):
            return kept.with_changes(indent=dropped.indent, last_line=dropped.last_line)
        return dropped
    if "\n" in getattr(dropped, "value", ""):  # backslash continuation: it cannot hold a comment
        return dropped
    return kept


def _dropped_comments(statement: cst.BaseSmallStatement, plan: _Plan) -> list[cst.EmptyLine]:
    """Comments that stood after aliases which move to other imports: they move along, never vanish."""
    if not _has_dropped_alias(statement, plan):
        return []
    assert isinstance(statement, (cst.Import, cst.ImportFrom)) and not isinstance(statement.names, cst.ImportStar)
    lines = []
    for alias in statement.names:
        if plan.alias_targets.get(alias, False) is None and isinstance(alias.comma, cst.Comma):
            after = alias.comma.whitespace_after
            if isinstance(after, cst.ParenthesizedWhitespace) and after.first_line.comment:
                lines.append(cst.EmptyLine(comment=after.first_line.comment))
    return lines


def _fix_last_semicolon(body: list[cst.BaseSmallStatement]) -> list[cst.BaseSmallStatement]:
    last = body[-1]
    if hasattr(last, "semicolon"):
        body[-1] = last.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return body


def _module_level_imports(module: cst.Module) -> set[tuple[str, str, str | None]]:
    found = set()
    for line in module.body:
        if isinstance(line, cst.SimpleStatementLine):
            for statement in line.body:
                if isinstance(statement, cst.ImportFrom) and not isinstance(statement.names, cst.ImportStar):
                    source = get_full_name_for_node(statement.module) if statement.module else ""
                    for alias in statement.names:
                        found.add((source or "", get_full_name_for_node(alias.name) or "", alias.evaluated_alias))
    return found


def _group(targets: list[_Target], existing: set[tuple[str, str, str | None]]) -> list[tuple[str, list[_Target]]]:
    grouped: dict[str, list[_Target]] = {}
    for target in targets:
        full = f"{target.package}.{target.module}"
        if (full, target.name, target.asname) in existing:
            continue
        bucket = grouped.setdefault(full, [])
        if target not in bucket:
            bucket.append(target)
    return list(grouped.items())


class _Usage(cst.CSTVisitor):
    """One traversal: which Attribute/Call has a given node as its value/callee, so finding the uses of
    a binding never walks the tree again; and a census of every Name, so that the uses of an imported
    name the file binds nowhere else are found without a scope analysis (`plain_references`)."""

    def __init__(self) -> None:
        self._attributes: dict[int, list[cst.Attribute]] = {}
        self._calls: dict[int, list[cst.Call]] = {}
        self._order: dict[int, int] = {}  # id(Attribute) -> its place in the traversal (source order)
        self._in_import = 0
        self._bindings: Counter[str] = Counter()  # names bound by import statements
        self._names: Counter[str] = Counter()  # every Name outside import statements
        self._neither: Counter[str] = Counter()  # Names that neither bind nor read: `x.attr`, `f(keyword=...)`
        self._reads: dict[str, list[cst.Name]] = {}  # Names in places that only read: `name.x`, `name()`, ...
        self._strings: list[str] = []

    def visit_Import(self, node: cst.Import) -> None:
        self._in_import += 1
        for alias in node.names:
            self._bindings[alias.evaluated_alias or alias.evaluated_name.split(".")[0]] += 1

    def leave_Import(self, original_node: cst.Import) -> None:
        self._in_import -= 1

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._in_import += 1
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                self._bindings[alias.evaluated_alias or alias.evaluated_name] += 1

    def leave_ImportFrom(self, original_node: cst.ImportFrom) -> None:
        self._in_import -= 1

    def visit_Name(self, node: cst.Name) -> None:
        if not self._in_import:
            self._names[node.value] += 1

    def _read(self, node: cst.BaseExpression) -> None:
        if type(node) is cst.Name and not self._in_import:
            self._reads.setdefault(node.value, []).append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._attributes.setdefault(id(node.value), []).append(node)
        self._order[id(node)] = len(self._order)
        if not self._in_import:
            self._neither[node.attr.value] += 1
            self._read(node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._neither[node.keyword.value] += 1
        self._read(node.value)

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self._read(node.annotation)

    def visit_Decorator(self, node: cst.Decorator) -> None:
        self._read(node.decorator)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._strings.append(node.value)

    def plain_references(self, name: str, strings_matter: bool) -> list[cst.Name] | None:
        """The Names that read `name`, when one import binds it and every other Name `name` of the file
        only reads it (`name.x`, `name(...)`, an argument, an annotation, a decorator) or is no variable at
        all (`x.name`, `f(name=...)`): then nothing shadows it, and these are exactly the references
        ScopeProvider finds. None when the census cannot say (another binding, another kind of use, or a
        string that may be an annotation naming it): ask ScopeProvider."""
        reads = self._reads.get(name, [])
        if self._bindings[name] != 1 or self._names[name] != len(reads) + self._neither[name]:
            return None
        if strings_matter and any(re.search(rf"\b{re.escape(name)}\b", text) for text in self._strings):
            return None
        return list(reads)

    def order_of(self, node: cst.Attribute) -> int:
        return self._order.get(id(node), len(self._order))

    def visit_Call(self, node: cst.Call) -> None:
        self._calls.setdefault(id(node.func), []).append(node)
        self._read(node.func)

    def attributes_of(self, node: cst.CSTNode) -> list[cst.Attribute]:
        return self._attributes.get(id(node), [])

    def calls_of(self, node: cst.CSTNode) -> list[cst.Call]:
        return self._calls.get(id(node), [])
