from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinition, EcsTaskDefinitionContainerDefinitions
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableStreamSpecification


def build(scope):
    EcsTaskDefinition(scope, "task", family="app",
                      container_definitions=[EcsTaskDefinitionContainerDefinitions(name="app", image="nginx")])
    DynamodbTable(scope, "t", name="t", hash_key="pk",
                  stream_specification=DynamodbTableStreamSpecification(stream_enabled=True))
