"""A replication group given a bool where provider v6 takes the string "true"."""
from cdktn import App, TerraformStack
from cdktn_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup
from cdktn_provider_aws.provider import AwsProvider


class CacheStack(TerraformStack):
    def __init__(self, scope, name):
        super().__init__(scope, name)
        AwsProvider(self, "aws", region="us-east-1")
        ElasticacheReplicationGroup(
            self,
            "sessions",
            replication_group_id="sessions",
            description="session cache",
            node_type="cache.t4g.small",
            at_rest_encryption_enabled="true",
        )


app = App()
CacheStack(app, "cache")
app.synth()
