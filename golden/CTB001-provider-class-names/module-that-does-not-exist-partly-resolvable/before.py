from cdktf_cdktf_provider_aws import dynamodb


def tables(scope):
    table = dynamodb.DynamodbTable(scope, "orders", name="orders", hash_key="pk")
    # no such class anywhere: the binding must stay, or this line would become a NameError
    dynamodb.DynamodbGlobalTableV3(scope, "global", name="orders")
    return table
