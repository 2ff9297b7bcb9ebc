"""CTM003: dependency declarations move to cdktn, cdktn-provider-<x> and a compatible constructs range."""

from __future__ import annotations

import re

from codemods.migrate_cdktn.helpers import PARTIAL_OPTION, migration_fix, partial_note
from fixer import cdktn
from fixer.dependency_files import NAME, DependencyFileRule
from fixer.types import Applicability, Example, FixAvailability


def replacement(requirement: str) -> str | None:
    """The requirement as CDK Terrain needs it (`cdktf==0.21.0` -> `cdktn>=0.24,<0.25`), extras and
    environment markers kept; None when it does not change."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(requirement)
    except InvalidRequirement:
        return None
    if parsed.url:
        return None
    name = cdktn.normalize(parsed.name)
    if name == cdktn.CONSTRUCTS:
        if cdktn.constructs_compatible(str(parsed.specifier)):
            return None
        new_name, specifier = parsed.name, cdktn.target().constructs_range
    else:
        moved = cdktn.new_requirement(name)
        if moved is None:
            return None
        new_name, specifier = moved
    extras = f"[{','.join(sorted(parsed.extras))}]" if parsed.extras else ""
    head, semicolon, tail = requirement.partition(";")
    marker = head[len(head.rstrip()):] + semicolon + tail if semicolon else ""  # as written
    return f"{new_name}{extras}{specifier}{marker}"


class DependencyDeclarations(DependencyFileRule):
    """
    ## What it does
    Moves the project's dependency declarations to CDK Terrain: `cdktf` becomes `cdktn` and
    `cdktf-cdktf-provider-<x>` becomes `cdktn-provider-<x>`, each with the version range of the newest line
    (`cdktn>=0.24,<0.25`, `cdktn-provider-aws>=25.8,<26`), and a `constructs` range that admits no release
    the cdktn line accepts becomes `>=10.6,<10.8`. It edits `requirements*.txt` line by line (comments,
    extras, environment markers and every other line kept), `Pipfile` and `pyproject.toml` (PEP 621
    `dependencies` and `optional-dependencies`, `dependency-groups`, Poetry's `dependencies` and groups),
    keeping the files' layout and comments.

    Reported, never edited: a provider without a cdktn package (generate it with `cdktn get`), lock files
    (Pipfile.lock, poetry.lock, uv.lock) that still pin cdktf packages and must be re-locked, and
    requirements files compiled with `--hash` (regenerate them).

    ## Why is this bad?
    Code migrated to `cdktn` fails at import (`ModuleNotFoundError: No module named 'cdktn'`) while the
    project still installs `cdktf`; and cdktn 0.24's providers require `constructs>=10.6,<10.8`, which the
    `constructs==10.8.1` that cdktf projects often pin refuses to resolve.

    ## Fix safety
    Safe when the whole project can move; unsafe (`migrate --allow-partial`) while a provider it uses has
    no cdktn package. Version ranges are those of the newest cdktn line: check the provider's changelog
    when moving across major versions.

    ## Options
    None.
    """

    code = "CTM003"
    name = "dependency-declarations"
    summary = "Dependency on cdktf packages: CDK Terrain's are `cdktn` and `cdktn-provider-<name>`"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    unsafe_option = PARTIAL_OPTION
    markers = ("cdktf", "constructs")

    INVALID = (
        Example(
            "cdktf==0.21.0  # the core\ncdktf-cdktf-provider-aws==21.22.1\nconstructs==10.8.1\nboto3\n",
            "cdktn>=0.24,<0.25  # the core\ncdktn-provider-aws>=25.8,<26\nconstructs>=10.6,<10.8\nboto3\n",
            path="requirements.txt",
        ),
    )

    # --- findings common to every format ---------------------------------------------------------------

    def replacement(self, requirement: str) -> str | None:
        return replacement(requirement)

    def judge(self, line: int, column: int, old: str, new: str | None) -> bool:
        """Report one declaration; True when its rewrite is to be applied."""
        project = self.context.project
        provider = cdktn.provider_of_distribution(NAME.match(old).group(0)) if NAME.match(old) else None
        if new is None:
            if provider is not None and not cdktn.has_cdktn_package(provider):
                self.report_at(line, column, f"`{old}`: the {provider} provider has no prebuilt CDK Terrain package; "
                               f"generate it with `cdktn get` and drop this dependency; until then `migrate` leaves the "
                               f"project unchanged (--allow-partial migrates the rest)")
            return False
        fix = migration_fix(project)
        note = partial_note(project) if fix is Applicability.UNSAFE else ""
        return self.report_at(line, column, f"`{old}` is `{new}` for CDK Terrain{note}", fix)

    def lock_file(self, text: str, command: str) -> None:
        match = re.search(r"cdktf[-_.]cdktf[-_.]provider|\bcdktf\b", text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            self.report_at(line, 1, f"lock file pins cdktf packages: re-lock after the migration (`{command}`); "
                           "it is never edited here")
