import json

from cdktn import App, TerraformOutput, TerraformStack
from constructs import Construct
from cdktn_provider_aws.iam_role import IamRole
from cdktn_provider_aws.provider import AwsProvider
from cdktn_provider_aws.s3_bucket import S3Bucket
from cdktn_provider_aws.s3_bucket_policy import S3BucketPolicy


class StorageStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        self.logs = S3Bucket(self, "logs", bucket_prefix="logs-")
        reader = IamRole(
            self,
            "reader",
            name_prefix="reader-",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
            }),
        )
        S3BucketPolicy(
            self,
            "logs-policy",
            bucket="${aws_s3_bucket.logs.id}",
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": "${aws_iam_role.reader.arn}"},
                    "Action": "s3:GetObject",
                    "Resource": "${aws_s3_bucket.logs.arn}/*",
                }],
            }),
        )
        TerraformOutput(self, "logs-url", value=f"https://${{aws_s3_bucket.logs.bucket_domain_name}}/{construct_id}")
        self.outputs(reader)

    def outputs(self, reader: IamRole) -> None:
        TerraformOutput(self, "logs-arn", value="${aws_s3_bucket.logs.arn}")


app = App()
StorageStack(app, "storage")
app.synth()
