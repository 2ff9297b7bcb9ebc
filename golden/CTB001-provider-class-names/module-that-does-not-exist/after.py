from cdktf_cdktf_provider_aws import provider
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute


def tables(scope):
    provider.AwsProvider(scope, "aws", region="us-west-2")
    table = DynamodbTable(
        scope,
        "orders",
        name="orders",
        hash_key="pk",
        attribute=[DynamodbTableAttribute(name="pk", type="S")],
    )
    return table
