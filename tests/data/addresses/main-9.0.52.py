from constructs import Construct
from cdktf import App, TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws import AwsProvider, ec2, s3, vpc


class Network(Construct):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        self.vpc = vpc.Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        self.subnet = vpc.Subnet(self, "subnet", vpc_id=self.vpc.id, cidr_block="10.0.1.0/24")


class MyStack(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        net = Network(self, "network")
        bucket = s3.S3Bucket(self, "bucket", bucket="my-bucket")
        ec2.Instance(self, "web", ami="ami-123", instance_type="t3.micro", subnet_id=net.subnet.id)
        TerraformOutput(self, "bucket_arn", value=bucket.arn)


app = App()
MyStack(app, "old-stack")
app.synth()
