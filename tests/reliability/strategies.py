"""Hypothesis strategies that build CDKTF-shaped Python modules: stacks, constructs, provider calls from
cdktf_cdktf_provider_aws with random keywords, dicts, lists, f-strings, and comments in odd places."""
from __future__ import annotations

from hypothesis import strategies as st

# (module, class): real ones, a few a rule renames (S3BucketVersioning), and one that does not exist
PROVIDER_CLASSES = [
    ("provider", "AwsProvider"), ("s3_bucket", "S3Bucket"), ("s3_bucket_versioning", "S3BucketVersioning"),
    ("s3_bucket_versioning", "S3BucketVersioningA"), ("cloudwatch_log_group", "CloudwatchLogGroup"),
    ("lambda_function", "LambdaFunction"), ("iam_role", "IamRole"), ("security_group", "SecurityGroup"),
    ("dynamodb_table", "DynamodbTable"), ("sqs_queue", "SqsQueue"), ("s3_bucket", "S3BucketAcl"),
    ("vpc", "Vpc"), ("subnet", "Subnet"), ("flow_log", "FlowLog"), ("lambda_layer_version", "LambdaLayerVersion"),
]
KEYWORDS = [
    "bucket", "bucket_prefix", "tags", "retention_in_days", "name", "region", "function_name", "runtime",
    "handler", "role", "filename", "versioning_configuration", "stream_specification", "stream_enabled",
    "hash_key", "attribute", "billing_mode", "cidr_block", "vpc_id", "layers", "environment", "ingress",
    "assume_role_policy", "message_retention_seconds", "force_destroy", "acl", "id", "construct_id", "provider",
    "depends_on", "lifecycle", "timeout", "memory_size", "source_code_hash", "kms_key_id", "log_group_name",
]
NAMES = ["self", "scope", "id", "construct_id", "environment_suffix", "app", "bucket", "os", "Fn", "x"]
COMMENTS = ["# note", "# cdktf-fixer: ignore", "# cdktf-fixer: ignore[CTA003]", "# noqa: A002", "# é ü",
            "# pylint: disable=redefined-builtin", "# TODO(x): )]}"]

identifier = st.sampled_from(NAMES)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00\x0c"),
               max_size=12)


def string_literal(draw_text: str, quote: str) -> str:
    escaped = draw_text.replace("\\", "\\\\").replace(quote, "\\" + quote).replace("{", "{{").replace("}", "}}")
    return escaped


@st.composite
def strings(draw) -> str:
    quote = draw(st.sampled_from(['"', "'"]))
    body = string_literal(draw(text), quote)
    if draw(st.booleans()):
        return f"f{quote}{body}-{{{draw(identifier)}}}{quote}"
    return f"{quote}{body.replace('{{', '{').replace('}}', '}')}{quote}"


def values(depth: int = 2):
    leaves = st.one_of(
        st.integers(-5, 10**6).map(str), strings(), identifier, st.sampled_from(["None", "True", "False"]),
        st.sampled_from(["self.node", "Fn.join('-', [id])", "os.environ.get('ENVIRONMENT_SUFFIX', 'dev')"]),
    )
    if depth == 0:
        return leaves
    inner = values(depth - 1)
    return st.one_of(
        leaves,
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(strings(), inner), max_size=3).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
        provider_call(depth - 1),
    )


@st.composite
def provider_call(draw, depth: int = 1, scope: str | None = None) -> str:
    _, name = draw(st.sampled_from(PROVIDER_CLASSES))
    args = []
    if scope is not None:
        args += [scope, draw(strings())]
    keywords = draw(st.lists(st.sampled_from(KEYWORDS), max_size=4, unique=True))
    args += [f"{k}={draw(values(depth))}" for k in keywords]
    if draw(st.booleans()) and args:
        # a comment after the open bracket and between arguments: the odd places
        comment = draw(st.sampled_from(COMMENTS))
        return f"{name}(  {comment}\n" + ",\n".join(args) + ",\n)"
    return f"{name}(" + ", ".join(args) + ")"


@st.composite
def statement(draw, indent: str) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        line = f"{draw(st.sampled_from(['bucket', 'x', 'self.queue']))} = {draw(provider_call(scope='self'))}"
    elif kind == 1:
        line = draw(provider_call(scope=draw(st.sampled_from(["self", "scope", "app"]))))
    elif kind == 2:
        line = f"TerraformOutput(self, {draw(strings())}, value={draw(values(1))})"
    elif kind == 3:
        line = f"{draw(st.sampled_from(['x', 'name']))} = {draw(values(2))}"
    elif kind == 4:
        line = f"{draw(st.sampled_from(['Child', 'Network']))}(self, {draw(strings())})"
    else:
        line = "pass"
    if draw(st.booleans()):
        line += "  " + draw(st.sampled_from(COMMENTS))
    return "\n".join(indent + part if part.strip() else part for part in line.split("\n"))


@st.composite
def klass(draw, name: str) -> str:
    base = draw(st.sampled_from(["TerraformStack", "Construct", "BaseStack", "object"]))
    param = draw(st.sampled_from(["id", "construct_id", "name"]))
    extra = draw(st.sampled_from(["", ", **kwargs", ", environment_suffix: str = 'dev'", ", *, region='us-east-1'"]))
    comment = draw(st.sampled_from(["", *("  " + c for c in COMMENTS)]))
    body = draw(st.lists(statement("        "), min_size=0, max_size=4))
    lines = [
        f"class {name}({base}):",
        f"    def __init__(self, scope: Construct, {param}: str{extra}):{comment}",
        f"        super().__init__(scope, {param})",
        *body,
    ]
    return "\n".join(lines)


@st.composite
def cdktf_modules(draw) -> bytes:
    """One module as bytes: the imports, one to three classes, the app section; then its conventions
    (line endings, BOM or a latin-1 cookie, tabs) drawn too."""
    imports = ["from constructs import Construct", "from cdktf import App, TerraformStack, TerraformOutput, Fn"]
    used = draw(st.lists(st.sampled_from(PROVIDER_CLASSES), max_size=6, unique=True))
    imports += [f"from cdktf_cdktf_provider_aws.{module} import {name}" for module, name in used]
    if draw(st.booleans()):
        imports.append("import os")
    names = draw(st.lists(st.sampled_from(["MyStack", "Child", "Network", "BaseStack"]), min_size=1, max_size=3,
                          unique=True))
    classes = [draw(klass(name)) for name in names]
    main = ["app = App()", *(f"{n}(app, {draw(strings())})" for n in names[:1]), "app.synth()"]
    source = "\n".join(imports) + "\n\n\n" + "\n\n\n".join(classes) + "\n\n\n" + "\n".join(main) + "\n"
    if draw(st.booleans()):
        source = source.replace("    ", "\t")
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    source = source.replace("\n", ending)
    convention = draw(st.sampled_from(["utf-8", "bom", "latin-1"]))
    if convention == "latin-1":
        return ("# -*- coding: latin-1 -*-" + ending + source).encode("latin-1", errors="replace")
    data = source.encode("utf-8")
    return b"\xef\xbb\xbf" + data if convention == "bom" else data
