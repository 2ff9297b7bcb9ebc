from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA as BucketVersioning


def build(scope, bucket):
    BucketVersioning(scope, "v", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
