from constructs import Construct


class Network(Construct):
    pass
