from constructs import Construct
from cdktf import TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws import elasticache_replication_group
from cdktf_cdktf_provider_aws.autoscaling_attachment import AutoscalingAttachment
from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup
from cdktf_cdktf_provider_aws.db_instance import DbInstance


class Database(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        db = DbInstance(
            self,
            "db",
            engine="postgres",
            instance_class="db.t3.micro",
            name="orders",  # the database created inside the instance
        )
        TerraformOutput(self, "database", value=db.name)
        elasticache_replication_group.ElasticacheReplicationGroup(
            self,
            "cache",
            replication_group_id="orders",
            replication_group_description="orders cache",
            number_cache_clusters=2,
            availability_zones=["eu-west-1a", "eu-west-1b"],
        )
        AutoscalingAttachment(self, "attach", autoscaling_group_name="web", alb_target_group_arn="arn:tg")
        AutoscalingGroup(self, "web", max_size=2, min_size=1,
                         tags=[{"key": "team", "value": "orders", "propagate_at_launch": True}])
        AutoscalingGroup(self, "batch", max_size=2, min_size=1, tags={"team": "orders"})
