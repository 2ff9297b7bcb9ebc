from cdktn import App, TerraformStack
from cdktn_provider_aws.provider import AwsProvider

from lib.stacks.compute import Compute


class TapStack(TerraformStack):
    def __init__(self, scope, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        Compute(self, "compute", role_arn="arn:aws:iam::111111111111:role/lambda", environment_suffix="dev")


app = App()
TapStack(app, "tap")
app.synth()
