from cdktf import App, TerraformStack

from vpc_blocks import Network


class ExampleStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        Network(self, "net")


app = App()
ExampleStack(app, "example")
app.synth()
