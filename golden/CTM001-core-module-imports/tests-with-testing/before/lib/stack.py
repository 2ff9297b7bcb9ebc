from cdktf import TerraformStack
from constructs import Construct


class MainStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
