from cdktf import App, TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        common_tags = {"Environment": "dev", "Project": "payments"}
        AwsProvider(self, "aws", region="us-east-1", default_tags=common_tags)
        S3Bucket(self, "bucket", bucket_prefix="payments-", tags=common_tags)


app = App()
TapStack(app, "tap")
app.synth()
