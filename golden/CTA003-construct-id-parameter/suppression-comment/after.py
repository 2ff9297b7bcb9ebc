from constructs import Construct


class Legacy(Construct):
    # cdktf-fixer: ignore[CTA003] the public API of this construct is frozen until v2
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
