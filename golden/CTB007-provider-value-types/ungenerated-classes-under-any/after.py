from cdktf_cdktf_provider_aws.wafv2_web_acl import (
    Wafv2WebAcl,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclRule,
    Wafv2WebAclRuleVisibilityConfig,
    Wafv2WebAclVisibilityConfig,
)


def firewall(self):
    Wafv2WebAcl(
        self,
        "acl",
        name="api",
        scope="REGIONAL",
        default_action=Wafv2WebAclDefaultAction(allow={}),
        visibility_config=Wafv2WebAclVisibilityConfig(
            cloudwatch_metrics_enabled=True, metric_name="api", sampled_requests_enabled=True
        ),
        rule=[
            Wafv2WebAclRule(
                name="common",
                priority=1,
                override_action={"none": {}},
                # jsii generates no class this deep: the statement is typed `any`
                statement={
                    "managed_rule_group_statement": {
                        "name": "AWSManagedRulesCommonRuleSet",
                        "vendor_name": "AWS",
                    }
                },
                visibility_config=Wafv2WebAclRuleVisibilityConfig(
                    cloudwatch_metrics_enabled=True, metric_name="common", sampled_requests_enabled=True
                ),
            )
        ],
    )
