from cdktf_cdktf_provider_aws.eventbridge_rule import EventbridgeRule
from cdktf_cdktf_provider_aws.s3_bucket_encryption import S3BucketEncryption


def build(scope):
    EventbridgeRule(scope, "nightly", schedule_expression="cron(0 2 * * ? *)")
    return S3BucketEncryption
