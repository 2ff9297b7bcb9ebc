from cdktf_cdktf_provider_aws import vpc  # vpc is a module still
from cdktf_cdktf_provider_aws.provider import AwsProvider


def provider(scope):
    return AwsProvider(scope, "aws", region="eu-west-1")
