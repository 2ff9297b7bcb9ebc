from cdktf_cdktf_provider_aws.iam_policy import IamPolicy
from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import DataAwsIamPolicyDocument


def policy(scope):
    document = DataAwsIamPolicyDocument(scope, "read", statement=[{"actions": ["s3:GetObject"], "resources": ["*"]}])
    IamPolicy(scope, "policy", policy=document.json)
