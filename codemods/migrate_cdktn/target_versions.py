"""CTM006: cdktf.json declares the Terraform version the features the code uses need under CDK Terrain."""

from __future__ import annotations

import json

from codemods.migrate_cdktn.helpers import PARTIAL_OPTION, migration_fix, partial_note
from fixer import target_versions as tv
from fixer.rule import ProjectFileRule
from fixer.types import Applicability, Example, FixAvailability


class TargetVersions(ProjectFileRule):
    """
    ## What it does
    Finds, in the project's Python code, the features CDK Terrain validates against cdktf.json's
    `targetVersions` at synth (cdktn's own table, shipped from its packages): write-only resource
    attributes (`password_wo=` of `DbInstance`, `secret_string_wo=` of `SecretsmanagerSecretVersion`,
    `value_wo=` of `SsmParameter`, ...: terraform >=1.11.0), ephemeral resources (>=1.10.0), provider
    functions (>=1.8.0), `S3Backend(use_lockfile=True)` (>=1.10.0) and the `Fn` functions newer than
    terraform 1.5.7 (`Fn.templatestring`: >=1.9.0). When cdktf.json declares no `targetVersions`, it adds
    `"targetVersions": {"terraform": ">=X"}` with the lowest version that admits every feature used; when
    a declared range admits older versions, it raises its floor. The key is inserted as the file's last
    member, laid out as the file's other members are; no other byte of cdktf.json changes. A project
    whose code uses none of these features is left alone.

    ## Why is this bad?
    Without `targetVersions` cdktn assumes the project targets every release since terraform 1.5.7 and
    opentofu 1.6.0, and synth fails: "write-only attributes requires terraform >=1.11.0, but the project
    targets terraform >=1.5.7". CDKTF never checked, so the same code synthesized before the migration.

    ## Fix safety
    Safe: the declared range only says which Terraform versions the project supports, and the code
    already needs these. A project deployed with OpenTofu declares it itself (the added key targets
    terraform only). Unsafe (`--allow-partial`) while a provider has no cdktn package.

    ## Options
    None.
    """

    code = "CTM006"
    name = "target-versions"
    summary = "Code uses a feature cdktn validates against cdktf.json `targetVersions`, which does not admit it"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    unsafe_option = PARTIAL_OPTION
    file_names = ("cdktf.json",)
    markers = ("{",)  # every cdktf.json: what decides is the code beside it

    INVALID = (
        Example('{\n  "language": "python",\n  "app": "python main.py"\n}\n',
                '{\n  "language": "python",\n  "app": "python main.py",\n  "targetVersions": {\n'
                '    "terraform": ">=1.11.0"\n  }\n}\n',
                files=(("main.py", ("from cdktf_cdktf_provider_aws.db_instance import DbInstance\n\n"
                                    "DbInstance(self, 'db', instance_class='db.t3.micro', password_wo='x')\n")),),
                path="cdktf.json"),
    )

    @classmethod
    def validate(cls, path: str, text: str) -> None:
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(str(exc)) from exc

    def fix(self, text: str) -> str:
        found = tv.uses(self.context.project)
        if not found:
            return text
        try:
            located = tv.locate(text)
            document = json.loads(text)
        except (ValueError, IndexError):
            return text  # not JSON: cdktf itself reports that
        if not isinstance(document, dict):
            return text
        floors = tv.needed(found)
        fix = migration_fix(self.context.project)
        note = partial_note(self.context.project) if fix is Applicability.UNSAFE else ""
        declared = document.get(tv.KEY)
        if declared is None:
            needs = {product: version for product, version in floors.items() if product == "terraform"}
            if not needs:  # a feature only opentofu has (cdktn's table lists no terraform version for it)
                self._unsatisfiable(text, found)
                return text
            ranges = {product: f">={tv.show(version)}" for product, version in needs.items()}
            default = " and ".join(f"{p} {tv.table()['default'][p]}" for p in tv.PRODUCTS if p in tv.table()["default"])
            if self.report_at(1, 1, f"cdktf.json declares no `targetVersions`: cdktn then assumes {default}, and "
                              f"synth fails on {_uses_for(found, 'terraform')} (terraform {ranges['terraform']} "
                              f"needed); add `\"targetVersions\": {json.dumps(ranges)}`{note}", fix):
                text = tv.insert_target_versions(text, located, ranges)
            return text
        if not isinstance(declared, dict):
            return text  # cdktn reports a malformed targetVersions itself
        for product, range_ in declared.items():
            if product not in floors or not isinstance(range_, str):
                continue
            floor = floors[product]
            if tv.admits_only_from(range_, floor):
                continue
            span = located.members.get((tv.KEY, product))
            line, column = tv.position(text, span.start) if span else (1, 1)
            low = tv.lower_bound(range_)
            new = f">={tv.show(floor)}"
            raised = _raised(range_, floor)
            message = (f"`targetVersions.{product}` \"{range_}\" admits {product} versions older than "
                       f"{_uses_for(found, product)} need ({product} {new}): synth fails under CDK Terrain")
            if low is None or span is None:
                self.report_at(line, column, message + "; raise its lower bound")
                continue
            if self.report_at(line, column, f"{message}; raise it to `\"{raised}\"`{note}", fix):
                text = tv.replace_value(text, span, raised)
                located = tv.locate(text)
        return text

    def _unsatisfiable(self, text: str, found) -> None:
        products = sorted({p for use in found for p in use.needs})
        self.report_at(1, 1, f"{_uses_for(found, products[0] if products else 'opentofu')}: cdktn 0.24 admits "
                       f"{'only ' + ', '.join(products) if products else 'no target'} for it; declare "
                       "`targetVersions` in cdktf.json by hand")


def _uses_for(found, product: str) -> str:
    """The uses that need `product`, grouped by feature, the most demanding feature first: `write-only
    attributes (`password_wo=` of `DbInstance`, main.py:14; ...) and S3 native state locking (...)`."""
    by_feature: dict[str, list[str]] = {}
    floors: dict[str, tv.Version] = {}
    for use in sorted((u for u in found if product in u.needs), key=lambda u: (u.path, u.line)):
        where = f"{use.what}, {use.path}:{use.line}"
        if where not in by_feature.setdefault(use.feature, []):
            by_feature[use.feature].append(where)
        floors[use.feature] = tv.lower_bound(use.needs[product]) or (0, 0, 0)
    parts = []
    for feature in sorted(by_feature, key=lambda f: tuple(-n for n in floors[f])):
        wheres = by_feature[feature]
        shown = "; ".join(wheres[:3]) + (f"; {len(wheres) - 3} more" if len(wheres) > 3 else "")
        parts.append(f"{feature} ({shown})")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _raised(range_: str, floor: tv.Version) -> str:
    """`range_` with its lower bound raised to `floor`, its upper bound kept (`>=1.5.7 <2.0.0` ->
    `>=1.11.0 <2.0.0`); a range with no `>=` becomes `>=floor`."""
    parts = range_.split()
    kept = [p for p in parts if p.startswith("<")]
    return " ".join([f">={tv.show(floor)}", *kept])
