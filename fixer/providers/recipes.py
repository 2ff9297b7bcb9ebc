"""The provider-argument recipe table: breaking argument changes of a Terraform provider, one entry per
argument, each with the upgrade guide section it comes from (`fixer/data/provider_recipes/<provider>.toml`).

Code written against an older provider (or from memory of one: `Eip(vpc=True)`) passes keywords the
current bindings no longer take. The table says what each became: a renamed keyword, other keywords for
its value, a field of a nested block, an argument of a separate resource, or nothing. Rules ask
`recipes_for(index, module, class_name)`: the recipes that apply to a class of the provider version the
project uses, keyed by the removed keyword. Read lazily, once per process.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from packaging.version import InvalidVersion, Version

from fixer.providers import pascal

if TYPE_CHECKING:
    from fixer.providers import ProviderIndex

RECIPES_DIR = Path(__file__).parent.parent / "data" / "provider_recipes"
KINDS = frozenset({"rename", "value", "regroup", "split", "unwrap", "removed"})
# CDK Terrain's prebuilt providers start after the last cdktf-cdktf-provider-* release: every change of
# the table is behind them. The cdktf ones carry the change from the table's `package` version on.
CDKTN_PREFIX = "cdktn_provider_"
CDKTF_PREFIX = "cdktf_cdktf_provider_"


@dataclass(frozen=True)
class ValueRewrite:
    """`argument=<from>` becomes the keywords `to` (name -> literal value)."""

    source: Any  # the literal the old argument was given: a bool, str or number
    keywords: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Recipe:
    provider: str  # "aws": the table's file name
    resource: str  # Terraform type: aws_eip
    argument: str  # the removed keyword
    kind: str  # one of KINDS
    terraform: str  # the provider version that removed it
    package: str  # the first cdktf-cdktf-provider-<provider> version carrying that provider version
    source: str  # the upgrade guide section
    to: str | None = None  # rename: the new keyword; regroup: the block's field; split: the new resource's argument
    attribute: bool = False  # rename: attribute reads are renamed too
    safe: bool = True  # rename: one-to-one in meaning
    shape: str | None = None  # rename: "list" when only a list value is the old form
    values: tuple[ValueRewrite, ...] = ()
    block: str | None = None  # regroup: the nested block keyword
    into: str | None = None  # split: the Terraform type of the separate resource
    link: tuple[tuple[str, str], ...] = ()  # split: new argument -> "attr:<a>" or "arg:<a>"
    fields: tuple[str, ...] = ()  # unwrap: the old block's fields, now arguments of the resource
    use: str | None = None  # removed: what to write instead
    drop: bool = False  # removed: removing it keeps what the code deploys

    @property
    def module(self) -> str:
        """The Python module of the resource's bindings: `aws_eip` -> `eip`."""
        return module_of(self.provider, self.resource)

    @property
    def into_module(self) -> str | None:
        return module_of(self.provider, self.into) if self.into else None

    @property
    def guide(self) -> str:
        """`AWS provider 5.0` for messages."""
        return f"{self.provider.upper()} provider {'.'.join(self.terraform.split('.')[:2])}"


def module_of(provider: str, terraform_type: str) -> str:
    return terraform_type.removeprefix(f"{provider}_")


def _recipe(provider: str, entry: dict[str, Any]) -> Recipe:
    kind = entry["kind"]
    if kind not in KINDS:
        raise ValueError(f"{provider}.toml: {entry.get('resource')}.{entry.get('argument')}: unknown kind {kind!r}")
    values = tuple(ValueRewrite(v["from"], tuple(v["to"].items())) for v in entry.get("values", ()))
    return Recipe(
        provider=provider, resource=entry["resource"], argument=entry["argument"], kind=kind,
        terraform=entry["terraform"], package=entry["package"], source=entry["source"], to=entry.get("to"),
        attribute=entry.get("attribute", False), safe=entry.get("safe", True), shape=entry.get("shape"), values=values,
        block=entry.get("block"), into=entry.get("into"), link=tuple(entry.get("link", {}).items()),
        fields=tuple(entry.get("fields", ())), use=entry.get("use"), drop=entry.get("drop", False),
    )


@lru_cache(maxsize=None)
def load(provider: str) -> tuple[Recipe, ...]:
    """Every recipe of a provider's table; none when there is no table for it."""
    path = RECIPES_DIR / f"{provider}.toml"
    if not path.is_file():
        return ()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(_recipe(provider, entry) for entry in data.get("change", []))


@lru_cache(maxsize=None)
def _by_class(provider: str) -> dict[str, dict[str, Recipe]]:
    found: dict[str, dict[str, Recipe]] = {}
    for recipe in load(provider):
        found.setdefault(recipe.module, {})[recipe.argument] = recipe
    return found


@lru_cache(maxsize=None)
def renamed_attributes() -> frozenset[str]:
    """Attribute names some table renames on reads (`name` of `DbInstance`): a rule's cheap first test."""
    return frozenset(r.argument for table in sorted(RECIPES_DIR.glob("*.toml")) for r in load(table.stem)
                     if r.kind == "rename" and r.attribute)


def provider_name(package: str) -> str | None:
    """`cdktf_cdktf_provider_aws` / `cdktn_provider_aws` -> `aws`; None for `cdktf get` bindings, whose
    version says nothing about the provider they wrap."""
    for prefix in (CDKTF_PREFIX, CDKTN_PREFIX):
        if package.startswith(prefix):
            return package[len(prefix):]
    return None


def carries(index: ProviderIndex, recipe: Recipe) -> bool:
    """Whether the provider version the rules answer from is at or after the recipe's change."""
    if index.spec.package.startswith(CDKTN_PREFIX):
        return True
    try:
        return Version(index.version) >= Version(recipe.package)
    except InvalidVersion:
        return False


def recipes_for(index: ProviderIndex, module: str, class_name: str) -> Mapping[str, Recipe]:
    """The recipes for keywords `class_name` (the resource class of `module`) no longer takes in the
    provider version of `index` (or, `unwrap`, takes with another type: a block given to it is the old
    form), by keyword. Empty for structs, data sources and other providers. Asked for every keyword of
    every provider call: kept on the index."""
    key = ("recipes_for", index.version, module, class_name)
    if key not in index.derived:
        index.derived[key] = MappingProxyType(_recipes_for(index, module, class_name))  # shared: read-only
    return index.derived[key]  # type: ignore[return-value]


def _recipes_for(index: ProviderIndex, module: str, class_name: str) -> dict[str, Recipe]:
    provider = provider_name(index.spec.package)
    if provider is None or class_name != pascal(module):
        return {}
    known = _by_class(provider).get(module)
    if not known:
        return {}
    signature = index.signature(module, class_name)
    if signature is None:
        return {}
    return {keyword: recipe for keyword, recipe in known.items()
            if carries(index, recipe) and (_unwrapped(signature, recipe) if recipe.kind == "unwrap"
                                           else keyword not in signature.keywords)}


def _unwrapped(signature, recipe: Recipe) -> bool:
    """The argument now takes a scalar, and the old block's fields are arguments of the resource."""
    return (recipe.argument in signature.keywords and signature.takes_scalar(recipe.argument)
            and all(field in signature.keywords for field in recipe.fields))
