from constructs import Construct
from cdktn_provider_aws.db_subnet_group import DbSubnetGroup
from cdktn_provider_aws.rds_cluster import RdsCluster


class DatabaseStack(Construct):
    def __init__(self, scope: Construct, construct_id: str, subnet_ids, security_group_id: str,
                 environment_suffix: str):
        super().__init__(scope, construct_id)
        subnets = DbSubnetGroup(self, "subnets", name=f"payments-{environment_suffix}", subnet_ids=subnet_ids)
        RdsCluster(
            self,
            "cluster",
            cluster_identifier=f"payments-{environment_suffix}",
            engine="aurora-postgresql",
            master_username="payments",
            manage_master_user_password=True,
            db_subnet_group_name=subnets.name,
            vpc_security_group_ids=[security_group_id],
            skip_final_snapshot=True,
        )
