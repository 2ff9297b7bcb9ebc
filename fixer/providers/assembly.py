"""Read a jsii assembly (`_jsii/<name>@<version>.jsii.tgz`) into the compact schema the rules answer from.

Every jsii package ships its whole type system as JSON (`package/.jsii` inside the tarball): submodules,
classes with their initializer, structs (datatype interfaces) with every property's name, optionality and
type. The AWS provider's is 131 MB; the compact form keeps, in Python's names, only what a rule asks:

    {"format": 1, "assembly": "@cdktf/provider-aws", "package": "cdktf_cdktf_provider_aws",
     "distribution": "cdktf-cdktf-provider-aws", "version": "21.22.1",
     "modules": {"s3_bucket": {
         "S3Bucket": {"kind": "construct", "config": "S3BucketConfig", "id": "id_"},
         "S3BucketConfig": {"kind": "struct", "props": [[python, jsii, type, required], ...]},
         "S3BucketVersioningOutputReference": {"kind": "class"}}}}

A type is `"string"`, `"number"`, `"boolean"`, `"any"`, `"json"`, `"date"`; `["ref", module, Name]` for a
type of this assembly; `["ext", fqn]` for another's (`cdktf.TerraformProvider`); `["list", T]`, `["map",
T]`; `["union", [T, ...]]`. `IResolvable` (of `cdktf` or CDK Terrain's `cdktn`) is dropped from unions: a
token is accepted everywhere.
"""

from __future__ import annotations

import json
import keyword
import re
from pathlib import Path
from typing import Any

FORMAT = 2

# The struct every resource/data source config extends, from the cdktf core assembly: all of its
# properties take values the rules never judge (iterators, providers, lifecycle objects).
META_ARGUMENTS = ("connection", "count", "dependsOn", "forEach", "lifecycle", "provider", "provisioners")
# The core is `cdktf`, or `cdktn` for CDK Terrain's providers: the same types under either name.
CORES = ("cdktf", "cdktn")
_EXTERNAL_BASES = {f"{core}.TerraformMetaArguments": META_ARGUMENTS for core in CORES}
_RESOLVABLE = frozenset(f"{core}.IResolvable" for core in CORES)

_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM_END = re.compile(r"([A-Z])([A-Z][a-z])")


def snake(name: str) -> str:
    """jsii's Python name for a camelCase name: `ipv6CidrBlock` -> `ipv6_cidr_block`, `lambda` -> `lambda_`."""
    python = _ACRONYM_END.sub(r"\1_\2", _LOWER_UPPER.sub(r"\1_\2", name)).lower()
    return python + "_" if keyword.iskeyword(python) else python


def read_tarball(path: Path) -> dict[str, Any]:
    """The assembly JSON of a `.jsii.tgz`."""
    import tarfile  # here: a run reads a tarball only the first time it meets a provider version

    with tarfile.open(path, "r:gz") as tar:
        member = tar.getmember("package/.jsii")
        handle = tar.extractfile(member)
        if handle is None:
            raise ValueError(f"{path}: package/.jsii is not a file")
        with handle:
            return json.load(handle)


def find_tarball(package_dir: Path) -> Path | None:
    found = sorted((package_dir / "_jsii").glob("*.jsii.tgz"))
    return found[0] if found else None


def compact(assembly: dict[str, Any]) -> dict[str, Any]:
    """The compact schema of an assembly (see the module docstring)."""
    name = assembly["name"]
    python = assembly.get("targets", {}).get("python", {})
    types: dict[str, Any] = assembly.get("types", {})

    def where(fqn: str) -> tuple[str, str] | None:
        """(python module, class name) of a type of this assembly."""
        declared = types.get(fqn)
        if declared is None:
            return None
        namespace = declared.get("namespace", "")
        return ".".join(snake(part) for part in namespace.split(".")) if namespace else "", declared["name"]

    def type_of(ref: dict[str, Any]) -> Any:
        if "primitive" in ref:
            return ref["primitive"]
        if "fqn" in ref:
            located = where(ref["fqn"])
            return ["ref", *located] if located else ["ext", ref["fqn"]]
        if "collection" in ref:
            return [ref["collection"]["kind"], type_of(ref["collection"]["elementtype"])]
        if "union" in ref:
            members = [type_of(t) for t in ref["union"]["types"] if t.get("fqn") not in _RESOLVABLE]
            return members[0] if len(members) == 1 else ["union", members]
        return "any"

    def properties(fqn: str, seen: set[str]) -> list[list[Any]]:
        if fqn in seen:
            return []
        seen.add(fqn)
        if fqn in _EXTERNAL_BASES:
            return [[snake(p), p, "any", False] for p in _EXTERNAL_BASES[fqn]]
        declared = types.get(fqn)
        if declared is None:
            return []
        props = []
        for base in declared.get("interfaces", []):
            props.extend(properties(base, seen))
        for prop in declared.get("properties", []):
            if prop.get("static"):
                continue
            props.append([snake(prop["name"]), prop["name"], type_of(prop["type"]), not prop.get("optional", False)])
        return props

    modules: dict[str, dict[str, Any]] = {}
    for fqn, declared in types.items():
        if declared.get("assembly") != name:
            continue
        module, class_name = where(fqn) or ("", declared["name"])
        entry: dict[str, Any]
        if declared["kind"] == "interface" and declared.get("datatype"):
            by_name: dict[str, list[Any]] = {}
            for prop in properties(fqn, set()):
                by_name[prop[0]] = prop  # a redeclared property overrides its base's
            entry = {"kind": "struct", "props": list(by_name.values())}
        elif declared["kind"] == "class":
            entry = _class_entry(declared, where)
        elif declared["kind"] == "enum":
            entry = {"kind": "enum", "members": [m["name"] for m in declared.get("members", [])]}
        else:
            entry = {"kind": "interface"}
        if declared.get("docs", {}).get("deprecated"):
            entry["deprecated"] = declared["docs"]["deprecated"]
        modules.setdefault(module, {})[class_name] = entry
    return {
        "format": FORMAT,
        "assembly": name,
        "package": python.get("module", ""),
        "distribution": python.get("distName", ""),
        "version": assembly.get("version", ""),
        "modules": modules,
    }


def _class_entry(declared: dict[str, Any], where) -> dict[str, Any]:
    parameters = (declared.get("initializer") or {}).get("parameters", [])
    kinds = [p["type"].get("fqn") or p["type"].get("primitive") for p in parameters]
    if declared.get("abstract") or not declared.get("initializer"):
        return {"kind": "class"}
    if kinds[:2] == ["constructs.Construct", "string"] and len(parameters) == 3:
        config = where(parameters[2]["type"].get("fqn", ""))
        if config is not None:
            return {"kind": "construct", "config": config[1], "config_module": config[0]}
    return {"kind": "class", "parameters": [snake(p["name"]) for p in parameters]}
