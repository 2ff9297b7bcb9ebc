from constructs import Construct
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress, SecurityGroupIngress


def web_group(scope: Construct, vpc_id: str) -> SecurityGroup:
    return SecurityGroup(
        scope,
        "web",
        vpc_id=vpc_id,
        ingress=[SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=["0.0.0.0/0"])],
        egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"])],
    )
