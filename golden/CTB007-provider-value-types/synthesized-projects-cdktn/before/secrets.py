"""The random provider: a number given as a string, and one value where a list is taken."""
from cdktn import App, TerraformStack
from cdktn_provider_random.password import Password
from cdktn_provider_random.provider import RandomProvider
from cdktn_provider_random.shuffle import Shuffle


class SecretsStack(TerraformStack):
    def __init__(self, scope, name):
        super().__init__(scope, name)
        RandomProvider(self, "random")
        Password(self, "db", length="24", special=True)
        Shuffle(self, "zone", input="us-east-1a", result_count=1)


app = App()
SecretsStack(app, "secrets")
app.synth()
