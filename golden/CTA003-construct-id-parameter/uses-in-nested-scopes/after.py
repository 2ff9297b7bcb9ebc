from cdktf import TerraformStack
from constructs import Construct


class LoggingStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
        self.stack_id = construct_id
        names = [f"{construct_id}-{n}" for n in ("a", "b")]

        def prefixed(suffix):
            return f"{construct_id}/{suffix}"

        label = lambda: construct_id.upper()  # noqa: E731
        self.names = names + [prefixed("c"), label()]
