from cdktf_cdktf_provider_aws.security_group_ingress import SecurityGroupIngress


def rules(self, sg):
    SecurityGroupIngress(self, "https", security_group_id=sg.id, from_port=443, to_port=443, protocol="tcp")
