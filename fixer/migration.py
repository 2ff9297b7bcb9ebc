"""Proof of a migration to CDK Terrain by synthesis: `migrate --to cdktn --verify`.

The project is synthesized as it is (its own environment, or `--python`) and a migrated copy of it in an
environment with the target packages (`--target-python`, else one cdktf-fixer builds with pip under
its cache folder, keyed by the target versions, and reuses). Both runs go through `fixer.verify.synth`;
the user's tree is never run migrated and never written here.

Every stack's cdk.tf.json is then compared after normalising what a migration is expected to change:
the cdktf/cdktn version in the top-level `//` metadata, `terraform.required_providers.*.version` (the
prebuilt provider lines pin newer Terraform providers: reported as a note, not a difference), the
`.source` spelling (`aws` and `hashicorp/aws` are the same provider), and the absolute folders a synth
mentions (the project root the app ran in, for a local backend's state path; the temporary output
folder). What is left must be identical for the migration to be written: a difference is reported with
its stack, its Terraform address and the key inside it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from fixer.verify import SynthResult

# Placeholders for the absolute folders two synths of one project cannot share.
_FOLDER = "<synth folder>"
_MISSING = object()


class TargetEnvironmentError(Exception):
    """The environment with the target packages cannot be built (no network, pip failed, Python too old)."""


# --- normalising and comparing synthesized stacks ---------------------------------------------------


def provider_source(source: str) -> str:
    """A required provider's source as Terraform resolves it: `aws` -> `hashicorp/aws`,
    `registry.terraform.io/hashicorp/aws` -> `hashicorp/aws`."""
    parts = source.strip().lower().split("/")
    if len(parts) == 1:
        parts = ["hashicorp", *parts]
    if len(parts) == 3 and parts[0] == "registry.terraform.io":
        parts = parts[1:]
    return "/".join(parts)


def normalise(document: dict, folders: tuple[str, ...] = ()) -> dict:
    """A stack's cdk.tf.json without what a migration is expected to change (see the module docstring)."""
    document = copy.deepcopy(document)
    metadata = document.get("//", {}).get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("version", None)
    required = document.get("terraform", {}).get("required_providers", {})
    if isinstance(required, dict):
        for entry in required.values():
            if isinstance(entry, dict):
                entry.pop("version", None)
                if isinstance(entry.get("source"), str):
                    entry["source"] = provider_source(entry["source"])
    # longest first: a folder inside another is replaced whole
    ordered = sorted({f.rstrip("/") for f in folders if f and f.rstrip("/")}, key=len, reverse=True)
    return _replace_folders(document, ordered) if ordered else document


def _replace_folders(value, folders: list[str]):
    if isinstance(value, str):
        for folder in folders:
            value = value.replace(folder, _FOLDER)
        return value
    if isinstance(value, dict):
        return {key: _replace_folders(item, folders) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace_folders(item, folders) for item in value]
    return value


def normalise_all(result: SynthResult) -> dict[str, dict]:
    return {stack: normalise(document, result.folders) for stack, document in result.documents.items()}


def provider_versions(document: dict) -> dict[str, str]:
    """`terraform.required_providers`: provider -> the version the stack pins."""
    required = document.get("terraform", {}).get("required_providers", {})
    return {name: entry["version"] for name, entry in sorted(required.items())
            if isinstance(entry, dict) and isinstance(entry.get("version"), str)}


# How deep each top-level section holds its addressable blocks, and the prefix of their Terraform address.
_SECTIONS = {"resource": (2, ""), "data": (2, "data."), "output": (1, "output."), "provider": (1, "provider."),
             "module": (1, "module."), "variable": (1, "var."), "locals": (1, "local."), "terraform": (1, "terraform.")}


def addressed(document: dict) -> dict[str, object]:
    """The document as Terraform address -> block: `aws_vpc.main`, `data.aws_region.current`,
    `output.vpc_id`, `provider.aws`, `terraform.backend`; any other top-level key is its own block."""
    blocks: dict[str, object] = {}
    for section, body in document.items():
        depth, prefix = _SECTIONS.get(section, (0, ""))
        if depth == 0 or not isinstance(body, dict):
            blocks[section] = body
            continue
        for name, inner in body.items():
            if depth == 2 and isinstance(inner, dict):
                for label, block in inner.items():
                    blocks[f"{prefix}{name}.{label}"] = block
            else:
                blocks[f"{prefix}{name}"] = inner
    return blocks


