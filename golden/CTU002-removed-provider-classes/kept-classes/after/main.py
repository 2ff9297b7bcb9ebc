from cdktf_cdktf_provider_aws.data_aws_subnets import DataAwsSubnets
from cdktf_cdktf_provider_aws import vpc


def network(scope):
    vpc.Vpc(scope, "main", cidr_block="10.0.0.0/16")
    DataAwsSubnets(scope, "ids")
