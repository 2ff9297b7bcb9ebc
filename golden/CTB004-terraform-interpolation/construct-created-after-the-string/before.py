from cdktf import TerraformOutput, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class LogsStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        # the bucket is created below: its variable is not bound yet
        TerraformOutput(self, "early", value="${aws_s3_bucket.logs.arn}")
        logs = S3Bucket(self, "logs", bucket_prefix="logs-"); TerraformOutput(self, "same-line", value="${aws_s3_bucket.logs.id}")
        TerraformOutput(self, "late", value="${aws_s3_bucket.logs.bucket}")
