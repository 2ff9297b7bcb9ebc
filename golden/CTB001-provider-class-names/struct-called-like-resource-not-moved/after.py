from cdktf_cdktf_provider_aws.network_acl_ingress import NetworkAclIngress


def rules(self, acl):
    NetworkAclIngress(self, "https", network_acl_id=acl.id, rule_no=100, protocol="tcp", action="allow")
