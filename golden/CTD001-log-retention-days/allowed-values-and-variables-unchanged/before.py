from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue

LOG_SETTINGS = {"retention_in_days": 10}  # a mapping key, not an argument


class Logging(Construct):
    def __init__(self, scope: Construct, construct_id: str, retention: int = 2555):
        super().__init__(scope, construct_id)
        CloudwatchLogGroup(self, "app", name="app", retention_in_days=30)
        CloudwatchLogGroup(self, "forever", name="forever", retention_in_days=0)
        CloudwatchLogGroup(self, "tuned", name="tuned", retention_in_days=retention)
        CloudwatchLogGroup(self, "ten-years", name="ten-years", retention_in_days=3653)
        SqsQueue(self, "queue", name="queue", message_retention_seconds=1209600)
