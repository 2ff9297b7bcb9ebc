#!/usr/bin/env python
"""A web server in its own subnet, written for cdktf 0.12 and cdktf-cdktf-provider-aws 9.0.52."""
from constructs import Construct
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws import AwsProvider, ec2, s3, vpc


class WebStack(TerraformStack):
    def __init__(self, scope: Construct, ns: str):
        super().__init__(scope, ns)
        AwsProvider(self, "aws", region="eu-west-1")
        network = vpc.Vpc(self, "network", cidr_block="10.0.0.0/16")
        subnet = vpc.Subnet(self, "public", vpc_id=network.id, cidr_block="10.0.1.0/24")
        server = ec2.Instance(self, "web", ami="ami-0123456789abcdef0", instance_type="t3.micro",
                              subnet_id=subnet.id,
                              root_block_device=ec2.InstanceRootBlockDevice(volume_size=20))
        s3.S3Bucket(self, "assets", bucket_prefix="web-assets-")
        TerraformOutput(self, "server_ip", value=server.private_ip)


app = App()
WebStack(app, "web")
app.synth()
