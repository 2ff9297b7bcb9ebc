from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
)

# a variable assigned once is followed: what it holds is reported where it is written, not rewritten
INDEXES = [{"name": "by_owner", "hash_key": "owner", "projection_type": "ALL"}]


def tables(self, archive):
    recovery = [{"enabled": True}]
    DynamodbTable(self, "orders", name="orders", hash_key="pk", global_secondary_index=INDEXES,
                  point_in_time_recovery=recovery)
    DynamodbTable(self, "returns", name="returns", hash_key="pk", global_secondary_index=INDEXES)
    # assigned twice: which value reaches the call is not known here, so nothing is said
    rules = [S3BucketLifecycleConfigurationRule(id="keep", status="Enabled")]
    if archive:
        rules = [{"id": "archive", "status": "Enabled", "transition": {"days": 30}}]
    S3BucketLifecycleConfiguration(self, "lifecycle", bucket="logs", rule=rules)
