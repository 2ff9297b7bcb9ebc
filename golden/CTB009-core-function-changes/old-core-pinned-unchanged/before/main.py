from cdktf import App, Fn, TerraformOutput, TerraformStack
from constructs import Construct


class Settings(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        # right for cdktf 0.12, which this project pins
        TerraformOutput(self, "port", value=Fn.parse_int(value="8080", base=10))
        TerraformOutput(self, "names", value=Fn.join(separator=",", value=["a", "b"]))


app = App()
Settings(app, "settings")
app.synth()
