from cdktf import App, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.security_group import SecurityGroupIngress


class Stack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, settings: dict):
        super().__init__(scope, id=construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        S3Bucket(self, "logs", bucket_prefix="logs-", force_destroy=True, tags={"a": "b"})
        S3Bucket(self, "dynamic", **settings)
        S3Bucket(scope=self, id_="named", bucket_prefix="named-")
        SecurityGroupIngress(self, "https", security_group_id="sg-1", from_port=443, to_port=443, protocol="tcp")


Stack(App(), "stack", {})
