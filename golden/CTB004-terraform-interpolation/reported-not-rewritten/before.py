from constructs import Construct
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_object import S3Object


def make_bucket(scope: Construct):
    return S3Bucket(scope, "assets", bucket_prefix="assets-")


class Site(Construct):
    def __init__(self, scope: Construct, construct_id: str, name: str):
        super().__init__(scope, construct_id)
        make_bucket(self)
        # the bucket is created in another function: no variable here holds it
        S3Object(self, "index", bucket="${aws_s3_bucket.assets.id}", key="index.html", source="index.html")
        S3Object(self, "env", bucket="${var.bucket_name}", key="env.json", content="{}")
        S3Object(self, "app", bucket=name, key="app.zip", source="${path.module}/app.zip")
        dynamic = S3Bucket(self, f"site-{name}", bucket_prefix="site-")
        S3Object(self, "robots", bucket=f"${{aws_s3_bucket.site-{name}.id}}", key="robots.txt", content="")
