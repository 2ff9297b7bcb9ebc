from constructs import Construct
from cdktn_provider_aws.security_group import SecurityGroupIngress


class Cache(Construct):
    def __init__(self, scope: Construct, construct_id: str, cache_sg, app_sg, admin_sg):
        super().__init__(scope, construct_id)
        SecurityGroupIngress(self, "redis-from-app", security_group_id=cache_sg.id, from_port=6379, to_port=6379,
                             protocol="tcp", security_groups=[app_sg.id])
        SecurityGroupIngress(self, "redis-from-both", security_group_id=cache_sg.id, from_port=6379, to_port=6379,
                             protocol="tcp", security_groups=[app_sg.id, admin_sg.id])
        SecurityGroupIngress(self, "redis-no-group", from_port=6379, to_port=6379, protocol="tcp")
