from cdktf import Fn, TerraformOutput, TerraformStack
from constructs import Construct


class Settings(TerraformStack):
    def __init__(self, scope: Construct, id: str, ports: list[str]):
        super().__init__(scope, id)
        TerraformOutput(self, "names", value=Fn.join(",", ports))
        TerraformOutput(self, "port", value=Fn.parseint(number="8080", base=10))
        TerraformOutput(self, "tags", value=Fn.merge([{"team": "a"}]))
        TerraformOutput(self, "upper", value=Fn.upper(str="a"))
