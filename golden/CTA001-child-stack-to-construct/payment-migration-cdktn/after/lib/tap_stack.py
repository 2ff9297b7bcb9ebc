"""Payment migration: network, security and database for the new payments platform."""
from cdktn import TerraformOutput, TerraformStack
from constructs import Construct
from cdktn_provider_aws.provider import AwsProvider

from lib.stacks.vpc_stack import VpcStack
from lib.stacks.security_stack import SecurityStack
from lib.stacks.database_stack import DatabaseStack


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")

        # children share this stack's provider and state
        vpc = VpcStack(self, "vpc", environment_suffix=environment_suffix)
        security = SecurityStack(self, "security", vpc_id=vpc.vpc.id, environment_suffix=environment_suffix)
        DatabaseStack(
            self,
            "database",
            subnet_ids=[s.id for s in vpc.subnets],
            security_group_id=security.database_sg.id,
            environment_suffix=environment_suffix,
        )
        TerraformOutput(self, "vpc_id", value=vpc.vpc.id)
