import cdktf
from cdktf import Fn, TerraformOutput, TerraformStack
from cdktf import Fn as F
from constructs import Construct


class Settings(TerraformStack):
    def __init__(self, scope: Construct, id: str, ports: list[str]):
        super().__init__(scope, id)
        port = Fn.parseint(number="8080", base=10)  # the listener's port
        TerraformOutput(self, "names", value=Fn.join(separator=",", list=ports))
        TerraformOutput(self, "port", value=port)
        TerraformOutput(self, "tags", value=cdktf.Fn.merge(maps=[{"team": "a"}, {"env": "b"}]))
        TerraformOutput(self, "all", value=F.merge_lists([ports, ["443"]]))
        TerraformOutput(self, "union", value=Fn.setunion(values=[ports, ["443"]]))
        TerraformOutput(self, "first", value=Fn.element(ports, 0))
