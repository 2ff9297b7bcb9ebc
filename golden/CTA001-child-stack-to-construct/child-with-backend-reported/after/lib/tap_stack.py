import cdktf
from cdktf import S3Backend
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue


class QueueStack(Construct):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        S3Backend(self, bucket="state", key="queues.tfstate", region="us-east-1")
        SqsQueue(self, "orders")


class TapStack(cdktf.TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        QueueStack(self, "queues")
