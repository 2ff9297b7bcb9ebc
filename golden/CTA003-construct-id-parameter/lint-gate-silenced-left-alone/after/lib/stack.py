from cdktf import TerraformStack
from constructs import Construct

from lib.network import Network, Routes, Subnets


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        Network(self, id="network", cidr="10.0.0.0/16")
        Subnets(self, id="subnets")
        Routes(self, construct_id="routes")
