from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA, S3BucketVersioningConfiguration
from cdktf_cdktf_provider_aws.launch_template import LaunchTemplate, LaunchTemplateTagSpecification


def build(scope, bucket):
    S3BucketVersioningA(
        scope, "v", bucket=bucket.id,
        versioning_configuration=S3BucketVersioningConfiguration(status="Enabled"),
    )
    LaunchTemplate(
        scope, "lt", name_prefix="app-",
        tag_specifications=[LaunchTemplateTagSpecification(resource_type="instance", tags={"App": "x"})],
    )
