from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA, S3BucketVersioningConfiguration


def build(scope, bucket):
    S3BucketVersioningA(
        scope, "v", bucket=bucket.id,
        versioning_configuration=S3BucketVersioningConfiguration(status="Enabled"),
    )
