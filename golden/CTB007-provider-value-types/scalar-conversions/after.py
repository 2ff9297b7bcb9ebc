from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


def cache(self, vpc_id, port):
    ElasticacheReplicationGroup(
        self,
        "cache",
        replication_group_id="sessions",
        description="session cache",
        at_rest_encryption_enabled="true",  # the provider takes "true"/"false" here
        transit_encryption_enabled=False,
        port=6379,
        num_cache_clusters="two",
    )
    LbTargetGroup(self, "api", name="api", port=port, protocol="HTTP", vpc_id=vpc_id, deregistration_delay="30")
    S3Bucket(self, "logs", bucket="logs", force_destroy=True, tags={"cost-center": "1234", "team": "data"})
