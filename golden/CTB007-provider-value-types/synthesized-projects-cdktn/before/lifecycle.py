"""A lifecycle rule whose expiration and transition are single blocks: the provider takes lists."""
from cdktn import App, TerraformStack
from cdktn_provider_aws.provider import AwsProvider
from cdktn_provider_aws.s3_bucket import S3Bucket
from cdktn_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
)


class LogsStack(TerraformStack):
    def __init__(self, scope, name):
        super().__init__(scope, name)
        AwsProvider(self, "aws", region="us-east-1")
        bucket = S3Bucket(self, "logs", bucket_prefix="logs-")
        S3BucketLifecycleConfiguration(
            self,
            "lifecycle",
            bucket=bucket.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="archive",
                    status="Enabled",
                    expiration=S3BucketLifecycleConfigurationRuleExpiration(days=365),
                    transition={"days": 30, "storage_class": "GLACIER"},
                )
            ],
        )


app = App()
LogsStack(app, "logs")
app.synth()
