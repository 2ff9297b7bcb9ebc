from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable
from cdktf_cdktf_provider_aws.lambda_function_event_invoke_config import (
    LambdaFunctionEventInvokeConfig,
    LambdaFunctionEventInvokeConfigDestinationConfigOnSuccess,
)


def wiring(self, topic_arn, billing):
    # the success destination is one property of the destination config: the config goes around it
    LambdaFunctionEventInvokeConfig(
        self,
        "invoke",
        function_name="enricher",
        destination_config=LambdaFunctionEventInvokeConfigDestinationConfigOnSuccess(destination=topic_arn),
    )
    # `**billing` may hold more properties: the keywords written out are still judged, nothing is "missing"
    DynamodbTable(
        self,
        "sessions",
        name="sessions",
        global_secondary_index=[{"name": "by_user", "hash_key": "user", "projection_type": "ALL"}],
        **billing,
    )
