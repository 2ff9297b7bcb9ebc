import cdktf_cdktf_provider_aws as aws


def queue(scope):
    aws.AwsProvider(scope, "aws", region="eu-west-1")
    jobs = aws.sqs.SqsQueue(scope, "jobs", name="jobs")
    return aws.sqs.SqsQueuePolicy(scope, "policy", queue_url=jobs.url, policy="{}")
