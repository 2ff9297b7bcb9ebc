from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


class Api(Construct):
    def __init__(self, scope: Construct, construct_id: str, role_arn: str, code_path: str, deps_layer_arn: str):
        super().__init__(scope, construct_id)
        LambdaFunction(self, "api", function_name="api", role=role_arn, handler="index.handler", runtime="python3.12",
                       filename=code_path, layers=[deps_layer_arn])
