from cdktf_cdktf_provider_aws import AwsProvider, cloudwatch, vpc  # vpc is a module still
import cdktf_cdktf_provider_aws.sqs as queues


def provider(scope):
    return AwsProvider(scope, "aws", region="eu-west-1")
