from constructs import Construct
from cdktf_cdktf_provider_aws.instance import Instance
from cdktf_cdktf_provider_aws.route53_record import Route53Record


class Edge(Construct):
    def __init__(self, scope: Construct, construct_id: str, zone_id: str, domain: str):
        super().__init__(scope, construct_id)
        Route53Record(self, "api", zone_id=zone_id, name=f"api.{domain}", type="CNAME", ttl=300,
                      records=["lb.examples.io"])
        Instance(self, "bastion", ami="ami-0c55b159cbfafe1f0", instance_type="t3.micro")
