from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
from cdktf_cdktf_provider_aws.redshift_cluster import RedshiftCluster
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret, SecretsmanagerSecretRotationRules
from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import EcsClusterCapacityProviders


class Services(TerraformStack):
    def __init__(self, scope: Construct, id: str, rotator_arn: str):
        super().__init__(scope, id)
        self.cluster = EcsCluster(
            self,
            "cluster",
            name="services",
        )
        EcsClusterCapacityProviders(self, "cluster-capacity-providers", cluster_name=self.cluster.name, capacity_providers=["FARGATE"], default_capacity_provider_strategy=[
                {"capacity_provider": "FARGATE", "weight": 1},  # the base load
            ])
        batch = EcsCluster(
            self,
            "batch",
            name="batch",
            capacity_providers=["FARGATE_SPOT"],  # interruptions are fine for batch jobs
        )
        secret = SecretsmanagerSecret(
            self,
            "db-password",
            rotation_lambda_arn=rotator_arn,
            rotation_rules=SecretsmanagerSecretRotationRules(automatically_after_days=30),
        )
        warehouse = RedshiftCluster(self, "warehouse", cluster_identifier="dw", node_type="ra3.xlplus",
                                    logging={"enable": True, "bucket_name": "logs"})
        self.warehouse = warehouse
