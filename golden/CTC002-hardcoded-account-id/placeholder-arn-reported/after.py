from cdktf import TerraformStack
from constructs import Construct
from cdktf_cdktf_provider_aws.lb_listener import LbListener


class WebStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, alb_arn: str):
        super().__init__(scope, construct_id)
        LbListener(self, "https", load_balancer_arn=alb_arn, port=443, protocol="HTTPS",
                   certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/example",
                   default_action=[{"type": "fixed-response", "fixed_response": {"content_type": "text/plain", "status_code": "404"}}])
