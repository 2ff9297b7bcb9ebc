"""Network stack."""
from cdktf import TerraformStack

# provider resources
from cdktf_cdktf_provider_aws import vpc  # generator style
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet


class Network(TerraformStack):
    def build(self):
        AwsProvider(self, "aws", region="us-east-1")
        main = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
        Subnet(self, "a", vpc_id=main.id, cidr_block="10.0.1.0/24")
        return vpc
