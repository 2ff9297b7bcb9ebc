from cdktn import TerraformStack
from constructs import Construct
from cdktn_provider_aws.provider import AwsProvider

from lib.network import NetworkConstruct
from lib.queues import QueueConstruct


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region=kwargs.get("region", "us-east-1"))
        NetworkConstruct(self, "network")
        QueueConstruct(self, "queues", retention_seconds=86400)
