from cdktn import TerraformStack
from cdktn_provider_aws.lambda_function import LambdaFunction


class HandlerStack(TerraformStack):
    def __init__(self, scope, name, role_arn):
        super().__init__(scope, name)
        # a CDK Terrain project: the Fn the fix needs comes from cdktn, not cdktf
        LambdaFunction(
            self,
            "handler",
            function_name="payments-handler",
            role=role_arn,
            handler="index.handler",
            runtime="python3.12",
            filename="lambda.zip",
            source_code_hash='${filebase64sha256("lambda.zip")}',
        )
