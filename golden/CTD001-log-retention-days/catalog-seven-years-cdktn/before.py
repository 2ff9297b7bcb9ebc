from cdktn import App, TerraformStack
from constructs import Construct
from cdktn_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktn_provider_aws.provider import AwsProvider


class Logging(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        # compliance: keep audit logs for seven years
        CloudwatchLogGroup(
            self,
            "audit-logs",
            name=f"/payments/audit-{environment_suffix}",
            retention_in_days=2555,  # 7 * 365
        )
        CloudwatchLogGroup(self, "app-logs", name=f"/payments/app-{environment_suffix}", retention_in_days=10)
        CloudwatchLogGroup(self, "debug-logs", name=f"/payments/debug-{environment_suffix}", retention_in_days=2)


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        Logging(self, "logging", environment_suffix)


app = App()
TapStack(app, "tap", environment_suffix="dev")
app.synth()
