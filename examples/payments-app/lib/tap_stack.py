"""The main stack: provider, network and storage for the payments service."""
from cdktf import TerraformOutput, TerraformStack
from constructs import Construct

# Provider classes (written the way code generators often write them)
from cdktf_cdktf_provider_aws import AwsProvider, Vpc

from lib.storage import AuditStorage


class TapStack(TerraformStack):
    def __init__(self, scope: Construct, id: str, environment_suffix: str = "dev"):
        super().__init__(scope, id)

        AwsProvider(self, "aws", region="us-east-1")

        vpc = Vpc(
            self,
            "vpc",
            cidr_block="10.0.0.0/16",  # one /16 per environment
            tags={"Name": f"payments-{environment_suffix}"},
        )

        storage = AuditStorage(self, id="audit-storage", environment_suffix=environment_suffix)

        TerraformOutput(self, "vpc_id", value=vpc.id)
        TerraformOutput(self, "audit_bucket", value=storage.bucket.bucket)
