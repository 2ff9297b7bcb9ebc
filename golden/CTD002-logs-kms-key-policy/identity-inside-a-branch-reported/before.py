from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.kms_key import KmsKey


class Logging(Construct):
    def __init__(self, scope: Construct, construct_id: str, aws_region: str, audited: bool):
        super().__init__(scope, construct_id)
        if audited:
            current = DataAwsCallerIdentity(self, "current")  # exists only on this path
        key = KmsKey(self, "logs-key", enable_key_rotation=True)
        CloudwatchLogGroup(self, "app", name="/app", kms_key_id=key.arn)
