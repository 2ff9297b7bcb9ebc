from constructs import Construct
from cdktn_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute
from cdktn_provider_aws.iam_role import IamRole
from cdktn_provider_aws.s3_bucket import S3Bucket


class Migration(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str, assume_policy: str):
        super().__init__(scope, construct_id)
        IamRole(self, f"dms-vpc-role-{environment_suffix}", name=f"dms-vpc-role-{environment_suffix}", assume_role_policy=assume_policy)
        S3Bucket(self, "migration-logs", bucket=f"payments-migration-logs-{environment_suffix}", tags={"Name": "migration-logs"})
        DynamodbTable(
            self,
            f"checkpoints-{environment_suffix}",
            name=f"{construct_id}-checkpoints",  # computed by the author: left alone
            hash_key="pk",
            billing_mode="PAY_PER_REQUEST",
            attribute=[DynamodbTableAttribute(name="pk", type="S")],
        )
        S3Bucket(self, "scratch", bucket_prefix="scratch-")
