from cdktf import TerraformStack
from constructs import Construct


class BaseStack(TerraformStack):
    def __init__(self, scope: Construct, id: str, environment: str):
        TerraformStack.__init__(self, scope, id=id)
        self.environment = environment


class PaymentsStack(BaseStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id=id, environment="prod")
