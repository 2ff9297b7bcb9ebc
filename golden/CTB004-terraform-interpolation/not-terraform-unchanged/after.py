import json

from cdktf import Fn
from constructs import Construct
from cdktf_cdktf_provider_aws.iam_policy import IamPolicy
from cdktf_cdktf_provider_aws.instance import Instance

USER_DATA = """#!/bin/bash
echo "${HOSTNAME} ready" > /tmp/ready
"""


class Workers(Construct):
    def __init__(self, scope: Construct, construct_id: str, azs, ami: str):
        super().__init__(scope, construct_id)
        IamPolicy(self, "home", name_prefix="home-", policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"}],
        }))
        Instance(self, "worker", ami=ami, instance_type="t3.micro", availability_zone=Fn.element(azs.names, 0),
                 user_data=USER_DATA, tags={"Template": "${name}-worker"})
