from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws import AwsProvider, ec2, s3  # the provider and its services


class Web(TerraformStack):
    def __init__(self, scope: Construct, ns: str):
        super().__init__(scope, ns)
        AwsProvider(self, "aws", region="eu-west-1")
        # the web server
        ec2.Instance(self, "web", ami="ami-123", instance_type="t3.micro",
                     ebs_block_device=[ec2.InstanceEbsBlockDevice(device_name="/dev/sdb", volume_size=20)])
        s3.S3Bucket(self, "assets", bucket_prefix="assets-")


app = App()
Web(app, "web")
app.synth()
