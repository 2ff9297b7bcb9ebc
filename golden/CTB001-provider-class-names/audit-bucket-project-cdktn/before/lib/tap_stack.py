from cdktn import TerraformOutput, TerraformStack
from constructs import Construct
from cdktn_provider_aws.provider import AwsProvider
from cdktn_provider_aws.s3_bucket import S3Bucket
from cdktn_provider_aws.s3_bucket_versioning import S3BucketVersioning, S3BucketVersioningVersioningConfiguration
from cdktn_provider_aws.s3_bucket_server_side_encryption_configuration import (
    S3BucketServerSideEncryptionConfiguration,
    S3BucketServerSideEncryptionConfigurationRule,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault,
)
from cdktn_provider_aws import DataAwsCallerIdentity


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        account = DataAwsCallerIdentity(self, "current")

        bucket = S3Bucket(self, "audit", bucket=f"audit-logs-{environment_suffix}")
        S3BucketVersioning(
            self,
            "audit-versioning",
            bucket=bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )
        S3BucketServerSideEncryptionConfiguration(
            self,
            "audit-encryption",
            bucket=bucket.id,
            rule=[
                S3BucketServerSideEncryptionConfigurationRule(
                    apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                        sse_algorithm="AES256"
                    )
                )
            ],
        )
        TerraformOutput(self, "bucket_name", value=bucket.bucket)
        TerraformOutput(self, "account_id", value=account.account_id)
