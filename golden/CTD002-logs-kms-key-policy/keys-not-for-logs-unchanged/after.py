import json

from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.kms_key import KmsKey


class Data(Construct):
    def __init__(self, scope: Construct, construct_id: str, aws_region: str):
        super().__init__(scope, construct_id)
        db_key = KmsKey(self, "db-key", enable_key_rotation=True)
        DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
                   storage_encrypted=True, kms_key_id=db_key.arn)
        logs_key = KmsKey(self, "logs-key", policy=json.dumps({
            "Statement": [{"Effect": "Allow", "Principal": {"Service": f"logs.{aws_region}.amazonaws.com"},
                           "Action": "kms:*", "Resource": "*"}],
        }))
        CloudwatchLogGroup(self, "app", name="/app", kms_key_id=logs_key.arn)
        CloudwatchLogGroup(self, "aws-managed", name="/managed", kms_key_id="alias/aws/logs")
