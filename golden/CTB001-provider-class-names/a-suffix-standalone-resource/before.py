from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning, S3BucketVersioningVersioningConfiguration
from cdktf_cdktf_provider_aws.vpc_peering_connection_accepter import VpcPeeringConnectionAccepter


def storage(scope):
    bucket = S3Bucket(scope, "bucket", bucket="audit-logs")
    # keep old object versions
    S3BucketVersioning(
        scope,
        "versioning",
        bucket=bucket.id,
        versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
    )
    accepter: VpcPeeringConnectionAccepter = VpcPeeringConnectionAccepter(
        scope, "accepter", vpc_peering_connection_id="pcx-1", auto_accept=True
    )
    return accepter
