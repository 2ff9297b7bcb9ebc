from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


class Functions(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str):
        super().__init__(scope, construct_id)
        LambdaFunction(self, "shipped", function_name="shipped", role=role_arn, handler="index.handler",
                       runtime="python3.12", filename="artifacts/shipped.zip")  # committed archive
        LambdaFunction(self, "built", function_name="built", role=role_arn, handler="index.handler",
                       runtime="python3.12", filename="build/worker.zip")  # the Makefile makes it
        LambdaFunction(self, "relative", function_name="relative", role=role_arn, handler="index.handler",
                       runtime="python3.12", filename="../../../artifacts/shipped.zip")  # read from cdktf.out/stacks/<stack>
