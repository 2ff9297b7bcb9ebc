from constructs import Construct
from cdktn_provider_aws.sqs_queue import SqsQueue


class QueueConstruct(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str, retention_seconds: int = 345600):
        super().__init__(scope, construct_id)
        SqsQueue(self, "orders", name=f"orders-{environment_suffix}", message_retention_seconds=retention_seconds)
