from constructs import Construct
from cdktn_provider_aws.dms_replication_instance import DmsReplicationInstance
from cdktn_provider_aws.lambda_function import LambdaFunction
from cdktn_provider_aws.rds_cluster import RdsCluster, RdsClusterServerlessv2ScalingConfiguration


class Payments(Construct):
    """Production payment processing: 50k requests a day."""

    def __init__(self, scope: Construct, construct_id: str, role_arn: str, code_path: str):
        super().__init__(scope, construct_id)
        RdsCluster(self, "ledger", engine="aurora-postgresql", engine_mode="provisioned",
                   serverlessv2_scaling_configuration={"min_capacity": 0.5, "max_capacity": 16})
        RdsCluster(self, "reports", engine="aurora-postgresql",
                   serverlessv2_scaling_configuration=RdsClusterServerlessv2ScalingConfiguration(min_capacity=0.5, max_capacity=4))
        LambdaFunction(self, "authorize", function_name="authorize-production", role=role_arn, handler="index.handler",
                       runtime="python3.12", filename=code_path, reserved_concurrent_executions=10)
        DmsReplicationInstance(self, "migration", replication_instance_id="ledger-migration",
                               replication_instance_class="dms.t3.medium", multi_az=False)
