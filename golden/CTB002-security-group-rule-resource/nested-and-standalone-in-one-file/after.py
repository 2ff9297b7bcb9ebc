from constructs import Construct
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule


class Database(Construct):
    def __init__(self, scope: Construct, construct_id: str, vpc_id: str, app_sg_id: str):
        super().__init__(scope, construct_id)
        db_sg = SecurityGroup(
            self,
            "db-sg",
            vpc_id=vpc_id,
            ingress=[SecurityGroupIngress(from_port=5432, to_port=5432, protocol="tcp", cidr_blocks=["10.0.0.0/16"])],
        )
        SecurityGroupRule(self, "db-from-app", type="ingress", security_group_id=db_sg.id, from_port=5432, to_port=5432,
                             protocol="tcp", source_security_group_id=app_sg_id)
