"""What one run will do, worked out from the command line and `[tool.cdktf-fixer]`: the rules, the
engine options, the files and each file's project root. Shared by `check`/`fix` and `batch`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fixer import config as config_module
from fixer import discovery, engine, registry
from fixer.project import assign_roots
from fixer.rule import ProjectFileRule, RuleDeclaration
from fixer.types import Applicability

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


def split_codes(values: list[str] | None) -> list[str]:
    """`--select A,B --select C` -> [A, B, C]."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


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
) -> Plan:
    """`pack` names the rules' pack (`fix` for check/fix, `migrate` for migrate). `[tool.cdktf-fixer]`'s
    select, ignore and per-file-ignores name rules of the `fix` pack, so another pack takes only its
    `exclude` from there. `unsafe_options` narrows `unsafe_fixes` to the rules those options enable
    (`migrate --allow-partial` without `--unsafe-fixes`); None applies every selected rule's unsafe fixes."""
    assert mode in MODES, mode
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise PlanError(f"no such file or folder: {', '.join(missing)}")
    try:
        config = config_module.load(paths[0], config_boundary)
        own = pack == "fix"
        rules = registry.select_rules(split_codes(select) or (config.select if own else None),
                                      [*(config.ignore if own else []), *split_codes(ignore)], pack)
        per_file = tuple(
            (pattern, tuple(registry.validate_selector(c) for c in codes))
            for pattern, codes in config.per_file_ignores.items()
        ) if own else ()
    except (config_module.ConfigError, registry.UnknownRuleError) as exc:
        raise PlanError(str(exc)) from exc
    walk = discovery.Walk()
    file_rules = [r for r in rules if issubclass(r, ProjectFileRule)]
    also = (lambda name: any(r.reads(name) for r in file_rules)) if file_rules else None
    files = discovery.collect(paths, config.exclude_spec(), config.base, walk, force_exclude, also)
    warnings = [] if files else [discovery.nothing_found_warning(paths, walk)]
    apply: frozenset[Applicability] = frozenset()
    if mode in ("fix", "diff"):
        apply = frozenset({Applicability.SAFE, Applicability.UNSAFE} if unsafe_fixes else {Applicability.SAFE})
    options = engine.Options(
        rules=tuple(rules),
        apply=apply,
        unsafe_options=unsafe_options,
        write=mode == "fix",
        keep_text=mode == "diff",
        verbose=verbose,
        per_file_ignores=per_file,
        config_dir=str(config.base),
        **({"max_file_size": max_file_size} if max_file_size is not None else {}),
    )
    return Plan(rules, options, files, assign_roots(paths, files), config, warnings)
