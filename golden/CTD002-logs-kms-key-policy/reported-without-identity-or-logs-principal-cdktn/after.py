import json

from constructs import Construct
from cdktn_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktn_provider_aws.kms_key import KmsKey


class Logging(Construct):
    def __init__(self, scope: Construct, construct_id: str, aws_region: str, admin_arn: str):
        super().__init__(scope, construct_id)
        bare = KmsKey(self, "bare", enable_key_rotation=True)  # no DataAwsCallerIdentity here to write a policy
        CloudwatchLogGroup(self, "a", name="/a", kms_key_id=bare.arn)
        admin_only = KmsKey(self, "admin-only", policy=json.dumps({
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": admin_arn}, "Action": "kms:*", "Resource": "*"}],
        }))
        CloudwatchLogGroup(self, "b", name="/b", kms_key_id=admin_only.arn)
