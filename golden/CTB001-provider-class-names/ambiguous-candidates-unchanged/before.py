from cdktf_cdktf_provider_aws.instance import Instance, InstanceBlockDevice


def server(scope, ami):
    # which block device? root, EBS or ephemeral: only the author knows
    Instance(scope, "web", ami=ami, instance_type="t3.micro",
             root_block_device=InstanceBlockDevice(volume_size=20, encrypted=True))
