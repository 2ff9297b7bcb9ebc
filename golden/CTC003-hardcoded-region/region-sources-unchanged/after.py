import os

from cdktf import TerraformVariable
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.subnet import Subnet

DEFAULT_REGION = "us-east-1"


class Network(Construct):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str, aws_region: str = "us-east-1"):
        super().__init__(scope, construct_id)
        region = os.environ.get("AWS_REGION", "us-east-1")
        TerraformVariable(self, "region", type="string", default="us-east-1")
        AwsProvider(self, "aws", region=aws_region)
        Subnet(self, "a", vpc_id=vpc_id, cidr_block="10.0.0.0/24", availability_zone="us-east-1a")
        Subnet(self, "b", vpc_id=vpc_id, cidr_block="10.0.1.0/24", availability_zone=f"{region}b")
        if aws_region.startswith("us-east-1"):  # a test of the value, not a resource's argument
            Subnet(self, "c", vpc_id=vpc_id, cidr_block="10.0.2.0/24", availability_zone=f"{aws_region}c")
        if aws_region == "us-east-1":
            raise ValueError("us-east-1 is reserved for the shared services account")


Network(None, "network", vpc_id="vpc-1", aws_region="us-east-1")  # the app's configuration: the source
