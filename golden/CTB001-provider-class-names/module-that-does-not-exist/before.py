from cdktf_cdktf_provider_aws import dynamodb, provider


def tables(scope):
    provider.AwsProvider(scope, "aws", region="us-west-2")
    table = dynamodb.DynamodbTable(
        scope,
        "orders",
        name="orders",
        hash_key="pk",
        attribute=[dynamodb.DynamodbTableAttribute(name="pk", type="S")],
    )
    return table
