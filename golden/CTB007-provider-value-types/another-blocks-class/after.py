from cdktf_cdktf_provider_aws.backup_plan import (
    BackupPlanRuleCopyActionLifecycle, BackupPlan,
    BackupPlanRule,
    BackupPlanRuleCopyAction,
    BackupPlanRuleLifecycle,
)
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTableGlobalSecondaryIndex, DynamodbTable
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRuleVisibilityConfig, Wafv2WebAclRule


def plan(self, provisioned):
    BackupPlan(
        self,
        "daily",
        name="daily",
        rule=[
            BackupPlanRule(
                rule_name="daily",
                target_vault_name="main",
                lifecycle=BackupPlanRuleLifecycle(delete_after=7),
                # the copy action's lifecycle is a block class of its own, with the same keywords
                copy_action=[
                    BackupPlanRuleCopyAction(destination_vault_arn="arn", lifecycle=BackupPlanRuleCopyActionLifecycle(delete_after=7))
                ],
            )
        ],
    )
    # each branch of a conditional is a value of the property
    DynamodbTable(
        self,
        "sessions",
        name="sessions",
        hash_key="pk",
        global_secondary_index=[DynamodbTableGlobalSecondaryIndex(name="by_user", hash_key="user", projection_type="ALL", read_capacity=5)]
        if provisioned
        else [DynamodbTableGlobalSecondaryIndex(name="by_user", hash_key="user", projection_type="ALL")],
    )
    return Wafv2WebAclRule(
        name="common",
        priority=1,
        statement={"rate_based_statement": {"limit": 100}},
        visibility_config=Wafv2WebAclRuleVisibilityConfig(
            cloudwatch_metrics_enabled=True, metric_name="common", sampled_requests_enabled=True
        ),
    )
