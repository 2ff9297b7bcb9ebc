from constructs import Construct


class Network(Construct):
    def __init__(self, scope: Construct, id: str, *,  # pylint: disable=redefined-builtin,too-many-positional-arguments
                 cidr: str):
        super().__init__(scope, id)
        self.cidr = cidr


class Subnets(Construct):
    def __init__(self, scope: Construct, id: str):  # noqa: A002 - the construct API our consumers use
        super().__init__(scope, id)


class Routes(Construct):
    def __init__(self, scope: Construct, construct_id: str):
        super().__init__(scope, construct_id)
