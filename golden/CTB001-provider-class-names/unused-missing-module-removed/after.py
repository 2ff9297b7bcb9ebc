from cdktf_cdktf_provider_aws import vpc, \
    subnet
from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule


def build(scope):
    net = vpc.Vpc(scope, "vpc", cidr_block="10.0.0.0/16")
    subnet.Subnet(scope, "a", vpc_id=net.id, cidr_block="10.0.1.0/24")
    CloudwatchEventRule(scope, "nightly", schedule_expression="rate(1 day)")
