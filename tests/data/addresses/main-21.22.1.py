from constructs import Construct
from cdktf import App, TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.instance import Instance


class Network(Construct):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        self.subnet = Subnet(self, "subnet", vpc_id=self.vpc.id, cidr_block="10.0.1.0/24")


class MyStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        net = Network(self, "network")
        bucket = S3Bucket(self, "bucket", bucket="my-bucket")
        Instance(self, "web", ami="ami-123", instance_type="t3.micro", subnet_id=net.subnet.id)
        TerraformOutput(self, "bucket_arn", value=bucket.arn)


app = App()
MyStack(app, "old-stack")
app.synth()
