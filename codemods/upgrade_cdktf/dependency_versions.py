"""CTU003: dependency declarations of a stranded project move to the last CDKTF line's versions."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path, PurePath

from codemods.upgrade_cdktf.helpers import imported_providers, unreadable_releases
from fixer.dependency_files import NAME, DependencyFileRule
from fixer.pins import normalize
from fixer.providers import releases
from fixer.types import Applicability, Example, FixAvailability


def _admits(specifier: str, version: str) -> bool:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        return SpecifierSet(specifier).contains(version, prereleases=True)
    except InvalidSpecifier:
        return True  # a specifier we cannot read is not ours to judge


def _constructs_compatible(specifier: str) -> bool:
    """Whether a `constructs` specifier admits a release cdktf 0.21 accepts (>=10.4.2,<11)."""
    candidates = [f"10.{minor}.{patch}" for minor in range(4, 10) for patch in range(10)]
    return any(_admits(specifier, v) and _admits(releases.CONSTRUCTS_RANGE, v) for v in candidates)


def replacement(requirement: str) -> str | None:
    """The requirement on the last CDKTF line (`cdktf~=0.12.3` -> `cdktf>=0.21,<0.22`,
    `cdktf-cdktf-provider-aws==9.0.52` -> `cdktf-cdktf-provider-aws>=21.22,<22`), extras and environment
    markers kept; None when it already admits the target release (or is no CDKTF package)."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(requirement)
    except InvalidRequirement:
        return None
    if parsed.url:
        return None
    name = normalize(parsed.name)
    specifier = str(parsed.specifier)
    if name == releases.CONSTRUCTS:
        if _constructs_compatible(specifier):
            return None
        new_range = releases.CONSTRUCTS_RANGE
    else:
        target = releases.CORE_TARGET if name == releases.CORE else releases.PROVIDER_TARGETS.get(name)
        if target is None or _admits(specifier, target.version):
            return None
        new_range = target.range
    extras = f"[{','.join(sorted(parsed.extras))}]" if parsed.extras else ""
    head, semicolon, tail = requirement.partition(";")
    marker = head[len(head.rstrip()):] + semicolon + tail if semicolon else ""  # as written
    return f"{parsed.name}{extras}{new_range}{marker}"


class DependencyVersions(DependencyFileRule):
    """
    ## What it does
    In a project on an old CDKTF line (cdktf 0.9-0.20, or a prebuilt provider older than the target's
    major version), moves the dependency declarations to the last CDKTF line: `cdktf` to `>=0.21,<0.22`,
    `cdktf-cdktf-provider-aws` to `>=21.22,<22`, `cdktf-cdktf-provider-random` to `>=12.0,<13`, and a
    `constructs` range that admits no release cdktf 0.21 accepts to `>=10.4.2,<11`. It edits
    `requirements*.txt`, `Pipfile` and `pyproject.toml` (PEP 621 and Poetry), keeping their layout and
    comments; a declaration that already admits the target release (`cdktf = "*"`) is left.

    Reported, not edited, while the classes of an old release the project uses cannot be read (no network
    to download it, a version that does not exist): its code cannot be moved yet. Reported, never edited:
    lock files (Pipfile.lock, poetry.lock, uv.lock), to re-lock; a provider the code imports that
    Pipfile.lock alone pins (re-locking would drop it); requirements compiled with `--hash`, to
    regenerate; a prebuilt provider cdktf-fixer knows no target release for, whose release built on
    cdktf 0.21 you choose.

    ## Why is this bad?
    The upgraded code imports each class from its own module (`cdktf_cdktf_provider_aws.instance`), which
    the old releases do not have: it fails at import while the project still installs them. The prebuilt
    providers of the last line require `cdktf>=0.21.0,<0.22.0` and `constructs>=10.4.2,<11`.

    ## Fix safety
    Safe. The ranges are those of the last CDKTF line: read the provider's changelog across major versions
    (some resource arguments changed too).

    ## Options
    None.
    """

    code = "CTU003"
    name = "dependency-versions"
    summary = "Dependency on an old CDKTF line: the last line is cdktf 0.21 with its prebuilt providers"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("cdktf", "constructs")

    INVALID = (
        Example(
            "cdktf~=0.12.3  # the core\ncdktf-cdktf-provider-aws==9.0.52\nconstructs==10.1.131\nboto3\n",
            "cdktf>=0.21,<0.22  # the core\ncdktf-cdktf-provider-aws>=21.22,<22\nconstructs>=10.4.2,<11\nboto3\n",
            path="requirements.txt",
        ),
    )

    def fix(self, text: str) -> str:
        if not releases.stranded(self.context.project.root):
            return text  # already on the last line: nothing moves
        return super().fix(text)

    def replacement(self, requirement: str) -> str | None:
        return replacement(requirement)

    def judge(self, line: int, column: int, old: str, new: str | None) -> bool:
        if new is None:
            match = NAME.match(old)
            name = normalize(match.group(0)) if match else ""
            if name.startswith(releases.PROVIDER_PREFIX) and name not in releases.PROVIDER_TARGETS:
                self.report_at(line, column, f"`{old}`: choose the release of {name} built on cdktf 0.21 (its "
                               "package requires `cdktf>=0.21.0,<0.22.0`); cdktf-fixer knows no target for it")
            return False
        unreadable = unreadable_releases(self.context.project)
        if unreadable:  # moving the versions without moving the code would break the project
            names = ", ".join(f"{name} ({why})" for name, why in sorted(unreadable.items()))
            self.report_at(line, column, f"`{old}` is `{new}` on the last CDKTF line; not rewritten while the "
                           f"classes of the old release cannot be read: {names}")
            return False
        return self.report_at(line, column, f"`{old}` is `{new}` on the last CDKTF line", Applicability.SAFE)

    def lock_file(self, text: str, command: str) -> None:
        match = re.search(r"cdktf[-_.]cdktf[-_.]provider|\bcdktf\b", text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            self.report_at(line, 1, f"lock file pins an old CDKTF line: re-lock after the upgrade (`{command}`); "
                           "it is never edited here")
        if PurePath(self.context.path).name == "Pipfile.lock":
            self._locked_only(text)

    def _locked_only(self, text: str) -> None:
        """A provider the code imports that Pipfile.lock pins and the Pipfile does not declare: re-locking
        after the upgrade would drop it."""
        try:
            locked = json.loads(text).get("default", {})
            pipfile = tomllib.loads((Path(self.context.path).parent / "Pipfile").read_text(encoding="utf-8"))
        except (OSError, ValueError, AttributeError):
            return
        declared = {normalize(name) for section in ("packages", "dev-packages") for name in pipfile.get(section, {})}
        imported = imported_providers(self.context.project)
        for name in locked:
            distribution = normalize(name)
            if distribution in imported and distribution not in declared:
                target = releases.PROVIDER_TARGETS.get(distribution)
                wanted = f'`{distribution} = "{target.range}"`' if target else f"`{distribution}`"
                offset = text.find(f'"{name}"')
                self.report_at(text.count("\n", 0, max(offset, 0)) + 1, 1,
                               f"`{distribution}` is pinned by the lock alone, and the code imports it: declare "
                               f"{wanted} in the Pipfile before re-locking, or `pipenv lock` drops it")
