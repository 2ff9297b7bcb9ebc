from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration


def tables(self):
    DynamodbTable(
        self,
        "orders",
        name="orders",
        hash_key="pk",
        attribute=[DynamodbTableAttribute(name="pk", type="S"), {"name": "owner", "type": "S"}],
        global_secondary_index=[
            {
                "name": "by_owner",  # looked up by the owner's id
                "hash_key": "owner",
                "projection_type": "ALL",
            },
            # written with jsii's own names: reaches the provider as is, and is right
            {"name": "by_status", "hashKey": "status", "projectionType": "KEYS_ONLY"},
        ],
    )
    S3BucketLifecycleConfiguration(
        self,
        "lifecycle",
        bucket="logs",
        rule=[
            {
                "id": "archive",
                "status": "Enabled",
                "transition": [{"days": 30, "storage_class": "GLACIER"}],
                "noncurrent_version_expiration": [{"noncurrent_days": 90}],
            }
        ],
    )
    DynamodbTable(
        self,
        "events",
        name="events",
        hash_key="pk",
        global_secondary_index=[{"name": "by_day", "hash_key": "day", "projection": "ALL"}],
    )
