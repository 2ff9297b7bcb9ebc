from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.eip import Eip
from cdktf_cdktf_provider_aws.provider import AwsProvider


class Network(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="eu-west-1")
        Eip(self, "nat", vpc=True)  # right for hashicorp/aws 5.x, which 19.x wraps
        db = DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", db_name="orders")
        print(db.db_name)


app = App()
Network(app, "network")
app.synth()
