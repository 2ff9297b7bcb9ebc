import json

from constructs import Construct
from cdktn_provider_aws.cloudwatch_dashboard import CloudwatchDashboard
from cdktn_provider_aws.kms_key import KmsKey


class Monitoring(Construct):
    def __init__(self, scope: Construct, construct_id: str, aws_region: str, account_id: str):
        super().__init__(scope, construct_id)
        KmsKey(
            self,
            "logs-key",
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": f"logs.{aws_region}.amazonaws.com"},  # CloudWatch Logs encrypts with it
                    "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"],
                    "Resource": "*",
                }],
            }),
        )
        CloudwatchDashboard(
            self,
            "dashboard",
            dashboard_name="payments",
            dashboard_body=json.dumps({
                "widgets": [{
                    "type": "metric",
                    "properties": {"region": aws_region, "metrics": [["AWS/Lambda", "Errors"]]},
                }],
            }),
        )
