from cdktf import App, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.provider import AwsProvider
import json


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
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AccountAdministersTheKey",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{current.account_id}:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    },
                    {
                        "Sid": "CloudWatchLogsUsesTheKey",
                        "Effect": "Allow",
                        "Principal": {"Service": f"logs.{aws_region}.amazonaws.com"},
                        "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                        "Resource": "*",
                        "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:{aws_region}:{current.account_id}:*"}},
                    },
                ],
            }),
        )
        CloudwatchLogGroup(self, "app-logs", name="/payments/app", retention_in_days=30, kms_key_id=logs_key.arn)


app = App()
TapStack(app, "tap", aws_region="us-east-1")
app.synth()
