from cdktf_cdktf_provider_aws import opsworks, vpc, wafv2


def legacy(scope):
    vpc.DataAwsSubnetIds(scope, "ids", vpc_id="vpc-123")
    opsworks.OpsworksStack(scope, "stack", name="app", region="eu-west-1", service_role_arn="arn",
                           default_instance_profile_arn="arn")
    return wafv2.Wafv2WebAclRuleStatement()
