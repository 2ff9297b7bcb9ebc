from constructs import Construct
from cdktn_provider_aws.instance import Instance
from cdktn_provider_aws.route53_record import Route53Record
from cdktn_provider_aws.sns_topic_subscription import SnsTopicSubscription


class Edge(Construct):
    def __init__(self, scope: Construct, construct_id: str, topic_arn: str, alb):
        super().__init__(scope, construct_id)
        Route53Record(
            self,
            "api",
            zone_id="Z1234567890ABC",
            name="api.example.com",
            type="A",
            alias={"name": alb.dns_name, "zone_id": alb.zone_id, "evaluate_target_health": True},
        )
        Instance(self, "bastion", ami="ami-12345678", instance_type="t3.micro", vpc_security_group_ids=["sg-xxxxxxxx"])
        SnsTopicSubscription(self, "ops", topic_arn=topic_arn, protocol="email", endpoint="ops@example.com")
        SnsTopicSubscription(self, "audit", topic_arn="arn:aws:sns:us-east-1:123456789012:audit", protocol="sqs",
                             endpoint=topic_arn)
