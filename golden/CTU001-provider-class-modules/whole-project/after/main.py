from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws import vpc
from cdktf_cdktf_provider_aws.provider import AwsProvider
from network import subnets


class Net(TerraformStack):
    def __init__(self, scope: Construct, ns: str):
        super().__init__(scope, ns)
        AwsProvider(self, "aws", region="eu-west-1")
        main = vpc.Vpc(self, "main", cidr_block="10.0.0.0/16")
        subnets(self, main)
        vpc.DataAwsSubnetIds(self, "ids", vpc_id=main.id)


app = App()
Net(app, "net")
app.synth()
