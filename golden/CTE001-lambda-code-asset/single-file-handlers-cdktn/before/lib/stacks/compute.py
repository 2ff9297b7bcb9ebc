from constructs import Construct
from cdktn_provider_aws.lambda_function import LambdaFunction


class Compute(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        # a single-file handler whose handler= names a module the archive would not hold
        LambdaFunction(self, "payment-processor", function_name=f"payment-processor-{environment_suffix}",
                       role=role_arn, handler="index.handler", runtime="python3.12",
                       filename="lambda/payment_processor.zip")
        # the module is right, the function is the module's only entry point
        LambdaFunction(self, "refunds", function_name=f"refunds-{environment_suffix}", role=role_arn,
                       handler="refunds.handler", runtime="python3.12", filename="lambda/refunds.zip")
        # a folder with two modules and a handler naming neither: packaged, the handler reported
        LambdaFunction(self, "reports", function_name=f"reports-{environment_suffix}", role=role_arn,
                       handler="index.handler", runtime="python3.12", filename="functions/report_builder.zip")
        # a handler beside the stack: packaging its folder would ship the stacks, so it is reported
        LambdaFunction(self, "notifier", function_name=f"notifier-{environment_suffix}", role=role_arn,
                       handler="notifier.handler", runtime="python3.12", filename="notifier.zip")
