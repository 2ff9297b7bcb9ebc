from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion
from cdktf_cdktf_provider_okta.app_oauth import AppOauth


class Identity(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        client = AppOauth(self, "client", label="payments", type="service")
        SecretsmanagerSecretVersion(self, "secret", secret_id="payments/okta",
                                    secret_string_wo=client.client_secret, secret_string_wo_version=1)


app = App()
Identity(app, "identity")
app.synth()
