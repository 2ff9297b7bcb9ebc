from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.launch_template import LaunchTemplate
from cdktf_cdktf_provider_aws.vpc import Vpc


class Network(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        Vpc(self, "vpc", cidr_block="10.0.0.0/16", enable_classiclink=False, enable_dns_hostnames=True)
        Vpc(
            self,
            "legacy",
            cidr_block="10.1.0.0/16",
            enable_classiclink=True,  # ask the platform team before removing
        )
        LaunchTemplate(self, "gpu", image_id="ami-1", elastic_inference_accelerator={"type": "eia2.medium"})
