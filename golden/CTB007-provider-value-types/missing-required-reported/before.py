from cdktf_cdktf_provider_aws.elasticache_subnet_group import ElasticacheSubnetGroup
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule


def network(self, subnets):
    ElasticacheSubnetGroup(self, "cache-subnets", subnet_ids=subnets)
    return Wafv2WebAclRule(name="common", priority=1, statement={"rate_based_statement": {"limit": 100}})