@dataclass(frozen=True)
class Difference:
    stack: str
    address: str  # Terraform address (`aws_s3_bucket.logs`, `output.vpc_id`); "" when the whole stack differs
    key: str  # the key inside the block (`tags.Name`, `[0].region`); "" when the whole block differs
    before: object = None
    after: object = None
    # also differs between two synths of the unmigrated project (a name built from the clock, the hash
    # of an archive zipped at synth time): not the migration's doing, so it refuses nothing
    unstable: bool = False

    @property
    def kind(self) -> str:
        if self.before is _MISSING:
            return "added"
        if self.after is _MISSING:
            return "vanished"
        return "changed"

    @property
    def metadata_only(self) -> bool:
        """In the `//` metadata (construct paths, stack name), which Terraform never reads."""
        return self.address == "//"

    def describe(self) -> str:
        where = " ".join(part for part in (self.stack, self.address or "(stack)", self.key) if part)
        if self.kind != "changed":
            return f"{where}: {self.kind}"
        return f"{where}: {_short(self.before)} -> {_short(self.after)}"

    def to_json(self) -> dict:
        return {"stack": self.stack, "address": self.address, "key": self.key, "kind": self.kind,
                "unstable": self.unstable, **({"before": self.before, "after": self.after} if self.kind == "changed" else {})}


def _short(value, width: int = 60) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= width else text[: width - 3] + "..."


def _key_differences(before, after, key: str = "") -> list[tuple[str, object, object]]:
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for name in sorted(before.keys() | after.keys()):
            inner = f"{key}.{name}" if key else name
            found += _key_differences(before.get(name, _MISSING), after.get(name, _MISSING), inner)
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after)) for d in _key_differences(b, a, f"{key}[{i}]")]
    return [] if before == after else [(key, before, after)]


def compare_documents(before: dict[str, dict], after: dict[str, dict], before_folders: tuple[str, ...] = (),
                      after_folders: tuple[str, ...] = ()) -> list[Difference]:
    """Every difference between two synths' stacks (stack -> cdk.tf.json) once normalised."""
    differences = []
    for stack in sorted(before.keys() | after.keys()):
        if stack not in after or stack not in before:
            differences.append(Difference(stack, "", "", before.get(stack, _MISSING), after.get(stack, _MISSING)))
            continue
        old = addressed(normalise(before[stack], before_folders))
        new = addressed(normalise(after[stack], after_folders))
        for address in sorted(old.keys() | new.keys()):
            if address not in new or address not in old:
                differences.append(Difference(stack, address, "", old.get(address, _MISSING), new.get(address, _MISSING)))
                continue
            for key, was, now in _key_differences(old[address], new[address]):
                differences.append(Difference(stack, address, key, was, now))
    return differences


def mark_unstable(differences: list[Difference], rerun: list[Difference], before: dict[str, dict] | None = None,
                  after: dict[str, dict] | None = None) -> list[Difference]:
    """`differences` with those that `rerun` (the unmigrated project against itself) shows too marked
    unstable: the same key, or a whole block or stack that differs on its own. A stack whose block names
    differ between two synths of itself (a random or timestamped suffix in its construct ids) cannot be
    paired by address: its added and vanished blocks are unstable when each block type counts the same
    before and after."""
    varying = {(d.stack, d.address, d.key) for d in rerun}
    renaming = {d.stack for d in rerun if d.address and not d.key and d.kind != "changed"}

    def counts(documents: dict[str, dict] | None, stack: str) -> Counter:
        return Counter(address.rsplit(".", 1)[0] for address in addressed((documents or {}).get(stack, {}))
                       if "." in address)

    same_counts = {stack for stack in renaming if before is not None and counts(before, stack) == counts(after, stack)}

    def unstable(d: Difference) -> bool:
        if {(d.stack, "", ""), (d.stack, d.address, ""), (d.stack, d.address, d.key)} & varying:
            return True
        return d.stack in same_counts and bool(d.address) and not d.key and d.kind != "changed"

    return [replace(d, unstable=True) if unstable(d) else d for d in differences]


