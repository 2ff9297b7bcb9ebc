import cdktf_cdktf_provider_aws
import cdktf_cdktf_provider_aws.ec2 as ec2
from cdktf import App, TerraformStack


class Web(TerraformStack):
    def __init__(self, scope, ns):
        super().__init__(scope, ns)
        cdktf_cdktf_provider_aws.AwsProvider(self, "aws", region="eu-west-1")
        ec2.Instance(self, "web", ami="ami-123", instance_type="t3.micro")
        cdktf_cdktf_provider_aws.s3.S3Bucket(self, "assets")
