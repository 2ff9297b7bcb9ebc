from unittest import mock

from cdktf import App, TerraformStack, Testing
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup

from lib.monitoring import Monitoring


def test_regions_are_listed():
    client = mock.Mock()
    client.describe_regions.return_value = {"us-east-1", "us-west-2"}
    assert "us-east-1" in client.describe_regions()


def test_monitoring_synthesizes():
    stack = TerraformStack(App(), "test")
    Monitoring(stack, "monitoring", aws_region="us-east-1")
    CloudwatchLogGroup(stack, "fixture", name="arn:aws:logs:us-east-1:123456789012:x", retention_in_days=10)
    assert Testing.synth(stack)
