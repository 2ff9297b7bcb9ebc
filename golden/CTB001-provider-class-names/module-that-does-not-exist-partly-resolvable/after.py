from cdktf_cdktf_provider_aws import dynamodb
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable


def tables(scope):
    table = DynamodbTable(scope, "orders", name="orders", hash_key="pk")
    # no such class anywhere: the binding must stay, or this line would become a NameError
    dynamodb.DynamodbGlobalTableV3(scope, "global", name="orders")
    return table
