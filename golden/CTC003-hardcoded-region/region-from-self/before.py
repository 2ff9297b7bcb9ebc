from constructs import Construct
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy


class Reader(Construct):
    def __init__(self, scope: Construct, construct_id: str, aws_region: str, role_id: str):
        super().__init__(scope, construct_id)
        self.aws_region = aws_region
        self.policy(role_id)

    def policy(self, role_id: str) -> None:
        IamRolePolicy(self, "read-params", role=role_id, policy='{"Statement": [{"Effect": "Allow", '
                      '"Action": "ssm:GetParameter", "Resource": "arn:aws:ssm:eu-west-1:*:parameter/payments/*"}]}')
