from constructs import Construct
from cdktf import App, TerraformStack, S3Backend
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws import ssm_parameter


class Database(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        S3Backend(self, bucket="state", key="db.tfstate", region="us-east-1", use_lockfile=True)
        AwsProvider(self, "aws", region="us-east-1")
        DbInstance(self, "db", instance_class="db.t3.micro", allocated_storage=20, engine="postgres",
                   username="app", password_wo="from-a-secret", password_wo_version=1)
        # "password_wo" in a comment and the string "value_wo=" are not uses
        ssm_parameter.SsmParameter(self, "token", name="/app/token", type="SecureString", value_wo="t0ken",
                                   value_wo_version=1)


app = App()
Database(app, "database")
app.synth()
