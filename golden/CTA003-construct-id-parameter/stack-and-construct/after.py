from cdktf import App, TerraformStack
from constructs import Construct


class Network(Construct):
    def __init__(self, scope: Construct, construct_id: str, cidr: str = "10.0.0.0/16"):
        super().__init__(scope, construct_id)
        self.cidr = cidr


class TapStack(TerraformStack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,  # logical id of the stack
        **kwargs,
    ):
        super().__init__(scope, id=construct_id)
        Network(self, construct_id="network")
        Network(self, "network-b", cidr="10.1.0.0/16")


app = App()
TapStack(app, construct_id="tap")
app.synth()
