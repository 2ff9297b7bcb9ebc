"""cdktf.json's `targetVersions`, which CDK Terrain validates features against at synth.

cdktn copies cdktf.json's `targetVersions` (`{"terraform": ">=1.11.0"}`) into the app's context and, at
synth, refuses a feature the declared range does not fully admit: "write-only attributes requires
terraform >=1.11.0, but the project targets terraform >=1.5.7". Without the key the project targets
every release both products support (terraform >=1.5.7, opentofu >=1.6.0). Which feature needs which
version is cdktn's own table (`data/cdktn_features.json`, written by scripts/make_cdktn_features.py
from the cdktn and cdktn-provider jsii tarballs).

This module finds the features a project's Python code uses (with `ast`: nothing is rewritten here),
works out the lowest range that admits them all, and edits cdktf.json's text in place: one key inserted
or one string replaced, every other byte kept.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from fixer import cdktn

if TYPE_CHECKING:
    from fixer.project import ProjectContext

KEY = "targetVersions"
PRODUCTS = ("terraform", "opentofu")
CORE_MODULES = (cdktn.CORE_MODULE, cdktn.NEW_CORE_MODULE)
# S3Backend(use_lockfile=...) is the one named feature of the core a keyword arms (cdktn's s3-backend.js)
_NAMED_TRIGGERS = {"S3 native state locking": ("S3Backend", "use_lockfile")}


@lru_cache(maxsize=1)
def table() -> dict:
    return json.loads(cdktn.FEATURES.read_text(encoding="utf-8"))


# --- versions --------------------------------------------------------------------------------------

Version = tuple[int, int, int]
_PART = re.compile(r"^(>=|>|<=|<|=|~|\^)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[\w.]+)?$")


def parse(version: str) -> Version:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:3]]
    return (*numbers, 0, 0, 0)[:3]  # type: ignore[return-value]


def show(version: Version) -> str:
    return ".".join(map(str, version))


def lower_bound(range_: str) -> Version | None:
    """The lowest version an npm semver range admits (`>=1.5.7` -> 1.5.7, `~1.11.0` -> 1.11.0, `1.x` ->
    1.0.0, `>=1.5 <2` -> 1.5.0); None when it has none (`<2.0.0`, `*`) or cannot be read (`||` unions)."""
    if "||" in range_ or not range_.strip():
        return None
    tokens = re.sub(r"(>=|<=|>|<|=|~|\^)\s+", r"\1", range_.strip()).split()
    if len(tokens) == 3 and tokens[1] == "-":  # `1.10.0 - 1.12.0`
        tokens = [tokens[0]]
    lows = []
    for token in tokens:
        match = _PART.match(token)
        if match is None:
            return None
        operator, *parts = match.groups()
        if operator in ("<", "<="):
            continue
        if parts[0] in ("x", "X", "*"):
            continue
        numbers = [int(p) if p and p not in ("x", "X", "*") else 0 for p in parts]
        version = (numbers[0], numbers[1], numbers[2])
        if operator == ">":
            version = (version[0], version[1], version[2] + 1)
        lows.append(version)
    return max(lows) if lows else None


def admits_only_from(range_: str, needed: Version) -> bool:
    """Whether every version `range_` admits is at least `needed`: what cdktn's `semver.subset(range,
    ">=needed")` answers for the ranges `lower_bound` reads."""
    low = lower_bound(range_)
    return low is not None and low >= needed


# --- the features a project uses -------------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    feature: str  # `write-only attributes`, `Terraform function "templatestring"`
    needs: dict[str, str]  # product -> range (`{"terraform": ">=1.11.0", "opentofu": ">=1.11.0"}`)
    path: str  # relative to the project root
    line: int
    what: str  # `password_wo=` of `DbInstance`

    def describe(self) -> str:
        return f"{self.what} ({self.path}:{self.line})"


def uses(project: ProjectContext) -> tuple[Use, ...]:
    return project.derived("target_versions.uses", _uses)


def _uses(project: ProjectContext) -> tuple[Use, ...]:
    from fixer.discovery import BINDINGS_FOLDER, iter_python_files

    found: list[Use] = []
    root = project.root
    for path in iter_python_files(root):
        relative = path.relative_to(root).as_posix()
        if relative.split("/", 1)[0] == BINDINGS_FOLDER:
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "cdktf" not in text and "cdktn" not in text:
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            continue
        found.extend(_scan(tree, relative))
    return tuple(found)


def _provider_of(module: str) -> str | None:
    top = module.split(".", 1)[0]
    for prefix in (cdktn.PROVIDER_MODULE_PREFIX, cdktn.NEW_PROVIDER_MODULE_PREFIX):
        if top.startswith(prefix) and top != prefix:
            return cdktn.normalize(top[len(prefix):])
    return None


def _scan(tree: ast.Module, path: str) -> list[Use]:
    data = table()
    features, functions, providers = data["features"], data["functions"], data["providers"]
    # local name -> what it binds: ("class", provider, module, Name), ("module", provider, module),
    # ("core", Name) for a name of the core, ("coremodule",) for `import cdktf`
    names: dict[str, tuple] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            provider = _provider_of(node.module)
            parts = node.module.split(".")
            for alias in node.names:
                local = alias.asname or alias.name
                if node.module in CORE_MODULES:
                    names[local] = ("core", alias.name)
                elif provider is not None and len(parts) == 2:
                    names[local] = ("class", provider, parts[1], alias.name)
                elif provider is not None and len(parts) == 1:
                    names[local] = ("module", provider, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in CORE_MODULES:
                    names[alias.asname or alias.name] = ("coremodule",)
                elif alias.asname and _provider_of(alias.name) and alias.name.count(".") == 1:
                    names[alias.asname] = ("module", _provider_of(alias.name), alias.name.split(".")[1])
    found: list[Use] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        bound = _callee(node.func, names)
        if bound is None:
            continue
        kind = bound[0]
        if kind == "class":
            _, provider, module, name = bound
            entry = providers.get(provider)
            if entry is None:
                continue
            write_only = entry["write_only"].get(module, {})
            attributes = {a for listed in write_only.values() for a in listed}
            for keyword in node.keywords:
                if keyword.arg in attributes and not _is_none(keyword.value):
                    found.append(Use(features["writeOnlyAttributes"]["label"], _ranges(features["writeOnlyAttributes"]),
                                     path, keyword.value.lineno, f"`{keyword.arg}=` of `{name}`"))
            if name in entry["ephemeral_resources"].get(module, ()):
                found.append(Use(features["ephemeralResources"]["label"], _ranges(features["ephemeralResources"]),
                                 path, node.lineno, f"the ephemeral resource `{name}`"))
        elif kind == "fn" and bound[1] in functions:
            found.append(Use(f'Terraform function "{bound[1]}"', functions[bound[1]], path, node.lineno,
                             f"`Fn.{bound[1]}`"))
        elif kind == "providerfunction":
            feature = features["providerFunctions"]
            found.append(Use(feature["label"], _ranges(feature), path, node.lineno, "`TerraformProviderFunction`"))
        elif kind == "coreclass":
            for label, (class_name, keyword_name) in _NAMED_TRIGGERS.items():
                if bound[1] != class_name or label not in features:
                    continue
                for keyword in node.keywords:
                    if keyword.arg == keyword_name and not _is_falsy(keyword.value):
                        found.append(Use(label, _ranges(features[label]), path, keyword.value.lineno,
                                         f"`{keyword_name}=` of `{class_name}`"))
    return found


def _ranges(feature: dict) -> dict[str, str]:
    return {product: feature[product] for product in PRODUCTS if product in feature}


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_falsy(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and not node.value


def _callee(func: ast.expr, names: dict[str, tuple]) -> tuple | None:
    """What a call calls, in the terms of `_scan`: ("class", provider, module, Name), ("fn", function),
    ("providerfunction",), ("coreclass", Name); None for anything else."""
    if isinstance(func, ast.Name):
        bound = names.get(func.id)
        if bound is None:
            return None
        if bound[0] == "class":
            return bound
        if bound[0] == "core":
            return ("providerfunction",) if bound[1] == "TerraformProviderFunction" else ("coreclass", bound[1])
        return None
    if not isinstance(func, ast.Attribute):
        return None
    owner = func.value
    if isinstance(owner, ast.Name):
        bound = names.get(owner.id)
        if bound is None:
            return None
        if bound[0] == "module":
            return ("class", bound[1], bound[2], func.attr)
        if bound[0] == "core" and bound[1] == "Fn":
            return ("fn", func.attr)
        if bound[0] == "core" and bound[1] == "TerraformProviderFunction":
            return ("providerfunction",)
        if bound[0] == "coremodule":
            return ("providerfunction",) if func.attr == "TerraformProviderFunction" else ("coreclass", func.attr)
        return None
    if isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Name):
        bound = names.get(owner.value.id)
        if bound is not None and bound[0] == "coremodule" and owner.attr == "Fn":  # cdktf.Fn.templatestring(...)
            return ("fn", func.attr)
        if bound is not None and bound[0] == "coremodule" and owner.attr == "TerraformProviderFunction":
            return ("providerfunction",)
    return None


def needed(found: tuple[Use, ...] | list[Use]) -> dict[str, Version]:
    """product -> the lowest version that admits every use: the highest of their floors."""
    floors: dict[str, Version] = {}
    for use in found:
        for product, range_ in use.needs.items():
            low = lower_bound(range_) or (0, 0, 0)
            floors[product] = max(floors.get(product, low), low)
    return floors


# --- cdktf.json, located without re-dumping ---------------------------------------------------------


@dataclass
class Span:
    start: int  # offset of the value's first character
    end: int  # offset after its last character


class _Locator:
    """A JSON reader that records where each member of the top-level object (and of `targetVersions`)
    starts and ends, so an edit replaces or inserts exactly the bytes it means to."""

    def __init__(self, text: str):
        self.text = text
        self.members: dict[tuple[str, ...], Span] = {}
        self.key_starts: dict[tuple[str, ...], int] = {}
        self.closing: dict[tuple[str, ...], int] = {}  # object path -> offset of its `}`

    def locate(self) -> None:
        index = self._space(0)
        end = self._value(index, ())
        if self._space(end) != len(self.text):
            raise ValueError("trailing content after the JSON document")

    def _space(self, index: int) -> int:
        while index < len(self.text) and self.text[index] in " \t\r\n\ufeff":
            index += 1
        return index

    def _value(self, index: int, path: tuple[str, ...]) -> int:
        char = self.text[index]
        if char == "{":
            index = self._space(index + 1)
            if self.text[index] == "}":
                self.closing[path] = index
                return index + 1
            while True:
                key_start = index
                key_end = self._string(index)
                key = json.loads(self.text[index:key_end])
                index = self._space(key_end)
                if self.text[index] != ":":
                    raise ValueError("expected ':'")
                start = self._space(index + 1)
                end = self._value(start, (*path, key))
                if len(path) <= 1:
                    self.members[(*path, key)] = Span(start, end)
                    self.key_starts[(*path, key)] = key_start
                index = self._space(end)
                if self.text[index] == ",":
                    index = self._space(index + 1)
                    continue
                if self.text[index] == "}":
                    self.closing[path] = index
                    return index + 1
                raise ValueError("expected ',' or '}'")
        if char == "[":
            index = self._space(index + 1)
            if self.text[index] == "]":
                return index + 1
            while True:
                index = self._space(self._value(index, (*path, "[]")))
                if self.text[index] == ",":
                    index = self._space(index + 1)
                    continue
                if self.text[index] == "]":
                    return index + 1
                raise ValueError("expected ',' or ']'")
        if char == '"':
            return self._string(index)
        match = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null").match(self.text, index)
        if match is None:
            raise ValueError(f"unexpected {char!r}")
        return match.end()

    def _string(self, index: int) -> int:
        if self.text[index] != '"':
            raise ValueError("expected a string")
        index += 1
        while index < len(self.text):
            if self.text[index] == "\\":
                index += 2
                continue
            if self.text[index] == '"':
                return index + 1
            index += 1
        raise ValueError("unterminated string")


def locate(text: str) -> _Locator:
    locator = _Locator(text)
    locator.locate()
    return locator


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def insert_target_versions(text: str, located: _Locator, ranges: dict[str, str]) -> str:
    """`text` with `"targetVersions": {...}` added as the top-level object's last member, laid out as the
    file lays out its members (indentation, line ending, one line or many); nothing else changes."""
    closing = located.closing[()]
    newline = "\r\n" if "\r\n" in text else "\n"
    members = [span for path, span in located.members.items() if len(path) == 1]
    last_end = max((span.end for span in members), default=None)
    if not members or "\n" not in text[: closing]:
        body = ", ".join(f'"{product}": "{range_}"' for product, range_ in ranges.items())
        member = f'"{KEY}": {{{body}}}'
        if last_end is None:
            return text[:closing] + member + text[closing:]
        return text[:last_end] + ", " + member + text[last_end:]
    first_key = min(located.key_starts[path] for path in located.members if len(path) == 1)
    line_start = text.rfind("\n", 0, first_key) + 1
    indent = text[line_start:first_key] if text[line_start:first_key].strip() == "" else "  "
    inner = indent * 2 if indent.strip() == "" and indent else "    "
    body = ("," + newline).join(f'{inner}"{product}": "{range_}"' for product, range_ in ranges.items())
    member = f'"{KEY}": {{{newline}{body}{newline}{indent}}}'
    return text[:last_end] + "," + newline + indent + member + text[last_end:]


def replace_value(text: str, span: Span, value: str) -> str:
    return text[: span.start] + json.dumps(value) + text[span.end :]
