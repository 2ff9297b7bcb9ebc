"""A table whose secondary index is a snake_case dict in a list: its keys would reach jsii untranslated."""
from cdktn import App, TerraformStack
from cdktn_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute
from cdktn_provider_aws.provider import AwsProvider


class TablesStack(TerraformStack):
    def __init__(self, scope, name):
        super().__init__(scope, name)
        AwsProvider(self, "aws", region="us-east-1")
        DynamodbTable(
            self,
            "orders",
            name="orders",
            hash_key="pk",
            billing_mode="PAY_PER_REQUEST",
            attribute=[DynamodbTableAttribute(name="pk", type="S"), DynamodbTableAttribute(name="owner", type="S")],
            global_secondary_index=[{"name": "by_owner", "hash_key": "owner", "projection_type": "ALL"}],
        )


app = App()
TablesStack(app, "tables")
app.synth()
