from constructs import Construct
from cdktn_provider_aws.provider import AwsProvider, AwsProviderDefaultTags


def providers(scope: Construct, tags: dict):
    AwsProvider(scope, "primary", region="us-east-1", default_tags=[{"tags": tags}])
    AwsProvider(scope, "replica", alias="replica", region="us-west-2", default_tags=[AwsProviderDefaultTags(tags=tags)])
