from constructs import Construct
from cdktn import TerraformStack

from stacks.helpers import tags


class BaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        self.tags = tags()
