from constructs import Construct
from cdktn_provider_aws import security_group
from cdktn_provider_aws.s3_bucket import S3Bucket
from cdktn_provider_aws.s3_bucket_versioning import S3BucketVersioningA, S3BucketVersioningVersioningConfiguration


class Storage(Construct):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str):
        super().__init__(scope, construct_id)
        bucket = S3Bucket(self, "data", bucket_prefix="data-", force_destory=True)
        S3BucketVersioningA(
            self,
            "data-versioning",
            bucket=bucket.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(stauts="Enabled"),
        )
        security_group.SecurityGroup(
            self,
            "internal",
            vpc_id=vpc_id,
            ingress=[security_group.SecurityGroupIngress(from_port=0, to_port=0, protocol="-1", self=True)],
        )
        S3Bucket(self, "archive", bucket_prefix="archive-", versioning_enabled=True)  # no close keyword
        S3BucketVersioningA(self, "flag", bucket=bucket.id, versioning_configurations="Enabled")  # a block, not a string
