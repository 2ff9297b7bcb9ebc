from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.provider import AwsProvider


class SecurityStack(TerraformStack):
    """Trusts the central security account: two accounts on purpose."""

    def __init__(self, scope: Construct, construct_id: str, trust_policy: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1", allowed_account_ids=["111111111111"])
        IamRole(self, "security-audit", assume_role_policy=trust_policy,
                permissions_boundary="arn:aws:iam::222222222222:policy/boundary")
