import json

from constructs import Construct
from cdktf_cdktf_provider_aws.cloudwatch_dashboard import CloudwatchDashboard
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc_peering_connection import VpcPeeringConnection


class Regions(Construct):
    """Primary in eu-central-2, replica in eu-west-1: every literal region here is deliberate."""

    def __init__(self, scope: Construct, construct_id: str, aws_region: str, vpc_id: str, peer_vpc_id: str):
        super().__init__(scope, construct_id)
        AwsProvider(self, "primary", region="eu-central-2")
        AwsProvider(self, "secondary", alias="secondary", region="eu-west-1")
        VpcPeeringConnection(self, "peer", vpc_id=vpc_id, peer_vpc_id=peer_vpc_id, peer_region="eu-west-1")
        CloudwatchDashboard(self, "dr", dashboard_name="dr", dashboard_body=json.dumps({
            "widgets": [{"properties": {"region": "eu-west-1"}}, {"properties": {"region": "eu-central-2"}}],
        }))
