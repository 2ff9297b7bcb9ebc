from cdktf_cdktf_provider_aws.networkfirewall import (
    NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList,
)
from cdktf_cdktf_provider_aws import networkfirewall

allow = NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList(
    generated_rules_type="ALLOWLIST", target_types=["TLS_SNI"], targets=[".example.com"])
deny = networkfirewall.NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceList(
    generated_rules_type="DENYLIST", target_types=["TLS_SNI"], targets=[".example.org"])
