from cdktf_cdktf_provider_aws.networkfirewall_rule_group import NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceListStruct

allow = NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceListStruct(
    generated_rules_type="ALLOWLIST", target_types=["TLS_SNI"], targets=[".example.com"])
deny = NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceListStruct(
    generated_rules_type="DENYLIST", target_types=["TLS_SNI"], targets=[".example.org"])
