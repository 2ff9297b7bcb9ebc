# cdktf-fixer: ignore[CTB001] pinned to a fork of the provider that still exports this name
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning
from cdktf_cdktf_provider_aws import Vpc  # cdktf-fixer: ignore
from cdktf_cdktf_provider_aws import Subnet
