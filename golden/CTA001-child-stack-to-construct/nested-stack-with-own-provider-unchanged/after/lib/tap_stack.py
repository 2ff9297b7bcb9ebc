from cdktf import S3Backend, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class RegionStack(TerraformStack):
    """A deliberate nested stack: its own provider, its own state."""

    def __init__(self, scope: Construct, construct_id: str, region: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=region)
        S3Bucket(self, "bucket", bucket=f"data-{region}")


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        S3Backend(self, bucket="state", key="tap.tfstate", region="us-east-1")
        RegionStack(self, "east", region="us-east-1")
