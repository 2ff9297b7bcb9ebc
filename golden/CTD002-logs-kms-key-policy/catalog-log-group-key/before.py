from cdktf import App, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.provider import AwsProvider


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, aws_region: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=aws_region)
        current = DataAwsCallerIdentity(self, "current")
        logs_key = KmsKey(
            self,
            "logs-key",
            description="encrypts application logs",
            enable_key_rotation=True,
        )
        CloudwatchLogGroup(self, "app-logs", name="/payments/app", retention_in_days=30, kms_key_id=logs_key.arn)


app = App()
TapStack(app, "tap", aws_region="us-east-1")
app.synth()
