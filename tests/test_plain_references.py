"""CTB001 finds the uses of an imported provider name without a scope analysis where a census of the
file's names proves nothing shadows it; where it cannot prove that, it asks ScopeProvider. Both answers
must be the same wherever the census answers."""
from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ScopeProvider

from codemods.provider_api.provider_class_names import _Usage
from fixer import rule as rule_module
from fixer.engine import Options, fix_source
from fixer.project import ProjectContext
from fixer.registry import rule_by_code
from fixer.textio import decode
from fixer.walk import visit_read_only

HEAD = "from cdktf_cdktf_provider_aws import vpc, S3Bucket\n"
CASES = {
    # (body, whether the census may answer for `vpc`)
    "attribute and call uses": ("vpc.Vpc(self, 'vpc', cidr_block='10.0.0.0/16')\nx: vpc.Vpc = f(vpc)\n", True),
    "keyword and attribute names are no variables": ("f(vpc=1)\nself.vpc = other.vpc\n", True),
    "in an f-string": ("print(f'{vpc.Vpc}')\n", True),
    "decorator": ("@vpc\ndef g(): pass\n", True),
    "a parameter shadows it": ("def g(vpc):\n    return vpc.Vpc\n", False),
    "a local assignment shadows it": ("def g():\n    vpc = 1\n    return vpc.x\n", False),
    "a comprehension binds it": ("[vpc for vpc in range(3)]\n", False),
    "a second import binds it": ("from other import vpc\nvpc.Vpc\n", False),
    "a global statement": ("def g():\n    global vpc\n    vpc = 2\n", False),
    "a use the census does not classify": ("x = vpc\n", False),
    "a class attribute": ("class A:\n    vpc = 1\n    y = vpc.x\n", False),
}


def _scope_references(module: cst.Module, statement: cst.ImportFrom, bound: str) -> set[cst.CSTNode]:
    scope = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)[statement]
    return {ref.node for a in scope.assignments[bound] if getattr(a, "node", None) is statement for ref in a.references}


@pytest.mark.parametrize("head, bound", [
    (HEAD, "vpc"),
    ("import cdktf_cdktf_provider_aws as aws\n", "aws"),
    ("import cdktf_cdktf_provider_aws.vpc as networking\n", "networking"),
    ("import cdktf_cdktf_provider_aws\n", "cdktf_cdktf_provider_aws"),
])
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_census_answers_only_where_it_agrees_with_scope_analysis(head, bound, case):
    body, answers = CASES[case]
    module = cst.parse_module(head + body.replace("vpc", bound))
    statement = module.body[0].body[0]
    usage = _Usage()
    visit_read_only(module, usage)
    plain = usage.plain_references(bound, strings_matter=False)
    assert (plain is not None) is answers
    if plain is not None:
        assert set(plain) == _scope_references(module, statement, bound)


def test_a_string_that_may_name_it_sends_the_question_to_scope_analysis_when_strings_count():
    # a string annotation is a reference to ScopeProvider (the string itself): "nothing uses it" must not
    # be concluded from the census then
    strings = 'def g(b: "S3Bucket"): pass\n'
    module = cst.parse_module(HEAD + strings)
    usage = _Usage()
    visit_read_only(module, usage)
    assert usage.plain_references("S3Bucket", strings_matter=True) is None
    assert usage.plain_references("S3Bucket", strings_matter=False) == []
    assert _scope_references(module, module.body[0].body[0], "S3Bucket")  # the string is a reference there


NAMESPACE_STYLE = """\
from cdktf_cdktf_provider_aws import vpc, subnet
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning

def build(self):
    net = vpc.Vpc(self, "vpc", cidr_block="10.0.0.0/16")
    subnet.Subnet(self, "subnet", vpc_id=net.id)
    vpc.Subnet(self, "wrong", vpc_id=net.id)
    S3BucketVersioning(self, "versioning", bucket="b")
"""
MODULE_ALIAS = """\
import cdktf_cdktf_provider_aws as aws

def build(self):
    net = aws.vpc.Vpc(self, "vpc", cidr_block="10.0.0.0/16")
    aws.vpc.Subnet(self, "wrong", vpc_id=net.id)
"""


@pytest.mark.parametrize("code, lines", [(NAMESPACE_STYLE, [2, 7]), (MODULE_ALIAS, [5])], ids=["from", "alias"])
def test_a_file_binding_provider_modules_is_checked_without_scope_analysis(tmp_path, monkeypatch, code, lines):
    analysed = []
    monkeypatch.setitem(rule_module._PROVIDERS, ScopeProvider,
                        lambda module: analysed.append(module) or rule_module._scopes(module))
    rules = (rule_by_code("CTB001"),)
    path = tmp_path / "stack.py"
    path.write_text(code)
    result = fix_source(decode(code.encode()), str(path), rules, ProjectContext.build(tmp_path), Options(rules))
    assert sorted((f.line, f.code) for f in result.findings) == [(line, "CTB001") for line in lines]
    assert analysed == []
