from constructs import Construct
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
from cdktf_cdktf_provider_aws.subnet import Subnet


class Network(Construct):
    """References spelled with CDKTF's own names for a construct: they work, and Fn says it plainly."""

    def __init__(self, scope: Construct, construct_id: str, vpc_id: str, handler: LambdaFunction):
        super().__init__(scope, construct_id)
        azs = DataAwsAvailabilityZones(self, "azs", state="available")
        for i in range(2):
            Subnet(self, f"a-{i}", vpc_id=vpc_id, cidr_block=f"10.0.{i}.0/24",
                   availability_zone=f"${{{azs.fqn}.names[{i}]}}")
        Subnet(self, "b", vpc_id=vpc_id, cidr_block="10.0.9.0/24",
               availability_zone=f"${{data.aws_availability_zones.{azs.friendly_unique_id}.names[0]}}")
        self.targets = {"lambda_function_arn": f"${{{handler.fqn}.arn}}"}
        self.note = f"${{{handler.function_name}.arn}}"  # not a reference: reported
