import json

from cdktn import App, TerraformStack
from constructs import Construct
from cdktn_provider_aws.kms_key import KmsKey
from cdktn_provider_aws.provider import AwsProvider
from cdktn_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        caller_identity = DataAwsCallerIdentity(self, "current")
        AwsProvider(self, "aws", region="us-east-1")
        KmsKey(
            self,
            "data-key",
            description="payments data",
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "Enable IAM User Permissions",
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{caller_identity.account_id}:root"},
                    "Action": "kms:*",
                    "Resource": "*",
                }],
            }),
        )


app = App()
TapStack(app, "tap")
app.synth()
