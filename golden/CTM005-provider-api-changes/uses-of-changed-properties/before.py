from cdktf_cdktf_provider_aws.lakeformation_opt_in import LakeformationOptInResourceDataLfTag
from cdktf_cdktf_provider_aws.networkmanager_connect_peer import (
    NetworkmanagerConnectPeer,
    NetworkmanagerConnectPeerBgpOptions,
)


def peering(self, attachment_id, tag_key):
    # the AWS provider of CDK Terrain (25.8.1) takes the peer's ASN as a string
    NetworkmanagerConnectPeer(
        self,
        "peer",
        connect_attachment_id=attachment_id,
        peer_address="10.0.0.1",
        bgp_options=NetworkmanagerConnectPeerBgpOptions(peer_asn=64512),
    )
    # and a tag's `value` became the required list `values`
    return LakeformationOptInResourceDataLfTag(key=tag_key, value="analytics")
