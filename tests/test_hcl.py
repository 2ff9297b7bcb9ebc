"""The Terraform expression reader behind CTB004, and its function table against the installed cdktf."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from fixer import hcl


def translate(text: str, constructs: dict[tuple[bool, str, str], str] | None = None) -> str:
    items = list(text)
    ((start, end),) = hcl.segments(items)
    node = hcl.parse(items[start + 2 : end - 1])
    return hcl.to_python(node, lambda data, kind, cid: (constructs or {}).get((data, kind, cid)))


def test_fn_table_matches_the_installed_cdktf():
    """Every Terraform function the reader maps exists on cdktf's Fn with the arity the mapping assumes."""
    source = Path(importlib.util.find_spec("cdktf").origin).read_text(encoding="utf-8")
    methods = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name in ("FnGenerated", "Fn"):
            for f in node.body:
                if isinstance(f, ast.FunctionDef) and not f.name.startswith("_"):
                    methods[f.name] = f.args.args[1:]
    for name in hcl.FUNCTIONS:
        method = hcl.FN_RENAMED.get(name, name)
        assert method in methods, name
        if name in hcl.FN_TAIL:
            params = methods[method]
            assert len(params) == hcl.FN_TAIL[name] + 1, name
            assert "Sequence" in ast.unparse(params[-1].annotation), name


@pytest.mark.parametrize(
    ("text", "python"),
    [
        ("${element(x, 1)}", None),  # `x` is no Terraform reference
        ('${filebase64sha256("lambda.zip")}', 'Fn.filebase64sha256("lambda.zip")'),
        ("${length(data.aws_availability_zones.azs.names)}", "Fn.length_of(azs.names)"),
        ('${concat(data.aws_availability_zones.azs.names, ["x"])}', None),
        ('${format("%s-%s", "a", "b")}', 'Fn.format("%s-%s", ["a", "b"])'),
        ("${aws_s3_bucket.logs.arn}", "logs.arn"),
        ("${data.aws_availability_zones.azs.names[2]}", "Fn.element(azs.names, 2)"),
    ],
)
def test_translations(text, python):
    constructs = {(True, "aws_availability_zones", "azs"): "azs", (False, "aws_s3_bucket", "logs"): "logs"}
    if python is None:
        with pytest.raises((hcl.NotTerraform, hcl.Unsupported)):
            translate(text, constructs)
    else:
        assert translate(text, constructs) == python


@pytest.mark.parametrize("text", ["${aws:username}", "${HOSTNAME}", "${name}-worker"])
def test_not_terraform(text):
    with pytest.raises(hcl.NotTerraform):
        translate(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("${var.bucket}", "TerraformVariable"), ("${aws_s3_bucket.gone.arn}", "no construct"),
     ("${aws_s3_bucket.logs}", "whole resource"), ("${aws_instance.web.ebs[0].size}", "list element")],
)
def test_reported(text, reason):
    with pytest.raises(hcl.Unsupported, match=reason):
        translate(text, {(False, "aws_instance", "web"): "web", (False, "aws_s3_bucket", "logs"): "logs"})
