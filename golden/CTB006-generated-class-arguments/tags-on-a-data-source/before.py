from cdktf_cdktf_provider_aws.data_aws_vpc import DataAwsVpc
from cdktf_cdktf_provider_aws.data_aws_vpn_connection import DataAwsVpnConnection


def lookups(self, tags):
    DataAwsVpnConnection(self, "vpn", vpn_connection_id="vpn-1", tags=tags)
    DataAwsVpnConnection(
        self,
        "backup-vpn",
        vpn_connection_id="vpn-2",
        tags={"Name": "backup"},
    )
    # this data source filters by tags: they stay
    return DataAwsVpc(self, "vpc", tags={"Name": "main"})
