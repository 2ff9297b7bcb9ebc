from cdktf import TerraformStack
from constructs import Construct


class BaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment: str):
        TerraformStack.__init__(self, scope, id=construct_id)
        self.environment = environment


class PaymentsStack(BaseStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id=construct_id, environment="prod")