def _app_instability_marked(differences: list[Difference], root: Path, interpreter: str, timeout: float,
                            before: SynthResult, after: SynthResult) -> list[Difference]:
    """A difference may be the app's own (the clock, an archive zipped at synth time): when any is left, one
    more synth of the unmigrated project tells which, and those are marked unstable."""
    from fixer.verify import synth

    if not any(not d.metadata_only for d in differences):
        return differences
    again = synth(root, interpreter, timeout)
    if not again.synthesized:
        return differences
    return mark_unstable(differences, compare_documents(before.documents, again.documents, before.folders,
                                                        again.folders), normalise_all(before), normalise_all(after))


# --- the side-by-side verification ------------------------------------------------------------------


@dataclass
class MigrationVerification:
    before: SynthResult
    after: SynthResult
    differences: list[Difference] = field(default_factory=list)
    target_python: str = ""
    changed: frozenset[str] = frozenset()  # files the migration changed, relative to the project root

    @property
    def blocking(self) -> list[Difference]:
        """The differences that refuse the migration: all but the `//` metadata and what differs between two
        synths of the unmigrated project too."""
        return [d for d in self.differences if not d.metadata_only and not d.unstable]

    @property
    def allowed(self) -> bool:
        return self.before.synthesized and self.after.synthesized and not self.blocking

    BEFORE_FAILS = ("the project does not synthesize before the migration, so there is nothing to compare "
                    "(`cdktf-fixer verify` says why)")
    AFTER_FAILS = "the migrated project does not synthesize"
    DIFFERENCES = "in the synthesized stacks"

    @property
    def reason(self) -> str:
        if not self.before.synthesized:
            return self.BEFORE_FAILS
        if not self.after.synthesized:
            return self.AFTER_FAILS
        if self.blocking:
            count = len(self.blocking)
            return f"{count} difference{'s' * (count != 1)} {self.DIFFERENCES}"
        return ""

    def provider_upgrades(self) -> dict[str, tuple[str, str]]:
        """Terraform providers whose pinned version the migration changes: name -> (before, after)."""
        moves = {}
        for stack, document in self.before.documents.items():
            after = provider_versions(self.after.documents.get(stack, {}))
            for name, version in provider_versions(document).items():
                if name in after and after[name] != version:
                    moves[name] = (version, after[name])
        return moves

    def to_json(self) -> dict:
        return {
            "allowed": self.allowed, "reason": self.reason, "before": self.before.summary(),
            "after": self.after.summary(), "target_python": self.target_python,
            "differences": [d.to_json() for d in self.differences],
            "provider_versions": {name: list(pair) for name, pair in self.provider_upgrades().items()},
        }


_PROVIDER_IMPORT = re.compile(r"\bcdktn_provider_(\w+)")


def providers_imported(root: Path) -> set[str]:
    """The prebuilt cdktn providers a (migrated) project's Python files import: `aws`, `google-beta`."""
    from fixer.discovery import ALWAYS_SKIPPED

    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ALWAYS_SKIPPED and d != "imports"]
        for name in files:
            if name.endswith(".py"):
                text = (Path(folder) / name).read_text(encoding="utf-8", errors="replace")
                found.update(m.group(1).split(".")[0].replace("_", "-") for m in _PROVIDER_IMPORT.finditer(text))
    return found


def environments_dir() -> Path:
    from fixer.providers import cache_dir

    return cache_dir() / "environments"


