from constructs import Construct
from cdktn_provider_aws.lambda_function import LambdaFunction


class Handler(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str):
        super().__init__(scope, construct_id)
        LambdaFunction(
            self,
            "handler",
            function_name="payments-handler",
            role=role_arn,
            handler="index.handler",
            runtime="python3.12",
            filename="lambda.zip",
            source_code_hash='${filebase64sha256("lambda.zip")}',
            description="${upper(\"payments\")} handler, built ${timestamp()}",
        )
