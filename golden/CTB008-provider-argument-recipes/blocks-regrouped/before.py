from constructs import Construct
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws import instance
from cdktf_cdktf_provider_aws.eks_addon import EksAddon
from cdktf_cdktf_provider_aws.instance import Instance


class Compute(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        Instance(
            self,
            "web",
            ami="ami-123",
            instance_type="c5.xlarge",
            cpu_core_count=2,
            cpu_threads_per_core=1,
        )
        instance.Instance(self, "batch", ami="ami-123", instance_type="c5.xlarge", cpu_core_count=4)
        EksAddon(self, "cni", cluster_name="main", addon_name="vpc-cni", resolve_conflicts="OVERWRITE")
