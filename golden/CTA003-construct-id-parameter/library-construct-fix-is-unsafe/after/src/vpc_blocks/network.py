from constructs import Construct


class Network(Construct):
    def __init__(self, scope: Construct, id: str, cidr: str = "10.0.0.0/16"):
        super().__init__(scope, id)
        self.cidr = cidr


class TieredNetwork(Construct):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        Network(self, id="inner")
