"""A WAFv2 rule whose statement uses classes jsii never generated (the block is typed `any`)."""
from cdktn import App, TerraformStack
from cdktn_provider_aws.provider import AwsProvider
from cdktn_provider_aws.wafv2_web_acl import (
    Wafv2WebAcl,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclRule,
    Wafv2WebAclRuleStatement,
    Wafv2WebAclRuleStatementManagedRuleGroupStatement,
    Wafv2WebAclRuleVisibilityConfig,
    Wafv2WebAclVisibilityConfig,
)


class FirewallStack(TerraformStack):
    def __init__(self, scope, name):
        super().__init__(scope, name)
        AwsProvider(self, "aws", region="us-east-1")
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
                    statement=Wafv2WebAclRuleStatement(
                        managed_rule_group_statement=Wafv2WebAclRuleStatementManagedRuleGroupStatement(
                            name="AWSManagedRulesCommonRuleSet", vendor_name="AWS"
                        )
                    ),
                    visibility_config=Wafv2WebAclRuleVisibilityConfig(
                        cloudwatch_metrics_enabled=True, metric_name="common", sampled_requests_enabled=True
                    ),
                )
            ],
        )


app = App()
FirewallStack(app, "firewall")
app.synth()
