from cdktf_cdktf_provider_random.password import Password
from cdktf_cdktf_provider_random.provider import RandomProvider


def secrets(scope):
    RandomProvider(scope, "random")
    return Password(scope, "db-password", length=24, special=False)
