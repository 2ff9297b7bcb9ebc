import cdktn
from cdktn import App, TerraformStack, TerraformOutput
from constructs import Construct


class Greeting(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        TerraformOutput(self, "greeting", value=cdktn.Fn.templatestring("Hello ${name}", {"name": "x"}))


app = App()
Greeting(app, "greeting")
app.synth()
