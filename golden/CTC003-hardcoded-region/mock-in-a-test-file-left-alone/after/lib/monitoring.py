from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup


class Monitoring(Construct):
    def __init__(self, scope: Construct, construct_id: str, aws_region: str):
        super().__init__(scope, construct_id)
        CloudwatchLogGroup(self, "app", name=f"/app/{aws_region}", retention_in_days=2557)
