from constructs import Construct
from cdktn_provider_aws.vpc import Vpc


class NetworkConstruct(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        Vpc(self, "vpc", cidr_block="10.0.0.0/16", tags={"Name": f"network-{environment_suffix}"})
