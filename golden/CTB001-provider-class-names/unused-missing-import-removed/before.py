from cdktf_cdktf_provider_aws.cloudfront_distribution import (
    CloudfrontDistribution,
    CloudfrontDistributionDefaultRootObject,
)
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableStreamSpecification, DynamodbTableTtl
from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinitionContainerDefinitions


def site(self, origins, definitions):
    # the two imports that name no class are never used: removing them is all the fix there is
    CloudfrontDistribution(self, "cdn", default_root_object="index.html", origin=origins, enabled=True)
    DynamodbTable(self, "t", name="t", hash_key="pk", stream_enabled=True, ttl=DynamodbTableTtl(enabled=True))
    # this one is used: it stays, reported
    return EcsTaskDefinitionContainerDefinitions(definitions)
