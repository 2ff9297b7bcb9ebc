import cdktf_cdktf_provider_aws.s3_bucket_versioning as versioning
import cdktf_cdktf_provider_aws.vpc
import cdktf_cdktf_provider_aws as aws
from cdktf_cdktf_provider_aws.internet_gateway import InternetGateway


def build(scope, bucket):
    versioning.S3BucketVersioningA(
        scope, "v", bucket=bucket.id,
        versioning_configuration=versioning.S3BucketVersioningVersioningConfiguration(status="Enabled"),
    )
    net = cdktf_cdktf_provider_aws.vpc.Vpc(scope, "vpc", cidr_block="10.0.0.0/16")
    aws.subnet.Subnet(scope, "a", vpc_id=net.id, cidr_block="10.0.1.0/24")
    InternetGateway(scope, "igw", vpc_id=net.id)
