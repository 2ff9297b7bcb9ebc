"""A Lambda handler beside the stacks: runtime code, not infrastructure (no cdktf import)."""
import os


def topic_arn() -> str:
    return os.environ.get("SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:test-topic")
