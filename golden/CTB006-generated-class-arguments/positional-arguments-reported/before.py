from constructs import Construct
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTableAttribute


def queue(scope: Construct):
    SqsQueue(scope, "jobs", "jobs-queue")
    return DynamodbTableAttribute("pk", "S")
