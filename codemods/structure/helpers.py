"""What the structure rules (CTA) conclude about a whole project from its facts: which stacks are really
children, which main stack needs an `environment_suffix`, which classes callers must pass `construct_id=`.
Each is computed once per project (`ProjectContext.derived`) and shared by every file's rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fixer.paths import resolved
from fixer.project import SUFFIX, ProjectContext, Site, takes_construct_id


def child_stacks(project: ProjectContext) -> frozenset[str]:
    """Project classes deriving directly from TerraformStack that are only ever created inside another
    stack or construct, never with an App as scope: in CDKTF they must be Constructs."""
    return project.derived("structure.child_stacks", _child_stacks)


def _child_stacks(project: ProjectContext) -> frozenset[str]:
    found = set()
    for name, infos in project.classes.items():
        if len(infos) != 1 or "TerraformStack" not in infos[0].bases:
            continue
        if any(call.endswith("Provider") for call, _ in infos[0].provider_calls):
            # A nested stack with a provider of its own synthesizes as a separate configuration, and
            # projects deploy it that way: converting it would only move its state.
            continue
        sites = project.sites_of(name)
        if sites and all(project.is_child_site(s) for s in sites):
            found.add(name)
    return frozenset(found)


def is_child_class(project: ProjectContext, name: str) -> bool:
    """A project construct that belongs inside a stack: a Construct subclass, or a child stack."""
    return name in project.construct_class_names and (name in child_stacks(project) or not project.is_stack_class(name))


@dataclass(frozen=True)
class SuffixPlan:
    main: str
    path: Path  # file defining the main stack
    children: list[Site]  # calls inside main.__init__ that omit a suffix the child requires
    reads_suffix: bool  # main.__init__ reads `environment_suffix` without binding it (NameError at synth)
    calls: list[Site]  # calls of the main stack that do not pass one
    conflict: bool  # a call passes positional arguments where the new parameter would go
    insert_at: int  # index in __init__'s parameters (counting self) for the new parameter


def suffix_plans(project: ProjectContext) -> dict[str, SuffixPlan]:
    """Main stacks whose body or children need an environment suffix the stack does not take."""
    return project.derived("structure.suffix_plans", _suffix_plans)


def _suffix_plans(project: ProjectContext) -> dict[str, SuffixPlan]:
    plans = {}
    for main in sorted(project.main_stacks):
        info = project.class_info(main)
        if info is None or info.init_params is None or SUFFIX in info.init_params or info.defines_suffix:
            continue
        children = [
            s for s in project.sites
            if s.enclosing_class == main and s.enclosing_function == "__init__" and _needs_suffix(project, s)
        ]
        if not children and not info.reads_suffix:
            continue
        # keyword-only parameters (`*, region=...`) are no place for a positional one: counting them put
        # the new parameter past the end of the positional ones (IndexError) or after a default (SyntaxError)
        positional = [p for p in info.init_params[: len(info.init_params) - info.init_kwonly] if p != "self"]
        required = len(positional) - info.init_defaults
        calls = [s for s in project.sites_of(main) if SUFFIX not in s.keywords]
        conflict = any(s.positional > required for s in calls)
        plans[main] = SuffixPlan(main, info.path, children, info.reads_suffix, calls, conflict, insert_at=required + 1)
    return plans


def plans_here(project: ProjectContext, path: str) -> dict[str, SuffixPlan]:
    """The plans whose main stack this file defines, by class name."""
    here = resolved(path)
    return {name: plan for name, plan in suffix_plans(project).items() if resolved(plan.path) == here}


def calls_here(project: ProjectContext, path: str) -> dict[tuple[str, int], tuple[SuffixPlan, bool]]:
    """(callee, line) -> (plan, is a child call) for the calls in this file that a plan names."""
    here = set(project.sites_in(path))
    found: dict[tuple[str, int], tuple[SuffixPlan, bool]] = {}
    for plan in suffix_plans(project).values():
        for site in plan.children:
            if site in here:
                found[(site.callee, site.line)] = (plan, True)
        for site in plan.calls:
            if site in here:
                found.setdefault((site.callee, site.line), (plan, False))
    return found


def children_from_scope(project: ProjectContext, path: str) -> bool:
    """Whether this file creates a project construct that belongs inside a stack with the `scope` of the
    `__init__` it stands in (CTA002's findings)."""
    return any(
        s.first == "scope" and project.is_child_site(s) and is_child_class(project, s.callee)
        for s in project.sites_in(path)
    )


def _needs_suffix(project: ProjectContext, site: Site) -> bool:
    info = project.class_info(site.callee)
    if info is None or info.init_params is None or SUFFIX not in info.init_params:
        return False
    position = info.init_params.index(SUFFIX)  # counting `self`
    return SUFFIX not in site.keywords and site.positional < position


def construct_id_keyword_target(project: ProjectContext, class_name: str) -> bool:
    """True when calls `class_name(..., id=...)` must say `construct_id=`: every project class of that
    name is a construct whose __init__ takes (or, once fixed, will take) `construct_id` and not `id`."""
    infos = project.classes.get(class_name)
    if not infos or class_name not in project.construct_class_names:
        return False
    # an inherited __init__ (params None): the parent's signature decides; too indirect to rewrite
    return all(
        info.init_params is not None and takes_construct_id(info.init_params, info.construct_id_taken)
        for info in infos
    )
