from cdktf import TerraformStack


class NetworkStack(TerraformStack):
    pass
