from cdktf_cdktf_provider_aws import ec2

Instance = "web"  # a name of the user's own


def web(scope):
    return ec2.Instance(scope, Instance, ami="ami-123")
