from constructs import Construct


class Queue(Construct):
    def __init__(self, scope: Construct, id: str, construct_id: str = "legacy"):
        super().__init__(scope, id)
        self.legacy = construct_id
