from cdktf import TerraformOutput
from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class Storage(Construct):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        bucket = S3Bucket(self, "data", bucket_prefix="data-")
        TerraformOutput(self, "bucket_name", value=bucket.bucket)
