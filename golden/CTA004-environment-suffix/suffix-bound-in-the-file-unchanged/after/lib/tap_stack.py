import os

from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue

environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")


class TapStack(TerraformStack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        SqsQueue(self, "orders", name=f"orders-{environment_suffix}")


class EdgeStack(TerraformStack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id)
        suffix = kwargs.get("environment_suffix", "dev")
        SqsQueue(self, "edge", name=f"edge-{suffix}")
        self.names = [f"{environment_suffix}" for environment_suffix in ("a", "b")]
