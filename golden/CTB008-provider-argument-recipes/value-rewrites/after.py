from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.eip import Eip
from cdktf_cdktf_provider_aws.guardduty_organization_configuration import GuarddutyOrganizationConfiguration


class Network(TerraformStack):
    def __init__(self, scope: Construct, id: str, classic: bool):
        super().__init__(scope, id)
        Eip(self, "nat", domain="vpc", tags={"Name": "nat"})
        Eip(self, "bastion", vpc=classic)
        Eip(self, "both", vpc=True, domain="vpc")
        GuarddutyOrganizationConfiguration(self, "org", detector_id="d", auto_enable_organization_members="NEW")
