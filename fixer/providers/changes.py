"""What changed in a provider's API between two versions, from their schemas: the properties a migration
must look at in a project's code (removed, retyped, newly required), and nothing else.

Comparing cdktf-cdktf-provider-aws 21.22.1 with cdktn-provider-aws 25.8.1 finds 13 changes among 24,943
types; the comparisons that ship are in `fixer/data/migrations/` (`scripts/make_provider_changes.py`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from fixer.providers.schema import Schema

MIGRATIONS_DIR = Path(__file__).parent.parent / "data" / "migrations"


@dataclass(frozen=True)
class Change:
    kind: str  # "class removed", "removed", "type changed", "now required", "new required"
    module: str
    name: str  # the class or struct
    prop: str | None = None
    before: Any = None  # the property's type before (for "type changed")
    after: Any = None


def _same_type(a: Any, b: Any) -> bool:
    # the two cores name their shared types differently (`cdktf.X`, `cdktn.X`): the same type
    return json.dumps(a).replace('"cdktn.', '"cdktf.') == json.dumps(b).replace('"cdktn.', '"cdktf.')


def compare(old: Schema, new: Schema) -> list[Change]:
    """Every class the new version lacks, and every struct property removed, retyped or newly required."""
    changes: list[Change] = []
    for module, names in sorted(old.names.items()):
        present = set(new.names.get(module, ()))
        for name in sorted(names):
            if name not in present:
                changes.append(Change("class removed", module, name))
                continue
            before, after = old.props(module, name), new.props(module, name)
            if before is None or after is None or old.entry(module, name)["kind"] != "struct":
                continue
            for prop, was in before.items():
                now = after.get(prop)
                if now is None:
                    changes.append(Change("removed", module, name, prop, was.type))
                elif not _same_type(was.type, now.type):
                    changes.append(Change("type changed", module, name, prop, was.type, now.type))
                elif now.required and not was.required:
                    changes.append(Change("now required", module, name, prop))
            changes.extend(Change("new required", module, name, prop)
                           for prop, now in after.items() if prop not in before and now.required)
    return changes


def write(path: Path, source: dict[str, str], target: dict[str, str], changes: list[Change]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"from": source, "to": target, "changes": [asdict(c) for c in changes]}
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Comparison:
    source: dict[str, str]  # {"distribution": ..., "version": ...}
    target: dict[str, str]
    changes: tuple[Change, ...]

    def of(self, module: str, name: str) -> list[Change]:
        return [c for c in self.changes if c.module == module and c.name == name]

    def describe(self) -> str:
        return (f"{self.source['distribution']} {self.source['version']} -> "
                f"{self.target['distribution']} {self.target['version']}")


@lru_cache(maxsize=None)
def shipped(distribution: str, version: str, target_distribution: str) -> Comparison | None:
    """The shipped comparison from this provider version to the target package, if one ships."""
    for path in sorted(MIGRATIONS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["from"] == {"distribution": distribution, "version": version} and \
                data["to"]["distribution"] == target_distribution:
            return Comparison(data["from"], data["to"], tuple(Change(**c) for c in data["changes"]))
    return None
