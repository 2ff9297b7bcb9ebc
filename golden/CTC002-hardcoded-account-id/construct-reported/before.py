from constructs import Construct
from cdktf_cdktf_provider_aws.iam_role import IamRole


class Auditor(Construct):
    def __init__(self, scope: Construct, construct_id: str, trust_policy: str):
        super().__init__(scope, construct_id)
        IamRole(self, "auditor", assume_role_policy=trust_policy,
                permissions_boundary="arn:aws:iam::123456789012:policy/boundary")
