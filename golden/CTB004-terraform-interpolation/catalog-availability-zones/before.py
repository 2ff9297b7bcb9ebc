from cdktf import App, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.vpc import Vpc


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        azs = DataAwsAvailabilityZones(self, "available", state="available")
        for i in range(2):
            Subnet(
                self,
                f"private-{i}",
                vpc_id=vpc.id,
                cidr_block=f"10.0.{i}.0/24",
                availability_zone=f"${{element({azs.names}, {i})}}",  # spread over two zones
            )
        Subnet(self, "public-0", vpc_id=vpc.id, cidr_block="10.0.100.0/24",
               availability_zone="${data.aws_availability_zones.available.names[0]}")
        for i in range(2):
            Subnet(self, f"public-{i + 1}", vpc_id=vpc.id, cidr_block=f"10.0.{101 + i}.0/24",
                   availability_zone=f"${{data.aws_availability_zones.available.names[{i + 1}]}}")


app = App()
NetworkStack(app, "network")
app.synth()
