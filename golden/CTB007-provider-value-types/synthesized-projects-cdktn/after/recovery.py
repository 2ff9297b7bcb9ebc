"""A table whose point-in-time recovery, one block, is given as a list."""
from cdktn import App, TerraformStack
from cdktn_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute
from cdktn_provider_aws.provider import AwsProvider


class RecoveryStack(TerraformStack):
    def __init__(self, scope, name):
        super().__init__(scope, name)
        AwsProvider(self, "aws", region="us-east-1")
        DynamodbTable(
            self,
            "audit",
            name="audit",
            hash_key="pk",
            billing_mode="PAY_PER_REQUEST",
            attribute=[DynamodbTableAttribute(name="pk", type="S")],
            point_in_time_recovery={"enabled": True},
        )


app = App()
RecoveryStack(app, "recovery")
app.synth()
