from constructs import Construct
from cdktf_cdktf_provider_aws.vpc import Vpc


class Network(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        Vpc(self, "vpc", cidr_block="10.0.0.0/16", tags={"Env": environment_suffix})
