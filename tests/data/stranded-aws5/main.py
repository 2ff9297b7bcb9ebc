#!/usr/bin/env python
"""A queue and its secret, written for cdktf 0.9, cdktf-cdktf-provider-aws 5.0.50 and random 0.1.53."""
import cdktf_cdktf_provider_aws as aws
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_random import Password, RandomProvider
from constructs import Construct


class QueueStack(TerraformStack):
    def __init__(self, scope: Construct, ns: str):
        super().__init__(scope, ns)
        aws.AwsProvider(self, "aws", region="eu-west-1")
        RandomProvider(self, "random")
        secret = Password(self, "token", length=32, special=False)
        aws.sqs.SqsQueue(self, "jobs", name="jobs", visibility_timeout_seconds=60)
        aws.ssm.SsmParameter(self, "token-parameter", name="/jobs/token", type="SecureString",
                             value=secret.result)


app = App()
QueueStack(app, "queue")
app.synth()
