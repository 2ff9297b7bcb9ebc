"""The structure rules' (CTA) cheap tests before parsing, from the project facts: no LibCST here, so a run
can screen files before importing any rule (see `fixer.screening`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from codemods.structure.helpers import (
    calls_here,
    child_stacks,
    children_from_scope,
    plans_here,
)

if TYPE_CHECKING:
    from fixer.project import ProjectContext

# `id` as a parameter or keyword (`, id:` `, id)` `(id=`), not the everywhere-present `x.id`
ID_PARAMETER_OR_KEYWORD = re.compile(r"[(,]\s*id\s*[:,)=]")


def child_stack_to_construct(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTA001: the file defines a stack that is only ever created inside another stack."""
    return "TerraformStack" in text and any(c.name in child_stacks(project) for c in project.classes_in(path))


def scope_to_self(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTA002: the file creates a child construct with its `__init__`'s `scope`."""
    return children_from_scope(project, path)


def construct_id_parameter(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTA003: the file defines a construct taking `id` or calls one with `id=`."""
    # the project facts say whether this file defines a construct taking `id` or calls one with `id=`
    # (dictionary look-ups, so they come before any scan of the text)
    defines = any(
        c.init_params and "id" in c.init_params and project.is_construct_class(c.name) for c in project.classes_in(path)
    )
    calls = any(
        "id" in s.keywords and (s.callee in project.construct_class_names or s.callee == "__init__")
        for s in project.sites_in(path)
    )
    return (defines or calls) and bool(ID_PARAMETER_OR_KEYWORD.search(text))


def environment_suffix(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTA004: the file defines a main stack that needs `environment_suffix`, or makes a call a plan names."""
    return bool(plans_here(project, path) or calls_here(project, path))
