from cdktf_cdktf_provider_aws import *
from cdktf_cdktf_provider_aws.ec2 import *


def web(scope):
    AwsProvider(scope, "aws", region="eu-west-1")
    Instance(scope, "web", ami="ami-123")
