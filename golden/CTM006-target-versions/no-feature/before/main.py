from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.db_instance import DbInstance


class Database(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        # password_wo_version alone is no write-only attribute, and a None password_wo sets nothing
        DbInstance(self, "db", instance_class="db.t3.micro", allocated_storage=20, engine="postgres",
                   username="app", password="plain", password_wo=None, password_wo_version=1)


app = App()
Database(app, "database")
app.synth()
