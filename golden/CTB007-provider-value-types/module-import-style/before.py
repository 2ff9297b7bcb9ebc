from cdktf_cdktf_provider_aws import dynamodb_table


def tables(self):
    dynamodb_table.DynamodbTable(
        self,
        "orders",
        name="orders",
        hash_key="pk",
        attribute=[{"name": "pk", "type": "S"}],
        global_secondary_index=[{"name": "by_owner", "hash_key": "owner", "projection_type": "ALL"}],
    )
