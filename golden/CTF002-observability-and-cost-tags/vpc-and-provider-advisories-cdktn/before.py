from constructs import Construct
from cdktn_provider_aws.provider import AwsProvider
from cdktn_provider_aws.vpc import Vpc


def network(scope: Construct, tags: dict) -> Vpc:
    AwsProvider(scope, "aws", region="us-east-1")
    AwsProvider(scope, "tagged", alias="tagged", region="us-east-1", default_tags=[{"tags": {"Project": "payments"}}])
    AwsProvider(scope, "computed", alias="computed", region="us-east-1", default_tags=[{"tags": tags}])
    return Vpc(scope, "vpc", cidr_block="10.0.0.0/16")