def target_environment(requirements: list[str], base_python: str | None = None, timeout: float = 1800,
                       family: str = "cdktn") -> str:
    """The interpreter of a virtualenv holding exactly `requirements`, built with pip on first use under the
    cache folder (keyed by the requirements and the Python version) and reused afterwards. Several
    processes asking at once build it once: the first holds a lock, the others wait for it."""
    base = base_python or sys.executable
    version = subprocess.run([base, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True,
                             text=True, check=False).stdout.strip()
    if not re.fullmatch(r"\d+\.\d+", version):
        raise TargetEnvironmentError(f"cannot run {base!r} to build the target environment")
    if family == "cdktn" and tuple(int(n) for n in version.split(".")) < (3, 10):
        raise TargetEnvironmentError(f"the cdktn packages need Python 3.10 or newer; {base} is {version} "
                                     "(give --target-python)")
    key = hashlib.sha256("\n".join([version, *sorted(requirements)]).encode()).hexdigest()[:16]
    folder = environments_dir() / f"{family}-py{version}-{key}"
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    marker = folder / "cdktf-fixer-environment.json"
    if marker.is_file() and python.is_file():
        return str(python)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(folder.with_name(folder.name + ".lock")):
        if marker.is_file() and python.is_file():  # built while we waited
            return str(python)
        shutil.rmtree(folder, ignore_errors=True)  # a build that was interrupted
        try:
            _checked([base, "-m", "venv", str(folder)], timeout)
            _checked([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet",
                      *requirements], timeout)
        except TargetEnvironmentError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        marker.write_text(json.dumps({"requirements": requirements, "python": version}, indent=2) + "\n",
                          encoding="utf-8")
    return str(python)


def _checked(command: list[str], timeout: float) -> None:
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise TargetEnvironmentError(f"building the target environment timed out: {' '.join(command)}") from exc
    if run.returncode:
        lines = [line for line in (run.stderr or run.stdout).splitlines() if line.strip()]
        raise TargetEnvironmentError(f"building the target environment failed ({' '.join(command[:4])} ...): "
                                     + (lines[-1].strip() if lines else f"exit {run.returncode}"))


class _locked:
    """An exclusive lock on a file, held for the `with` block (no lock where fcntl is missing)."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.handle = open(self.path, "a+", encoding="utf-8")
        try:
            import fcntl

            fcntl.flock(self.handle, fcntl.LOCK_EX)
        except ImportError:
            pass
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()  # releases the lock


def verify_migration(root: Path, select: list[str] | None, ignore: list[str] | None, allow_partial: bool,
                     python: str | None = None, target_python: str | None = None,
                     timeout: float = 300) -> MigrationVerification:
    """Synthesize the project as it is and a migrated copy of it with the target packages, side by side,
    and compare their stacks; nothing in `root` changes."""
    from concurrent.futures import ThreadPoolExecutor

    from fixer import engine
    from fixer.cdktn import target_requirements
    from fixer.plan import make_plan
    from fixer.verify import app_command, copy_project, default_python, synth

    root = root.resolve()
    interpreter = python or default_python(root)
    app_command(root)  # fail early, before copying, when there is nothing to run
    with tempfile.TemporaryDirectory(prefix="cdktf-fixer-migrate-") as scratch:
        migrated = copy_project(root, Path(scratch))
        plan = make_plan([migrated], select, ignore, "fix", allow_partial, config_boundary=migrated, pack="migrate",
                         unsafe_options=frozenset({"--allow-partial"}))
        results = engine.run(plan.files, plan.roots, plan.options, jobs=1)
        changed = frozenset(Path(r.path).resolve().relative_to(migrated.resolve()).as_posix()
                            for r in results if r.changed)
        with ThreadPoolExecutor(max_workers=2) as pool:
            before = pool.submit(synth, root, interpreter, timeout)  # meanwhile the target environment is found
            target = target_python or target_environment(target_requirements(providers_imported(migrated)))
            after = pool.submit(synth, migrated, target, timeout)
            before_result, after_result = before.result(), after.result()
    differences = []
    if before_result.synthesized and after_result.synthesized:
        differences = compare_documents(before_result.documents, after_result.documents, before_result.folders,
                                        after_result.folders)
        differences = _app_instability_marked(differences, root, interpreter, timeout, before_result, after_result)
    return MigrationVerification(before_result, after_result, differences, target, changed)


# --- an upgrade from an old cdktf core and provider line: the same proof, paired by construct path ----------

_PACKAGES = re.compile(r"^(cdktf|constructs|cdktf-cdktf-provider-[a-z0-9-]+)$")


def pinned_requirements(root: Path) -> list[str]:
    """The core, constructs and prebuilt provider requirements the project's files declare, as pip takes them."""
    from fixer.pins import project_pins

    return sorted(f"{name}{pin.specifier}" for name, pin in project_pins(root).items() if _PACKAGES.match(name))


@dataclass
class UpgradeVerification(MigrationVerification):
    """The same proof with the blocks paired by construct path first: `differences` are what is left once the
    changed addresses are renamed."""
    addresses: object = None  # fixer.addresses.AddressReport once both synthesized
    python: str = ""
    kept: dict[str, str] = field(default_factory=dict)  # --keep-addresses: files to write (relative path -> text)

    BEFORE_FAILS = "the project does not synthesize with its own versions, so there is nothing to compare"
    AFTER_FAILS = "the upgraded project does not synthesize"
    DIFFERENCES = "beyond the changed addresses"

    def to_json(self) -> dict:
        return {"allowed": self.allowed, "reason": self.reason, "before": self.before.summary(),
                "after": self.after.summary(), "python": self.python, "target_python": self.target_python,
                **(self.addresses.to_json() if self.addresses else {})}


def verify_upgrade(root: Path, select: list[str] | None, ignore: list[str] | None, pack: str,
                   python: str | None = None, target_python: str | None = None,
                   timeout: float = 300, recipes: list[str] | None = None,
                   keep_addresses: bool = False, unsafe_fixes: bool = False) -> UpgradeVerification:
    """Synthesize the project with its own (old) versions and an upgraded copy with the versions the upgrade
    declares, pair their blocks by construct path and say which addresses changed and what else did."""
    from fixer import engine
    from fixer.addresses import address_report
    from fixer.plan import make_plan
    from fixer.verify import app_command, copy_project, synth

    root = root.resolve()
    app_command(root)
    own = root / (".venv/Scripts/python.exe" if os.name == "nt" else ".venv/bin/python")
    if python is None and not own.is_file():
        requirements = pinned_requirements(root)
        if not any(r.startswith("cdktf") and not r.startswith("cdktf-") for r in requirements):
            raise TargetEnvironmentError("the project pins no cdktf version to build its environment from: "
                                         "give --python (an interpreter with its packages)")
        python = target_environment(requirements, family="cdktf")
    interpreter = python or str(own)
    with tempfile.TemporaryDirectory(prefix="cdktf-fixer-upgrade-") as scratch:
        upgraded = copy_project(root, Path(scratch))
        plan = make_plan([upgraded], select, ignore, "fix", unsafe_fixes, config_boundary=upgraded, pack=pack)
        results = engine.run(plan.files, plan.roots, plan.options, jobs=1)
        if recipes:  # the fix pack's rules for what the new line changed, reading the pins the upgrade wrote
            from fixer.pins import lock_files_ignored

            with lock_files_ignored():  # as `migrate --to cdktf` runs them: the locks wait to be re-locked
                plan = make_plan([upgraded], recipes, None, "fix", unsafe_fixes, config_boundary=upgraded)
                results += engine.run(plan.files, plan.roots, plan.options, jobs=1)
        changed = frozenset(Path(r.path).resolve().relative_to(upgraded.resolve()).as_posix()
                            for r in results if r.changed)
        target = target_python or target_environment(pinned_requirements(upgraded), family="cdktf")
        before_result = synth(root, interpreter, timeout)
        kept: dict[str, str] = {}
        if keep_addresses and before_result.synthesized:
            kept = _keep_addresses(upgraded, before_result.documents)
        after_result = synth(upgraded, target, timeout)
    report = None
    if before_result.synthesized and after_result.synthesized:
        report = address_report(before_result.documents, after_result.documents, before_result.folders,
                                after_result.folders)
        report.differences = _app_instability_marked(report.differences, root, interpreter, timeout, before_result,
                                                     after_result)
    return UpgradeVerification(before_result, after_result, report.differences if report else [], target, changed,
                               addresses=report, python=interpreter, kept=kept)


def _keep_addresses(upgraded: Path, before: dict[str, dict]) -> dict[str, str]:
    """Give every stack class of the upgraded copy the old logical ids (the module they ask, and the method
    that asks it); return the files written (relative path -> text) for the project."""
    from fixer.addresses import (
        KEEP_MODULE,
        keep_in_stack_classes,
        kept_addresses_module,
        logical_ids_by_path,
    )
    from fixer.discovery import iter_python_files
    from fixer.verify import VerifyError

    files: dict[str, str] = {}
    for path in iter_python_files(upgraded):
        if path.name == f"{KEEP_MODULE}.py":
            continue
        source = path.read_bytes().decode("utf-8")  # as written: its line endings are kept
        if "TerraformStack" not in source:
            continue
        kept, refused = keep_in_stack_classes(source)
        if refused:
            raise VerifyError(f"--keep-addresses: {', '.join(refused)} in {path.relative_to(upgraded)} allocate "
                              "their own logical ids; keep the old ones there by hand")
        if kept != source:
            files[path.relative_to(upgraded).as_posix()] = kept
    if not files:
        raise VerifyError("--keep-addresses: no class deriving from TerraformStack to give the old logical ids")
    files[f"{KEEP_MODULE}.py"] = kept_addresses_module(logical_ids_by_path(before))
    for relative, text in files.items():
        (upgraded / relative).write_bytes(text.encode("utf-8"))
    return files


# --- what the provider API comparison found, per project ---------------------------------------------

_IMPORTED_PROVIDER = re.compile(r"^\s*(?:from|import)\s+(?:cdktf_cdktf_provider_|cdktn_provider_)(\w+)", re.MULTILINE)


def providers_used(root: Path) -> set[str]:
    """The prebuilt providers a project's Python files import, in either spelling (`aws`, `google-beta`)."""
    from fixer import cdktn
    from fixer.discovery import iter_python_files

    found = set()
    for path in iter_python_files(root):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "_provider_" in text:
            found.update(cdktn.normalize(name.split(".")[0]) for name in _IMPORTED_PROVIDER.findall(text))
    return found


def api_change_summaries(project: dict, root: Path, findings_by_code: dict[str, int]) -> list[dict]:
    """For each prebuilt provider the project imports that has a cdktn package: the versions compared, how
    many API changes lie between them and how many of those the project uses (its CTM005 findings), so a
    project that uses none is told so. `project` is the run's entry for it (`providers`: the versions the
    rules answer from); `findings_by_code` counts the project's findings left and fixed."""
    from fixer import cdktn
    from fixer.providers.changes import shipped

    answering = {row["distribution"]: row["version"] for row in project.get("providers", [])}
    summaries = []
    for provider in sorted(providers_used(root)):
        if not cdktn.has_cdktn_package(provider):
            continue
        source = cdktn.PROVIDER_DISTRIBUTION_PREFIX + provider
        target = cdktn.NEW_PROVIDER_DISTRIBUTION_PREFIX + provider
        version = answering.get(source)
        comparison = shipped(source, version, target) if version else None
        summaries.append({
            "provider": provider,
            "from": {"distribution": source, "version": version},
            "to": comparison.target if comparison else {"distribution": target,
                                                        "version": cdktn.provider_version(provider)},
            "changes": len(comparison.changes) if comparison else None,
            "uses": findings_by_code.get("CTM005", 0) if comparison else None,
        })
    return summaries


def describe_api_changes(summary: dict) -> str:
    """`aws: none of the 13 API changes between cdktf-cdktf-provider-aws 21.22.1 and cdktn-provider-aws
    25.8.1 is used`, or how many uses there are, or that no comparison ships for that version."""
    source, target = summary["from"], summary["to"]
    between = (f"between {source['distribution']} {source['version']} and "
               f"{target['distribution']} {target['version']}")
    if summary["changes"] is None:
        known = f" {source['version']}" if source["version"] else ""
        return (f"{summary['provider']}: no comparison of {source['distribution']}{known} with "
                f"{target['distribution']} {target['version']} ships with cdktf-fixer: its API changes are not checked")
    count, uses = summary["changes"], summary["uses"]
    changes = f"{count} API change{'s' * (count != 1)}"
    if not uses:
        return f"{summary['provider']}: none of the {changes} {between} is used"
    return f"{summary['provider']}: {uses} use{'s' * (uses != 1)} of the {changes} {between} (CTM005)"
