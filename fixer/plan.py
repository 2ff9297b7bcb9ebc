"""What one run will do, worked out from the command line and `[tool.cdktf-fixer]`: the rules, the
engine options, the files and each file's project root. Shared by `check`/`fix` and `batch`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixer import config as config_module
from fixer import discovery, selection
from fixer.project import assign_roots
from fixer.types import Applicability

if TYPE_CHECKING:
    from fixer import engine
    from fixer.rule import RuleDeclaration

MODES = ("check", "fix", "diff")


class PlanError(ValueError):
    """A usage or configuration error: the run cannot start."""


@dataclass
class Plan:
    rules: list[type[RuleDeclaration]]
    options: engine.Options
    files: list[Path]
    roots: dict[Path, Path]
    config: config_module.Config
    warnings: list[str] = field(default_factory=list)


@dataclass
class Survey:
    """What a run looks at, worked out without importing any rule (nor LibCST): the selected rules (the
    rule classes or the rule index's entries, whichever it was given), the per-file ignores, the files and
    each file's project root. `make_plan` builds on it; so does a run that screens files first (fixer.fast)."""

    rules: list[Any]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    files: list[Path]
    roots: dict[Path, Path]
    config: config_module.Config
    warnings: list[str]


def split_codes(values: list[str] | None) -> list[str]:
    """`--select A,B --select C` -> [A, B, C]."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def applied(mode: str, unsafe_fixes: bool) -> frozenset[Applicability]:
    """The fixes a mode applies: none for `check`; safe ones, and with --unsafe-fixes unsafe ones, otherwise."""
    if mode not in ("fix", "diff"):
        return frozenset()
    return frozenset({Applicability.SAFE, Applicability.UNSAFE} if unsafe_fixes else {Applicability.SAFE})


def survey(
    paths: list[Path],
    select: list[str] | None,
    ignore: list[str] | None,
    pack: str,
    every: Sequence[Any],
    is_file_rule: Callable[[Any], bool],
    config_boundary: Path | None = None,
    force_exclude: bool = False,
) -> Survey:
    """`every`: each rule of `pack` (classes or index entries, in code order); `is_file_rule` tells the
    project file rules among them, whose files discovery collects too. `[tool.cdktf-fixer]`'s select,
    ignore and per-file-ignores name rules of the `fix` pack, so another pack takes only its `exclude` from
    there."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise PlanError(f"no such file or folder: {', '.join(missing)}")
    try:
        config = config_module.load(paths[0], config_boundary)
        own = pack == "fix"
        rules = selection.select(every, split_codes(select) or (config.select if own else None),
                                 [*(config.ignore if own else []), *split_codes(ignore)])
        per_file = tuple(
            (pattern, tuple(selection.validate_selector(every, c) for c in codes))
            for pattern, codes in config.per_file_ignores.items()
        ) if own else ()
    except (config_module.ConfigError, selection.UnknownRuleError) as exc:
        raise PlanError(str(exc)) from exc
    walk = discovery.Walk()
    file_rules = [r for r in rules if is_file_rule(r)]
    also = (lambda name: any(r.reads(name) for r in file_rules)) if file_rules else None
    files = discovery.collect(paths, config.exclude_spec(), config.base, walk, force_exclude, also)
    warnings = [] if files else [discovery.nothing_found_warning(paths, walk)]
    return Survey(rules, per_file, files, assign_roots(paths, files), config, warnings)


def make_plan(
    paths: list[Path],
    select: list[str] | None,
    ignore: list[str] | None,
    mode: str,
    unsafe_fixes: bool,
    verbose: bool = False,
    config_boundary: Path | None = None,
    force_exclude: bool = False,
    pack: str = "fix",
    max_file_size: int | None = None,
    unsafe_options: frozenset[str] | None = None,
    surveyed: Survey | None = None,
) -> Plan:
    """`pack` names the rules' pack (`fix` for check/fix, `migrate` for migrate); see `survey`.
    `unsafe_options` narrows `unsafe_fixes` to the rules those options enable (`migrate --allow-partial`
    without `--unsafe-fixes`); None applies every selected rule's unsafe fixes. `surveyed`: the survey of
    these same arguments over the rule index (fixer.fast made it): its files are not discovered again."""
    # the rules and LibCST, imported by the runs that need them
    from fixer import engine, registry
    from fixer.rule import ProjectFileRule

    assert mode in MODES, mode
    if surveyed is None:
        found = survey(paths, select, ignore, pack, registry.all_rules(pack), lambda r: issubclass(r, ProjectFileRule),
                       config_boundary, force_exclude)
    else:  # the same selection, by code, as the rule classes
        codes = {entry.code for entry in surveyed.rules}
        found = replace(surveyed, rules=[rule for rule in registry.all_rules(pack) if rule.code in codes])
    options = engine.Options(
        rules=tuple(found.rules),
        apply=applied(mode, unsafe_fixes),
        unsafe_options=unsafe_options,
        write=mode == "fix",
        keep_text=mode == "diff",
        verbose=verbose,
        per_file_ignores=found.per_file_ignores,
        config_dir=str(found.config.base),
        **({"max_file_size": max_file_size} if max_file_size is not None else {}),
    )
    return Plan(found.rules, options, found.files, found.roots, found.config, found.warnings)
