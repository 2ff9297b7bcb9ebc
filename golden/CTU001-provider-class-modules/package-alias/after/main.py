from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue
from cdktf_cdktf_provider_aws.sqs_queue_policy import SqsQueuePolicy


def queue(scope):
    AwsProvider(scope, "aws", region="eu-west-1")
    jobs = SqsQueue(scope, "jobs", name="jobs")
    return SqsQueuePolicy(scope, "policy", queue_url=jobs.url, policy="{}")
