from constructs import Construct
from cdktf_cdktf_provider_aws.flow_log import FlowLog
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc


def network(scope: Construct, log_group_arn: str, role_arn: str) -> Vpc:
    AwsProvider(scope, "aws", region="us-east-1",
                default_tags=[{"tags": {"Project": "payments", "CostCenter": "cc-42", "Owner": "platform"}}])
    vpc = Vpc(scope, "vpc", cidr_block="10.0.0.0/16")
    FlowLog(scope, "vpc-flow-log", vpc_id=vpc.id, traffic_type="ALL", log_destination=log_group_arn,
            iam_role_arn=role_arn)
    return vpc
