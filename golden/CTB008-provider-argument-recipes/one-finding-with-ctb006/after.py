from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.eip import Eip


class Network(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        Eip(self, "nat", domain="vpc", force_destory=True)
