from constructs import Construct
from cdktn_provider_aws.lambda_function import LambdaFunction
import os
from cdktn import AssetType, TerraformAsset


class Compute(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        payment_processor_code = TerraformAsset(self, "payment-processor-code", path=os.path.join(os.path.dirname(__file__), "..", "lambda"), type=AssetType.ARCHIVE)
        # a single-file handler whose handler= names a module the archive would not hold
        LambdaFunction(self, "payment-processor", function_name=f"payment-processor-{environment_suffix}",
                       role=role_arn, handler="payment_processor.handler", runtime="python3.12",
                       filename=payment_processor_code.path,
                       source_code_hash=payment_processor_code.asset_hash)
        refunds_code = TerraformAsset(self, "refunds-code", path=os.path.join(os.path.dirname(__file__), "..", "lambda"), type=AssetType.ARCHIVE)
        # the module is right, the function is the module's only entry point
        LambdaFunction(self, "refunds", function_name=f"refunds-{environment_suffix}", role=role_arn,
                       handler="refunds.lambda_handler", runtime="python3.12", filename=refunds_code.path, source_code_hash=refunds_code.asset_hash)
        reports_code = TerraformAsset(self, "reports-code", path=os.path.join(os.path.dirname(__file__), "..", "functions", "report_builder"), type=AssetType.ARCHIVE)
        # a folder with two modules and a handler naming neither: packaged, the handler reported
        LambdaFunction(self, "reports", function_name=f"reports-{environment_suffix}", role=role_arn,
                       handler="index.handler", runtime="python3.12", filename=reports_code.path, source_code_hash=reports_code.asset_hash)
        # a handler beside the stack: packaging its folder would ship the stacks, so it is reported
        LambdaFunction(self, "notifier", function_name=f"notifier-{environment_suffix}", role=role_arn,
                       handler="notifier.handler", runtime="python3.12", filename="notifier.zip")
