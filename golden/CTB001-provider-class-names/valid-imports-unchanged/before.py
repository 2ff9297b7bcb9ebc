# Nested block structs of a resource are real exports: SecurityGroupIngress lives in security_group.
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress, SecurityGroupEgress
from cdktf_cdktf_provider_aws import vpc, s3_bucket
from cdktf_cdktf_provider_aws.provider import AwsProvider
import cdktf_cdktf_provider_aws.subnet as subnet_module
from some_other_package import S3BucketVersioning  # not the provider: never touched


def build(scope):
    AwsProvider(scope, "aws", region="eu-west-1")
    network = vpc.Vpc(scope, "vpc", cidr_block="10.0.0.0/16")
    subnet_module.Subnet(scope, "a", vpc_id=network.id, cidr_block="10.0.1.0/24")
    s3_bucket.S3Bucket(scope, "b")
    SecurityGroup(scope, "sg", ingress=[SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp")],
                  egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1")])
    return S3BucketVersioning
