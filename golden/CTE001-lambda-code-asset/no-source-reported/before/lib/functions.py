from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


class Functions(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str):
        super().__init__(scope, construct_id)
        LambdaFunction(self, "placeholder", function_name="placeholder", role=role_arn, handler="index.handler",
                       runtime="python3.12", filename="lambda_placeholder.zip")
