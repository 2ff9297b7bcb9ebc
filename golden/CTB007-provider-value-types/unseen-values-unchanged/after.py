from cdktf import Fn, Token
from cdktf_cdktf_provider_aws.dynamodb_table import (
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableGlobalSecondaryIndex,
)
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration


def indexes():
    return [{"name": "by_owner", "hash_key": "owner", "projection_type": "ALL"}]


def tables(self, settings, recovery, rules, days):
    # already right: nested lists of blocks, a dict for one block, camelCase keys in a list element
    DynamodbTable(
        self,
        "orders",
        name="orders",
        hash_key="pk",
        attribute=[DynamodbTableAttribute(name="pk", type="S")],
        global_secondary_index=[
            DynamodbTableGlobalSecondaryIndex(name="by_owner", hash_key="owner", projection_type="ALL"),
            {"name": "by_status", "hashKey": "status", "projectionType": "KEYS_ONLY"},
        ],
        point_in_time_recovery={"enabled": True},
        read_capacity=Token.as_number(days),
        tags={"Name": Fn.join("-", ["orders", "table"])},
    )
    # values the rule cannot see are left alone, never guessed
    DynamodbTable(
        self,
        "events",
        name="events",
        hash_key="pk",
        global_secondary_index=indexes(),
        point_in_time_recovery=recovery,
        attribute=[a for a in settings["attributes"]],
    )
    DynamodbTable(self, "dynamic", **settings)
    S3BucketLifecycleConfiguration(self, "lifecycle", bucket="logs", rule=rules)
