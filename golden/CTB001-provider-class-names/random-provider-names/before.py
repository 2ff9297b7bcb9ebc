"""The random provider, not only AWS: its `string` resource lives in module `string_resource`."""
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_random.provider import RandomProvider
from cdktf_cdktf_provider_random.string import StringResource


class NamesStack(TerraformStack):
    def __init__(self, scope, name):
        super().__init__(scope, name)
        RandomProvider(self, "random")
        StringResource(self, "suffix", length=8, special=False, upper=False)


app = App()
NamesStack(app, "names")
app.synth()
