"""Every `id` here is correct and must stay: attributes, keywords of other calls, other functions."""
from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
)
from cdktf_cdktf_provider_aws.subnet import Subnet


class Settings:
    def __init__(self, id: str):  # not a construct: a plain settings object
        self.id = id


def lookup(id):
    return {"id": id}


class Storage(Construct):
    def __init__(self, scope: Construct, construct_id: str, vpc, bucket):
        super().__init__(scope, construct_id)
        Subnet(self, "a", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
        S3BucketLifecycleConfiguration(
            self,
            "lifecycle",
            bucket=bucket.id,
            rule=[S3BucketLifecycleConfigurationRule(id="expire-old", status="Enabled")],
        )
        Settings(id="x")

    def describe(self, id):
        return id
