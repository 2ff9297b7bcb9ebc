from cdktf import TerraformStack
from constructs import Construct


class LoggingStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        self.stack_id = id
        names = [f"{id}-{n}" for n in ("a", "b")]

        def prefixed(suffix):
            return f"{id}/{suffix}"

        label = lambda: id.upper()  # noqa: E731
        self.names = names + [prefixed("c"), label()]
