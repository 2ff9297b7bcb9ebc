from cdktn import TerraformStack
from constructs import Construct
from cdktn_provider_aws.subnet import Subnet
from cdktn_provider_aws.vpc import Vpc


class VpcStack(TerraformStack):
    """Network for the payments platform."""

    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        self.vpc = Vpc(self, "vpc", cidr_block="10.20.0.0/16", tags={"Name": f"payments-{environment_suffix}"})
        self.subnets = [
            Subnet(self, f"private-{i}", vpc_id=self.vpc.id, cidr_block=f"10.20.{i}.0/24",
                   availability_zone=f"us-east-1{zone}")
            for i, zone in enumerate("ab")
        ]
