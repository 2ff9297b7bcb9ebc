from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.instance import Instance
from cdktf import App, TerraformStack


class Web(TerraformStack):
    def __init__(self, scope, ns):
        super().__init__(scope, ns)
        AwsProvider(self, "aws", region="eu-west-1")
        Instance(self, "web", ami="ami-123", instance_type="t3.micro")
        S3Bucket(self, "assets")
