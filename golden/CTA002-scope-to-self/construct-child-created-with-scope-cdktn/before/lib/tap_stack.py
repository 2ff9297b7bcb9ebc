from cdktn import TerraformStack
from constructs import Construct
from cdktn_provider_aws.provider import AwsProvider
from cdktn_provider_aws.sqs_queue import SqsQueue


class Queues(Construct):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        SqsQueue(self, "orders")


class TapStack(TerraformStack):
    def __init__(self, parent: Construct, construct_id: str):
        super().__init__(parent, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        Queues(parent, "queues")  # the stack's own scope parameter is named `parent` here
        SqsQueue(parent, "not-a-project-construct")  # provider classes are for another rule to judge
        TapStack.helper(parent)

    @staticmethod
    def helper(scope):
        return Queues(scope, "helper-queues")  # not in __init__: left alone
