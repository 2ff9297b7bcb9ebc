from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA, S3BucketVersioningVersioningConfiguration
from cdktf_cdktf_provider_aws.launch_template import LaunchTemplate, LaunchTemplateTagSpecifications


def build(scope, bucket):
    S3BucketVersioningA(
        scope, "v", bucket=bucket.id,
        versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
    )
    LaunchTemplate(
        scope, "lt", name_prefix="app-",
        tag_specifications=[LaunchTemplateTagSpecifications(resource_type="instance", tags={"App": "x"})],
    )
