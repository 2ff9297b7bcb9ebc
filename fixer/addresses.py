"""Terraform addresses that change when a project moves from an old CDKTF core to the current line.

cdktf before 0.15 built a resource's logical id from its construct path *with* the stack's id and without
separator characters (`oldstack_web_663D2A92`), unless cdktf.json set the feature flags
`excludeStackIdFromLogicalIds` and `allowSepCharsInLogicalIds`; cdktf 0.21 has no such flags and always
leaves the stack id out (`web`, `network_vpc_4E8F0223`). A project that synthesizes after the upgrade
therefore plans to destroy and re-create every resource of a deployed stack unless its state is moved.

Both synths record each resource's construct path (`//.metadata.path`) and each output's construct id
(`//.outputs`), which do not change: paired on them, the old and new address of every block are known.
With every old address renamed to its new one, the two stacks must then be the same, else the upgrade
changed more than names (that is reported as differences).
"""

from __future__ import annotations

import copy
import re
import shlex
from dataclasses import dataclass

from fixer.migration import Difference, compare_documents

_SECTIONS = {"resource": "", "data": "data."}


@dataclass(frozen=True)
class AddressChange:
    stack: str
    path: str  # the construct path, the same in both synths (`old-stack/network/vpc`), or an output's ids
    before: str  # `aws_vpc.oldstack_network_vpc_4161EAED`, `data.aws_region.x`, `output.oldstack_arn_E568135E`
    after: str

    @property
    def stateful(self) -> bool:
        """A managed resource: Terraform state holds it, so `terraform state mv` moves it."""
        return not self.before.startswith(("data.", "output."))

    def to_json(self) -> dict:
        return {"stack": self.stack, "path": self.path, "before": self.before, "after": self.after}


@dataclass
class AddressReport:
    changes: list[AddressChange]
    only_before: list[tuple[str, str]]  # (stack, address) of blocks with no counterpart after
    only_after: list[tuple[str, str]]
    differences: list[Difference]  # what still differs once every old address is renamed

    @property
    def moves(self) -> list[AddressChange]:
        return [c for c in self.changes if c.stateful]

    def to_json(self) -> dict:
        return {"changes": [c.to_json() for c in self.changes],
                "only_before": [list(p) for p in self.only_before], "only_after": [list(p) for p in self.only_after],
                "differences": [d.to_json() for d in self.differences]}


def _by_construct_path(document: dict) -> dict[str, str]:
    """Construct path -> Terraform address, for every resource, data source and output of a stack."""
    found = {}
    for section, prefix in _SECTIONS.items():
        for kind, blocks in (document.get(section) or {}).items():
            for name, block in (blocks or {}).items():
                path = (block.get("//") or {}).get("metadata", {}).get("path") if isinstance(block, dict) else None
                if isinstance(path, str):
                    found[path] = f"{prefix}{kind}.{name}"
    found.update({f"output:{path}": f"output.{name}"
                  for path, name in _flatten((document.get("//") or {}).get("outputs") or {}).items()})
    return found


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    """cdktf's `//.outputs` nests output names under the construct ids of their scopes."""
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}/"))
        elif isinstance(value, str):
            flat[f"{prefix}{key}"] = value
    return flat


def _rename(value, renames: dict[str, str], pattern: re.Pattern | None):
    if isinstance(value, str):
        return pattern.sub(lambda m: renames[m.group(0)], value) if pattern else value
    if isinstance(value, dict):
        return {_rename(key, renames, pattern) if isinstance(key, str) else key: _rename(item, renames, pattern)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_rename(item, renames, pattern) for item in value]
    return value


def _renamed(document: dict, changes: list[AddressChange]) -> dict:
    """The old stack with every changed address (block labels, references, unique ids) renamed."""
    document = copy.deepcopy(document)
    labels = {change.before.rsplit(".", 1)[-1]: change.after.rsplit(".", 1)[-1] for change in changes}
    for section in (*_SECTIONS, "output"):
        body = document.get(section) or {}
        if section == "output":
            document[section] = {labels.get(name, name): block for name, block in body.items()}
            continue
        for kind, blocks in body.items():
            body[kind] = {labels.get(name, name): block for name, block in (blocks or {}).items()}
            for block in body[kind].values():
                metadata = (block.get("//") or {}).get("metadata", {}) if isinstance(block, dict) else {}
                if metadata.get("uniqueId") in labels:
                    metadata["uniqueId"] = labels[metadata["uniqueId"]]
    # references: `${aws_vpc.old.id}`, `data.aws_region.old`, and the output ids in `//.outputs`
    renames = {c.before.removeprefix("output."): c.after.removeprefix("output.") for c in changes}
    renames.update({old: new for old, new in labels.items()})
    pattern = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, renames), key=len, reverse=True)) + r")(?![\w-])") \
        if renames else None
    return _rename(document, renames, pattern)


