"""CTM001: the core module `cdktf` becomes `cdktn` (CDK Terrain)."""

from __future__ import annotations

from codemods.migrate_cdktn.helpers import ModuleRenames
from fixer import cdktn
from fixer.types import Applicability, Example, FixAvailability


class CoreModuleImports(ModuleRenames):
    """
    ## What it does
    Renames the core module in every form it is imported: `from cdktf import App, Testing`,
    `from cdktf.testing_matchers import ...`, `import cdktf as tf`, and `import cdktf`, whose uses
    (`cdktf.Fn.join(...)`, `cdktf.TerraformStack`) are renamed with it. Strings and comments are left as
    they are: `"cdktf.out"` is still the synth output folder's name, and cdktf.json keeps its name.

    ## Why is this bad?
    HashiCorp archived CDK for Terraform on 2025-12-10; the community continues it as CDK Terrain, whose
    core package `cdktn` has the same Python API under a new module name. Code that imports `cdktf` stays
    on the archived package, which receives no fixes and no new provider lines.

    ## Fix safety
    Safe when the whole project can move: the API is the same, only the module name changes. When the
    project also uses a provider that has no prebuilt cdktn package (CTM002), the fix is unsafe (applied by
    `migrate --allow-partial`): cdktf provider classes do not mix with cdktn stacks until that provider's
    bindings are generated with `cdktn get`.

    ## Options
    None.
    """

    code = "CTM001"
    name = "core-module-imports"
    summary = "`cdktf` imported: CDK Terrain's core module is `cdktn`"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    markers = ("cdktf",)

    INVALID = (
        Example(
            """
            import cdktf
            from cdktf import App, TerraformStack

            app = App()
            name = cdktf.Fn.join("-", ["a", "b"])
            """,
            """
            import cdktn
            from cdktn import App, TerraformStack

            app = App()
            name = cdktn.Fn.join("-", ["a", "b"])
            """,
        ),
    )
    VALID = (
        'from cdktn import App\n\nOUTPUT = "cdktf.out"  # cdktf synth writes here\n',
    )

    def handles(self, module: str) -> bool:
        return module.split(".", 1)[0] == cdktn.CORE_MODULE

    def moved_message(self, module: str, new: str) -> str:
        return f"`{module}` is `{new}` in CDK Terrain (the same API under a new module name)"

    def unmoved_message(self, module: str) -> str:  # every cdktf module moves
        raise AssertionError(module)
