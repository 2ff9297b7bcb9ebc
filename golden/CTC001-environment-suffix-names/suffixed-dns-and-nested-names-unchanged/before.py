from constructs import Construct
from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_secret import DataAwsSecretsmanagerSecret
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
from cdktf_cdktf_provider_aws.route53_zone import Route53Zone
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue


class Audit(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str, bucket_name: str):
        super().__init__(scope, construct_id)
        S3Bucket(self, "audit", bucket=f"audit-{environment_suffix}")
        S3Bucket(self, "given", bucket=bucket_name)
        S3Bucket(self, "site", bucket="www.example.com")
        Route53Zone(self, "zone", name="example.com")
        AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
        SqsQueue(self, "dlq", name_prefix="audit-dlq-")
        Reporter(self, "reporter", name="audit-reporter")  # a project construct, not a provider resource


class Reporter(Construct):
    def __init__(self, scope: Construct, construct_id: str, name: str):
        super().__init__(scope, construct_id)
        self.name = name


class Worker(Construct):
    def __init__(self, scope: Construct, construct_id: str, environment_suffix: str, role_name: str, unique: str):
        super().__init__(scope, construct_id)
        DataAwsSecretsmanagerSecret(self, "db-secret", name="prod/db-password")  # looks up an existing secret
        IamRolePolicy(self, "inline", name="worker-inline", role=role_name, policy="{}")  # unique per role
        CloudwatchLogGroup(self, "worker-logs", name="/aws/lambda/worker")  # Lambda's own name for it
        SqsQueue(self, "work", name=f"work-{unique}")  # computed by the author
