from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


class Compute(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        self.processor = LambdaFunction(
            self,
            "payment-processor",
            function_name=f"payment-processor-{environment_suffix}",
            role=role_arn,
            handler="index.handler",
            runtime="python3.12",
            filename="lambda/payment_processor.zip",
            source_code_hash='${filebase64sha256("lambda/payment_processor.zip")}',
        )
        LambdaFunction(self, f"health-{environment_suffix}", function_name=f"health-{environment_suffix}",
                       role=role_arn, handler="index.handler", runtime="python3.12", filename="lambda/health_check.zip")
