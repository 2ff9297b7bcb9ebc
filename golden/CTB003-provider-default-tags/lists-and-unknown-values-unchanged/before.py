from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags


def providers(scope: Construct, tags: dict, blocks: list, env: str):
    AwsProvider(scope, "a", default_tags=[{"tags": tags}])
    AwsProvider(scope, "b", default_tags=[AwsProviderDefaultTags(tags=tags)])
    AwsProvider(scope, "c", default_tags=blocks)  # a parameter: its value is unknown here
    AwsProvider(scope, "d", default_tags=tags)  # likewise
    chosen = {"Env": env}
    if env == "prod":
        chosen = [{"tags": {"Env": env}}]
    AwsProvider(scope, "e", default_tags=chosen)  # assigned twice: not followed
    make_provider(scope, default_tags={"Env": env})  # not the AWS provider


def make_provider(scope, default_tags):
    return AwsProvider(scope, "f", default_tags=[{"tags": default_tags}])
