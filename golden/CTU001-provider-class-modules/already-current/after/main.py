from cdktf_cdktf_provider_aws import vpc
from cdktf_cdktf_provider_aws.instance import Instance
from cdktf_cdktf_provider_aws.provider import AwsProvider


def web(scope):
    AwsProvider(scope, "aws", region="eu-west-1")
    vpc.Vpc(scope, "main", cidr_block="10.0.0.0/16")
    Instance(scope, "web", ami="ami-123")
