from cdktf_cdktf_provider_aws.instance import Instance, InstanceEbsBlockDevice
from cdktf_cdktf_provider_aws.db_instance import DbInstance as Database


def server(scope):
    Instance(scope, "web", ami="ami-123", ebs_block_device=[InstanceEbsBlockDevice(device_name="/dev/sdb")])
    Database(scope, "db", instance_class="db.t3.micro")
