from cdktf_cdktf_provider_aws import vpc, eventbridge_rule, \
    eventbridge_target, subnet
import cdktf_cdktf_provider_aws.cloudwatch_events as events


def build(scope):
    net = vpc.Vpc(scope, "vpc", cidr_block="10.0.0.0/16")
    subnet.Subnet(scope, "a", vpc_id=net.id, cidr_block="10.0.1.0/24")
    eventbridge_rule.CloudwatchEventRule(scope, "nightly", schedule_expression="rate(1 day)")
