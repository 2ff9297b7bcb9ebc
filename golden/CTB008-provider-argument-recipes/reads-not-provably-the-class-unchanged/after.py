from cdktf import App, TerraformOutput, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.eip import Eip

app = App()
shared = TerraformStack(app, "shared")
db = DbInstance(shared, "db", engine="postgres", instance_class="db.t3.micro", db_name="orders")


def database_name(db) -> str:
    return db.name  # any object passed in: not provably the DbInstance above


class Database(TerraformStack):
    def __init__(self, scope: Construct, id: str, settings):
        super().__init__(scope, id)
        self.db = DbInstance(self, "db", engine="postgres", instance_class="db.t3.micro", db_name="orders")
        TerraformOutput(self, "database", value=self.db.db_name)
        db = settings.primary
        TerraformOutput(self, "settings", value=db.name)
        Eip(self, "nat", domain="vpc")
