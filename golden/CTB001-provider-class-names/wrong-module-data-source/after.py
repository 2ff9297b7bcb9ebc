from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.data_aws_vpc import DataAwsVpc
from cdktf_cdktf_provider_aws.security_group import SecurityGroup
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule
from cdktf_cdktf_provider_aws.data_aws_vpc import DataAwsVpc as ExistingLookup


def lookup(scope):
    default = DataAwsVpc(scope, "default", default=True)
    sg = SecurityGroup(scope, "sg", vpc_id=default.id)
    SecurityGroupRule(scope, "https", type="ingress", from_port=443, to_port=443, protocol="tcp",
                      security_group_id=sg.id, cidr_blocks=["0.0.0.0/0"])
    return Vpc, ExistingLookup
