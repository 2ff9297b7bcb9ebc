from cdktf_cdktf_provider_aws.subnet import Subnet


def subnets(scope, main):
    for n in range(2):
        Subnet(scope, f"subnet-{n}", vpc_id=main.id, cidr_block=f"10.0.{n}.0/24")
