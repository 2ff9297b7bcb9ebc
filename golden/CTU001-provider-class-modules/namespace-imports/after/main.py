from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider  # the provider and its services
from cdktf_cdktf_provider_aws.instance import Instance, InstanceEbsBlockDevice
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class Web(TerraformStack):
    def __init__(self, scope: Construct, ns: str):
        super().__init__(scope, ns)
        AwsProvider(self, "aws", region="eu-west-1")
        # the web server
        Instance(self, "web", ami="ami-123", instance_type="t3.micro",
                     ebs_block_device=[InstanceEbsBlockDevice(device_name="/dev/sdb", volume_size=20)])
        S3Bucket(self, "assets", bucket_prefix="assets-")


app = App()
Web(app, "web")
app.synth()
