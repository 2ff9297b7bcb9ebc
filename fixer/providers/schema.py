"""A provider version's compact schema on disk: a zip holding `index.json` (every module's names) and one
`modules/<module>.json` per module, so a run reads only the modules its code uses (the AWS provider's
whole schema is 6 MB of JSON; one module is a few kB).
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixer.providers.assembly import FORMAT

SCALARS = frozenset({"string", "number", "boolean"})
OPEN = frozenset({"any", "json"})  # what Terraform receives as is: nothing to judge


@dataclass(frozen=True)
class Prop:
    """One keyword of a struct or a construct's config, in Python's and jsii's names."""

    python: str
    jsii: str
    type: Any  # see fixer.providers.assembly
    required: bool


def write(schema: dict[str, Any], path: Path) -> None:
    """Store a compact schema (`assembly.compact`) atomically; a second writer of the same file is harmless."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {k: v for k, v in schema.items() if k != "modules"}
    header["names"] = {m: sorted(entries) for m, entries in sorted(schema["modules"].items())}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        # a fixed date keeps the shipped file byte-identical across regenerations of the same version
        def put(name: str, data: Any) -> None:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, json.dumps(data, sort_keys=True, separators=(",", ":")))

        put("index.json", header)
        for module, entries in sorted(schema["modules"].items()):
            put(f"modules/{module or '_root'}.json", entries)
    os.replace(tmp, path)


class Schema:
    """A stored schema, opened lazily: the header on construction, a module on first question about it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # kept open for the modules asked later: its directory of 2,000 members is read once
        archive = zipfile.ZipFile(path)
        try:
            self.header: dict[str, Any] = json.loads(archive.read("index.json"))
            if self.header.get("format") != FORMAT:
                raise ValueError(f"{path}: schema format {self.header.get('format')}, expected {FORMAT}")
        except BaseException:
            archive.close()
            raise
        self._archive: zipfile.ZipFile | None = archive
        self._modules: dict[str, dict[str, Any]] = {}
        self._props: dict[tuple[str, str], dict[str, Prop] | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_archive": None}

    @property
    def version(self) -> str:
        return self.header["version"]

    @property
    def names(self) -> dict[str, list[str]]:
        return self.header["names"]

    def module(self, module: str) -> dict[str, Any]:
        if module not in self._modules:
            if module not in self.names:
                self._modules[module] = {}
            else:
                if self._archive is None:  # unpickled in a worker: opened there once
                    self._archive = zipfile.ZipFile(self.path)
                self._modules[module] = json.loads(self._archive.read(f"modules/{module or '_root'}.json"))
        return self._modules[module]

    def entry(self, module: str, name: str) -> dict[str, Any] | None:
        return self.module(module).get(name)

    def props(self, module: str, name: str) -> dict[str, Prop] | None:
        """The keywords a struct takes, or a construct's config takes; None for anything else."""
        key = (module, name)
        if key not in self._props:
            entry = self.entry(module, name)
            if entry is not None and entry["kind"] == "construct":
                entry = self.entry(entry["config_module"], entry["config"])
            if entry is None or entry["kind"] != "struct":
                self._props[key] = None
            else:
                self._props[key] = {p[0]: Prop(*p) for p in entry["props"]}
        return self._props[key]
