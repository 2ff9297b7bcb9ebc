from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
    S3BucketServerSideEncryptionConfiguration,  # the resource
    S3BucketServerSideEncryptionConfigurationRule,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault,
)


def encrypt(scope, bucket):
    S3BucketServerSideEncryptionConfiguration(
        scope,
        "sse",
        bucket=bucket.id,
        rule=[
            S3BucketServerSideEncryptionConfigurationRule(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                    sse_algorithm="aws:kms"
                ),
                bucket_key_enabled=True,
            )
        ],
    )
