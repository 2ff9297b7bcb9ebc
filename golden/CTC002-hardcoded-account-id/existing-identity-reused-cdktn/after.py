from cdktn import TerraformStack
from constructs import Construct
from cdktn_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktn_provider_aws.sns_topic_policy import SnsTopicPolicy


class AlertsStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, topic_arn: str):
        super().__init__(scope, construct_id)
        self.current = DataAwsCallerIdentity(self, "current")
        SnsTopicPolicy(self, "alerts-policy", arn=topic_arn, policy=self.policy(f"arn:aws:sns:us-east-1:{self.current.account_id}:alerts"))

    def policy(self, topic_arn: str) -> str:
        return f'{{"Statement": [{{"Principal": {{"AWS": "arn:aws:iam::{self.current.account_id}:root"}}}}]}}'
