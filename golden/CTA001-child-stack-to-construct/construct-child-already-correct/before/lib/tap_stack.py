from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider

from lib.network import Network


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        Network(self, "network", environment_suffix=environment_suffix)
