from cdktn import App, TerraformStack
from constructs import Construct

from imports.okta.provider import OktaProvider


class Identity(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        OktaProvider(self, "okta", org_name="example")


app = App()
Identity(app, "identity")
app.synth()
