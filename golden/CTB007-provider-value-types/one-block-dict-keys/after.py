from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable
from cdktf_cdktf_provider_aws.eks_cluster import EksCluster


def platform(self, role_arn, subnets):
    # a dict for one block is passed to the block's class as keywords: Python's names, not jsii's
    EksCluster(self, "cluster", name="main", role_arn=role_arn, vpc_config={"subnet_ids": subnets})
    DynamodbTable(self, "table", name="orders", hash_key="pk", point_in_time_recovery={"enabled": True})
    DynamodbTable(self, "audit", name="audit", hash_key="pk", server_side_encryption={"enabled": True, "kms": "k"})
