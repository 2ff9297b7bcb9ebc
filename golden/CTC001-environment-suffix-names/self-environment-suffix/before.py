from constructs import Construct
from cdktf_cdktf_provider_aws import sqs_queue
from cdktf_cdktf_provider_aws.sns_topic import SnsTopic


class Messaging(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        self.environment_suffix = environment_suffix
        self.queues()

    def queues(self) -> None:
        sqs_queue.SqsQueue(self, f"orders-{self.environment_suffix}", name="orders")
        SnsTopic(self, "alerts", name="payments-alerts")
