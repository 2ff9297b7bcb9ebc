from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, *, aws_region="us-east-1"):
        super().__init__(scope, construct_id)
        SqsQueue(self, "orders", name=f"orders-{environment_suffix}")
