from cdktf_cdktf_provider_aws.lakeformation_opt_in import LakeformationOptInResourceDataLfTag
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


def storage(self, tags):
    # nothing here changed between the two provider versions
    S3Bucket(self, "logs", bucket_prefix="logs-", force_destroy=True)
    # `**tags` may hold `values`: nothing is said to be missing
    return LakeformationOptInResourceDataLfTag(key="team", **tags)
