from cdktf_cdktf_provider_aws.iam_policy import IamPolicy
from cdktf_cdktf_provider_aws.iam_policy_document import IamPolicyDocument


def policy(scope):
    document = IamPolicyDocument(scope, "read", statement=[{"actions": ["s3:GetObject"], "resources": ["*"]}])
    IamPolicy(scope, "policy", policy=document.json)
