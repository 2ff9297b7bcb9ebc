"""A release script beside the stacks (it imports no cdktf): `${...}` here is for string.Template."""
from string import Template

NOTICE = Template("Deployed ${aws_s3_bucket.logs.arn} with ${element(zones, 0)}")


def render(values: dict) -> str:
    return NOTICE.safe_substitute(values)
