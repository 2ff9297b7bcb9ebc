from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTablePointInTimeRecovery
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleTransition,
)
from cdktf_cdktf_provider_aws.eks_cluster import EksCluster


def storage(self, role_arn, subnets):
    S3BucketLifecycleConfiguration(
        self,
        "lifecycle",
        bucket="logs",
        rule=[
            S3BucketLifecycleConfigurationRule(
                id="archive",
                status="Enabled",
                # a single block where the provider takes a list of blocks
                expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=365)],
                transition=[S3BucketLifecycleConfigurationRuleTransition(days=30, storage_class="GLACIER")],
            )
        ],
    )
    DynamodbTable(
        self,
        "table",
        name="orders",
        hash_key="pk",
        point_in_time_recovery=DynamodbTablePointInTimeRecovery(enabled=True),  # one block, not a list
    )
    EksCluster(
        self,
        "cluster",
        name="main",
        role_arn=role_arn,
        vpc_config={"subnet_ids": subnets},
        encryption_config=[
            {"resources": ["secrets"], "provider": {"key_arn": "arn:aws:kms:us-east-1:111111111111:key/1"}},
            {"resources": ["secrets"], "provider": {"key_arn": "arn:aws:kms:us-east-1:111111111111:key/2"}},
        ],
    )
