from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
import os
from cdktf import AssetType, TerraformAsset


class Compute(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        payment_processor_code = TerraformAsset(self, "payment-processor-code", path=os.path.join(os.path.dirname(__file__), "..", "lambda", "payment_processor"), type=AssetType.ARCHIVE)
        self.processor = LambdaFunction(
            self,
            "payment-processor",
            function_name=f"payment-processor-{environment_suffix}",
            role=role_arn,
            handler="index.handler",
            runtime="python3.12",
            filename=payment_processor_code.path,
            source_code_hash=payment_processor_code.asset_hash,
        )
        health_code = TerraformAsset(self, f"health-{environment_suffix}-code", path=os.path.join(os.path.dirname(__file__), "..", "lambda", "health_check"), type=AssetType.ARCHIVE)
        LambdaFunction(self, f"health-{environment_suffix}", function_name=f"health-{environment_suffix}",
                       role=role_arn, handler="index.handler", runtime="python3.12", filename=health_code.path, source_code_hash=health_code.asset_hash)
