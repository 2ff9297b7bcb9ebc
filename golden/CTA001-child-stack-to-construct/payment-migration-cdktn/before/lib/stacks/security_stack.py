from cdktn import TerraformStack
from constructs import Construct
from cdktn_provider_aws.security_group import SecurityGroup


class SecurityStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        self.database_sg = SecurityGroup(self, "database", name=f"payments-db-{environment_suffix}", vpc_id=vpc_id)
