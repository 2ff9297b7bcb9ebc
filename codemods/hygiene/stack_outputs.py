"""CTF001: a main stack that declares no TerraformOutput (catalog F1)."""

from __future__ import annotations

import libcst as cst

from codemods.hygiene import screens
from fixer.rule import Rule
from fixer.types import Example, FixAvailability


class StackOutputs(Rule):
    """
    ## What it does
    Reports a stack the app deploys (created with the App as scope) while the project declares no
    `TerraformOutput` anywhere. The finding stands at the stack's class and is never rewritten: which values
    matter is the author's call (`TerraformOutput(self, "api_url", value=api.api_endpoint)`).

    ## Why is this bad?
    After `cdktf deploy` nothing tells the pipeline, the tests or a person the endpoint, bucket or ARN the
    stack created, and integration tests have nothing to read.

    It is advisory: a stack without outputs synthesizes and deploys, and many are right without any (stacks
    passing references to each other, stacks with nothing to expose, examples).

    ## Options
    None.

    Off by default; turn it on with `--select CTF001` or `select` in `[tool.cdktf-fixer]` where a pipeline or
    integration tests read the deployed stack's outputs, as generated projects' test suites do.
    """

    code = "CTF001"
    name = "stack-outputs"
    summary = "Main stack without any TerraformOutput"
    fix_availability = FixAvailability.NONE
    markers = ("TerraformStack",)
    project_wide = True
    deployed_resources_only = True
    uses_project_classes = True
    default_enabled = False

    INVALID = (
        Example(
            """
            from cdktf import App, TerraformStack


            class TapStack(TerraformStack):
                def __init__(self, scope, construct_id):
                    super().__init__(scope, construct_id)


            app = App()
            TapStack(app, "tap")
            app.synth()
            """,
        ),
    )
    VALID = (
        """
        from cdktf import App, TerraformOutput, TerraformStack


        class TapStack(TerraformStack):
            def __init__(self, scope, construct_id):
                super().__init__(scope, construct_id)
                TerraformOutput(self, "region", value="us-east-1")


        app = App()
        TapStack(app, "tap")
        app.synth()
        """,
    )

    screen = staticmethod(screens.stack_outputs)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        project = self.context.project
        if node.name.value in project.main_stacks and not project.mentions("TerraformOutput"):
            self.report(node.name, f"`{node.name.value}` is deployed as a stack, but the project declares no "
                                   "TerraformOutput: add outputs for what callers need (endpoints, names, ARNs)")
