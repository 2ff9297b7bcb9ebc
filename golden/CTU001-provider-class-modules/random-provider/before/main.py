from cdktf_cdktf_provider_random import Password, RandomProvider


def secrets(scope):
    RandomProvider(scope, "random")
    return Password(scope, "db-password", length=24, special=False)
