from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.api_gateway_deployment import ApiGatewayDeployment
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret


class Services(TerraformStack):
    def __init__(self, scope: Construct, id: str, rotator_arn: str):
        super().__init__(scope, id)
        self.cluster = EcsCluster(self, "cluster", name="services", capacity_providers=["FARGATE", "FARGATE_SPOT"])
        secret = SecretsmanagerSecret(
            self,
            "db-password",
            name="db-password",
            rotation_lambda_arn=rotator_arn,
            rotation_rules={"automatically_after_days": 30},
        )
        ApiGatewayDeployment(self, f"{id}-deployment", rest_api_id="api123", stage_name="prod")
