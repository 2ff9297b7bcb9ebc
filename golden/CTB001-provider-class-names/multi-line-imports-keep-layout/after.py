from cdktf_cdktf_provider_aws import provider, vpc, subnet, \
    internet_gateway, nat_gateway
from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule
from cdktf_cdktf_provider_aws.vpc import (
    Vpc,  # the network
)
# looked up, not created
from cdktf_cdktf_provider_aws.data_aws_vpc import DataAwsVpc
from cdktf_cdktf_provider_aws.security_group import (
    SecurityGroup,
)
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule


def build(scope):
    provider.AwsProvider(scope, "aws", region="us-east-1")
    net = vpc.Vpc(scope, "vpc", cidr_block="10.0.0.0/16")
    subnet.Subnet(scope, "a", vpc_id=net.id, cidr_block="10.0.1.0/24")
    internet_gateway.InternetGateway(scope, "igw", vpc_id=net.id)
    nat_gateway.NatGateway
    CloudwatchEventRule(scope, "nightly", schedule_expression="rate(1 day)")
    sg = SecurityGroup(scope, "sg", vpc_id=DataAwsVpc(scope, "default", default=True).id)
    SecurityGroupRule(scope, "r", type="egress", from_port=0, to_port=0, protocol="-1", security_group_id=sg.id)
    return Vpc
