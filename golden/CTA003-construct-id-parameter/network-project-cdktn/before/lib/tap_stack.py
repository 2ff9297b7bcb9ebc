from cdktn import TerraformOutput, TerraformStack
from constructs import Construct
from cdktn_provider_aws.provider import AwsProvider

from lib.constructs.network import NetworkConstruct


class TapStack(TerraformStack):
    """Main stack."""

    def __init__(self, scope: Construct, id: str, environment_suffix: str = "dev"):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        network = NetworkConstruct(self, id="network", environment_suffix=environment_suffix)
        TerraformOutput(self, "vpc_id", value=network.vpc.id)
