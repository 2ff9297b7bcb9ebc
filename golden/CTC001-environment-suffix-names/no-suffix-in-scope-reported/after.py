from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue


def queue(scope: Construct, environment_suffix: str) -> SqsQueue:
    return SqsQueue(scope, f"jobs-{environment_suffix}", name=f"jobs-{environment_suffix}")


def handler(scope: Construct, role_arn: str) -> LambdaFunction:
    # no suffix reaches this function: reported, since the file suffixes names elsewhere
    return LambdaFunction(scope, "worker", function_name="jobs-worker", role=role_arn, handler="main.handler",
                          runtime="python3.12", filename="worker.zip")
