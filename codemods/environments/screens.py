"""The environment rules' (CTC) cheap tests before parsing: no LibCST here, so a run can screen files
before importing any rule (see `fixer.screening`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fixer.providers import PROVIDERS, packages_of
from fixer.screening import python_screen

if TYPE_CHECKING:
    from fixer.project import ProjectContext

# The account field of an ARN (`arn:aws:iam::123456789012:root`).
ARN_ACCOUNT = re.compile(r"(arn:aws[\w-]*:[\w-]*:[\w-]*:)(\d{12})(?=:)")
# A region, not an availability zone (`us-east-1a`) nor part of a longer word.
REGION = re.compile(r"(?<![a-z0-9-])(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:north|south|east|west|central|"
                    r"northeast|northwest|southeast|southwest)-\d(?![a-z0-9])")


def hardcoded_account_id(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTC002: an ARN with an account id in it."""
    return python_screen(rule, text, project, path) and ARN_ACCOUNT.search(text) is not None


def hardcoded_region(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTC003: a region name."""
    return python_screen(rule, text, project, path) and REGION.search(text) is not None


# The import names of the providers the environment rules know, in either spelling.
PROVIDER_PACKAGES = tuple(package for spec in PROVIDERS for package in packages_of(spec))


def suffix_names(rule: Any, text: str, project: ProjectContext, path: str) -> bool:
    """CTC001: the suffix is named, and the file imports from a provider the rule knows (its resources are
    what it judges; a file that only reads the suffix, such as the entry, has none)."""
    return python_screen(rule, text, project, path) and any(package in text for package in PROVIDER_PACKAGES)
