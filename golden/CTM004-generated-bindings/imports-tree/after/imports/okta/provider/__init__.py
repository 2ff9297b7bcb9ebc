import cdktf


class OktaProvider(cdktf.TerraformProvider):
    pass
