from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster


class Sandbox(Construct):
    """A developer sandbox: small on purpose."""

    def __init__(self, scope: Construct, construct_id: str, role_arn: str, code_path: str):
        super().__init__(scope, construct_id)
        RdsCluster(self, "scratch", engine="aurora-postgresql", serverlessv2_scaling_configuration={"min_capacity": 0.5})
        LambdaFunction(self, "worker", function_name="worker-dev", role=role_arn, handler="index.handler",
                       runtime="python3.12", filename=code_path, reserved_concurrent_executions=2)
        LambdaFunction(self, "paused", function_name="paused-dev", role=role_arn, handler="index.handler",
                       runtime="python3.12", filename=code_path, reserved_concurrent_executions=0)
