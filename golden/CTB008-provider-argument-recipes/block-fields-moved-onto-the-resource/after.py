from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.elasticache_replication_group import (
    ElasticacheReplicationGroup)


class Cache(TerraformStack):
    def __init__(self, scope: Construct, id: str, shards: int):
        super().__init__(scope, id)
        ElasticacheReplicationGroup(
            self,
            "sessions",
            replication_group_id="sessions",
            description="sessions",
            num_node_groups=shards,
            replicas_per_node_group=1,
        )
        ElasticacheReplicationGroup(
            self,
            "orders",
            replication_group_id="orders",
            description="orders",
            num_node_groups=2,
            replicas_per_node_group=1,
        )
        ElasticacheReplicationGroup(self, "current", replication_group_id="current", description="current",
                                    cluster_mode="enabled", num_node_groups=2)
