from constructs import Construct
from cdktn_provider_aws.subnet import Subnet
from cdktn_provider_aws.vpc import Vpc


class NetworkConstruct(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        self.vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", tags={"Name": f"{construct_id}-{environment_suffix}"})
        self.subnets = [
            Subnet(self, f"subnet-{i}", vpc_id=self.vpc.id, cidr_block=f"10.0.{i}.0/24")
            for i in range(2)
        ]
