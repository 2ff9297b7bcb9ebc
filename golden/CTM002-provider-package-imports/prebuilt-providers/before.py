import cdktf_cdktf_provider_random
import cdktf_cdktf_provider_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_google_beta import provider as google_beta
from constructs import Construct

# the providers were cdktf_cdktf_provider_* packages
SOURCE = "cdktf_cdktf_provider_aws"


class Storage(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        google_beta.GoogleBetaProvider(self, "google-beta")
        suffix = cdktf_cdktf_provider_random.string_resource.StringResource(self, "suffix", length=6)
        S3Bucket(self, "bucket", bucket_prefix="data-")
        aws.s3_bucket_versioning.S3BucketVersioningA(self, "versioning", bucket=suffix.result)
