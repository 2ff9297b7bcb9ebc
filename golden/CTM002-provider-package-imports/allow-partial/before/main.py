from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_okta.provider import OktaProvider
from constructs import Construct


class Identity(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        OktaProvider(self, "okta", org_name="example")


app = App()
Identity(app, "identity")
app.synth()
