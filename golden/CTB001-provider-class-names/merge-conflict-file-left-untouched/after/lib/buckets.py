from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning


class Buckets(Construct):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
<<<<<<< HEAD
        bucket = S3Bucket(self, "logs", bucket="logs-prod")
=======
        bucket = S3Bucket(self, "logs", bucket="logs-staging")
>>>>>>> staging
        S3BucketVersioning(self, "versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