def address_report(before: dict[str, dict], after: dict[str, dict], before_folders: tuple[str, ...] = (),
                   after_folders: tuple[str, ...] = ()) -> AddressReport:
    """Pair the blocks of two synths (stack -> cdk.tf.json) by construct path and say which addresses
    changed, which blocks have no counterpart, and what differs once the addresses are renamed."""
    changes, only_before, only_after, renamed = [], [], [], {}
    for stack, document in before.items():
        old = _by_construct_path(document)
        new = _by_construct_path(after.get(stack, {}))
        stack_changes = [AddressChange(stack, path.removeprefix("output:"), address, new[path])
                         for path, address in sorted(old.items()) if path in new and new[path] != address]
        only_before += [(stack, old[p]) for p in sorted(old) if p not in new]
        only_after += [(stack, new[p]) for p in sorted(new) if p not in old]
        changes += stack_changes
        renamed[stack] = _renamed(document, stack_changes)
    differences = compare_documents(renamed, after, before_folders, after_folders)
    return AddressReport(changes, only_before, only_after, differences)


def state_moves_script(report: AddressReport, output_folder: str = "cdktf.out") -> str:
    """A shell script that moves each deployed resource to its new address, stack by stack, with
    `terraform state mv` in the stack's synthesized folder (run `cdktf synth` first)."""
    lines = [
        "#!/bin/sh",
        "# Written by `cdktf-fixer migrate --to cdktf --verify`: the current cdktf core names resources without",
        "# the stack id, so each deployed resource moves to its new address before the first plan.",
        "# Run after `cdktf synth`, with the credentials and backend of each stack; review it first.",
        "set -eu",
    ]
    stacks: dict[str, list[AddressChange]] = {}
    for change in report.moves:
        stacks.setdefault(change.stack, []).append(change)
    for stack, moves in stacks.items():
        commands = ["terraform init -input=false >/dev/null"]
        commands += [f"# {m.path}\n  terraform state mv {shlex.quote(m.before)} {shlex.quote(m.after)}" for m in moves]
        lines += ["", f"# stack {stack}: {len(moves)} resource{'s' * (len(moves) != 1)}",
                  f"( cd {shlex.quote(f'{output_folder}/stacks/{stack}')} &&", "  " + " &&\n  ".join(commands), ")"]
    return "\n".join(lines) + "\n"


def describe(report: AddressReport) -> list[str]:
    lines = [f"address  {c.stack} {c.before} -> {c.after}" for c in report.changes]
    lines += [f"only before  {stack} {address}" for stack, address in report.only_before]
    lines += [f"only after   {stack} {address}" for stack, address in report.only_after]
    return lines



# --- keeping the old addresses instead: `--keep-addresses` ---------------------------------------------------

KEEP_MODULE = "cdktf_kept_addresses"
KEEP_FUNCTION = "kept_logical_id"
_MARK = "# cdktf-fixer --keep-addresses: the logical ids its deployed state has"


def logical_ids_by_path(documents: dict[str, dict]) -> dict[str, str]:
    """Construct path -> logical id of every resource, data source and output of a synth's stacks."""
    return {path.removeprefix("output:"): address.rsplit(".", 1)[-1]
            for document in documents.values() for path, address in _by_construct_path(document).items()}


def kept_addresses_module(kept: dict[str, str]) -> str:
    """The module the project's stacks ask for each construct's logical id: the one it was deployed with."""
    entries = "".join(f"    {path!r}: {logical_id!r},\n" for path, logical_id in sorted(kept.items()))
    return (
        '"""Written by `cdktf-fixer migrate --to cdktf --verify --keep-addresses`.\n\n'
        "cdktf 0.21 leaves the stack id out of every logical id, which older cores put in: each stack class of the\n"
        "project allocates these constructs the logical ids their deployed state has (its `_allocate_logical_id`\n"
        "asks here first). A construct added later gets the current naming.\n"
        '"""\n'
        "from constructs import Node\n\n"
        "# construct path -> the logical id the stack was deployed with\n"
        f"KEPT = {{\n{entries}}}\n\n\n"
        f"def {KEEP_FUNCTION}(element) -> str | None:\n"
        "    return KEPT.get((element if isinstance(element, Node) else element.node).path)\n"
    )


def keep_in_stack_classes(source: str) -> tuple[str, list[str]]:
    """`source` with every class deriving from `TerraformStack` given an `_allocate_logical_id` that asks the
    kept ids first, and the import; the names of classes that define their own already (left as they are)."""
    import libcst as cst
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor
    from libcst.helpers import get_full_name_for_node

    refused: list[str] = []
    method = cst.parse_statement(
        f"def _allocate_logical_id(self, tf_element):  {_MARK}\n"
        f"    return {KEEP_FUNCTION}(tf_element) or super()._allocate_logical_id(tf_element)\n")

    class Stacks(cst.CSTTransformer):
        changed = False

        def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
            bases = {(get_full_name_for_node(b.value) or "").rsplit(".", 1)[-1] for b in updated.bases}
            if "TerraformStack" not in bases:
                return updated
            body = updated.body.body
            if any(isinstance(s, cst.FunctionDef) and s.name.value == "_allocate_logical_id" for s in body):
                if _MARK not in cst.Module(body=[]).code_for_node(updated):
                    refused.append(updated.name.value)
                return updated
            self.changed = True
            return updated.with_deep_changes(updated.body, body=[*body, method.with_changes(
                leading_lines=[cst.EmptyLine(indent=False)])])

    module = cst.parse_module(source)
    stacks = Stacks()
    module = module.visit(stacks)
    if not stacks.changed:
        return source, refused
    context = CodemodContext()
    AddImportsVisitor.add_needed_import(context, KEEP_MODULE, KEEP_FUNCTION)
    return AddImportsVisitor(context).transform_module(module).code, refused
