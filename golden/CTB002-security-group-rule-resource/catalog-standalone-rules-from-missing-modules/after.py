from cdktf import App, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        web_sg = SecurityGroup(self, "web-sg", name_prefix="web-", description="web tier")

        # HTTPS from anywhere
        SecurityGroupRule(
            self,
            "web-https",
            type="ingress",
            security_group_id=web_sg.id,
            from_port=443,
            to_port=443,
            protocol="tcp",
            cidr_blocks=["0.0.0.0/0"],
        )
        SecurityGroupRule(self, "web-all-out", type="egress", security_group_id=web_sg.id, from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"])


app = App()
TapStack(app, "tap")
app.synth()
