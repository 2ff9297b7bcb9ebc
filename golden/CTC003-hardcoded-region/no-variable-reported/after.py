from constructs import Construct
from cdktf_cdktf_provider_aws.sns_topic_subscription import SnsTopicSubscription


def subscriptions(scope: Construct, topic_arn: str, aws_region: str) -> None:
    SnsTopicSubscription(scope, "alerts", topic_arn=topic_arn, protocol="sqs",
                         endpoint=f"arn:aws:sqs:{aws_region}:123456789012:alerts")


def audit(scope: Construct, topic_arn: str) -> None:
    SnsTopicSubscription(scope, "audit", topic_arn=topic_arn, protocol="sqs",
                         endpoint="arn:aws:sqs:us-east-1:123456789012:audit")
