"""The app: cdktf synth writes cdktf.out/ (the folder keeps its name under CDK Terrain)."""
import os

import cdktf
import cdktf as tf
from cdktf import App, TerraformOutput, TerraformStack  # cdktf core classes
from constructs import Construct

OUTDIR = "cdktf.out"
LOG_LEVEL = os.environ.get("CDKTF_LOG_LEVEL", "info")


class Stack(cdktf.TerraformStack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        # cdktf.Fn joins at deploy time
        joined = cdktf.Fn.join("-", ["a", "b"])
        TerraformOutput(self, "joined", value=joined)
        TerraformOutput(self, "token", value=tf.Token.as_string(joined))


def build(module=cdktf) -> App:
    app = App(outdir=OUTDIR)
    Stack(app, "stack")
    return app
