"""CTB004: Terraform `${...}` interpolation written inside Python strings (catalog B4)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from fixer import hcl
from fixer.literals import string_value
from fixer.providers import pascal
from fixer.rule import Rule
from fixer.statements import assignments, callee_name
from fixer.types import Applicability, Example, FixAvailability


def _construct_assignments(body: cst.BaseSuite) -> list[tuple[str, str, str, cst.CSTNode]]:
    """(target code, class name, construct id, statement) for `x = Class(scope, "id", ...)` and
    `self.x = Class(...)` in a body, nested blocks included, nested functions and classes not."""
    found = []
    for target, value, statement in assignments(body):
        if not isinstance(value, cst.Call) or len(value.args) < 2 or value.args[1].keyword is not None:
            continue
        construct_id = value.args[1].value
        code = get_full_name_for_node(target)
        if isinstance(construct_id, cst.SimpleString) and code and (isinstance(target, cst.Name) or code.startswith("self.")):
            callee = callee_name(value)
            found.append((code, callee, string_value(construct_id), statement))
    return found


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _text(items: list[hcl.Item], quote: str) -> str:
    """String-literal source for characters (escaped for `quote`, braces doubled for an f-string) and
    the original f-string expressions among them."""
    out = []
    for item in items:
        if isinstance(item, hcl.Hole):
            out.append("{" + item.code + "}")
        elif item in ("{", "}"):
            out.append(item * 2)
        elif item == "\\" or item == quote[0]:
            out.append("\\" + item)
        elif len(quote) == 1 and item in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[item])
        else:
            out.append(item)
    return "".join(out)


def _classes_for(data: bool, terraform_type: str) -> set[str]:
    module = terraform_type.removeprefix("aws_")
    name = pascal(f"data_aws_{module}" if data else module)
    return {name, f"{name}A"}


class TerraformInterpolation(Rule):
    """
    ## What it does
    Finds Terraform `${...}` syntax in a Python string, which CDKTF passes through verbatim.

    Left alone: `${...}` that is not Terraform at all, such as IAM policy variables (`${aws:username}`) and
    template placeholders (`${name}`).

    ## Why is this bad?
    CDKTF gives each resource a generated logical name, so `${aws_s3_bucket.logs.arn}` written by hand points
    at whatever has that name, usually nothing, and `f"${{element({azs.names}, {i})}}"` pastes Python's text
    of a token into HCL. Both fail at plan or deploy, far from the line that caused them.

    ## Fix safety
    The fix is safe: the expression is rebuilt in Python. Functions become `Fn.*` calls (`element` ->
    `Fn.element`, `filebase64sha256` -> `Fn.filebase64sha256`; `from cdktf import Fn` is added); a reference
    `${aws_<type>.<id>.<attr>}` or `${data.aws_<type>.<id>.<attr>}` becomes the Python variable holding the
    construct created with that id and a class of that type (`bucket.arn`, or `self.bucket.arn`), and an
    index `[i]` becomes `Fn.element(..., i)`. A string that is only the expression becomes the expression;
    text around it makes an f-string (`f"logs-{suffix.hex}"`).

    Reported without a fix: references to `var.`, `local.` and other Terraform objects, constructs not in
    reach (created elsewhere, or with a computed id), and what this reader does not understand.

    ## Options
    None.
    """

    code = "CTB004"
    name = "terraform-interpolation"
    summary = "Terraform `${...}` interpolation inside a Python string"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.SAFE})
    markers = ("${",)
    cdktf_code_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
            from cdktf_cdktf_provider_aws.subnet import Subnet

            azs = DataAwsAvailabilityZones(self, "available", state="available")
            for i in range(2):
                Subnet(self, f"private-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24",
                       availability_zone=f"${{element({azs.names}, {i})}}")
            """,
            """
            from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones
            from cdktf_cdktf_provider_aws.subnet import Subnet
            from cdktf import Fn

            azs = DataAwsAvailabilityZones(self, "available", state="available")
            for i in range(2):
                Subnet(self, f"private-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24",
                       availability_zone=Fn.element(azs.names, i))
            """,
        ),
        Example(
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            logs = S3Bucket(self, "logs", bucket_prefix="logs-")
            S3BucketPolicy(self, "logs-policy", bucket=logs.id, policy=json.dumps({
                "Statement": [{"Effect": "Deny", "Resource": "${aws_s3_bucket.logs.arn}/*"}],
            }))
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            logs = S3Bucket(self, "logs", bucket_prefix="logs-")
            S3BucketPolicy(self, "logs-policy", bucket=logs.id, policy=json.dumps({
                "Statement": [{"Effect": "Deny", "Resource": f"{logs.arn}/*"}],
            }))
            """,
        ),
    )
    VALID = (
        """
        Fn.element(azs.names, 0)
        policy = {"Resource": "arn:aws:s3:::home/${aws:username}/*"}
        """,
    )

    def __init__(self, context) -> None:
        super().__init__(context)
        self.module: cst.Module | None = None
        # the statements the traversal has left: those that end before the string being read begins (a
        # statement ends before the newline that starts the next one), found without any position
        self.left: set[int] = set()

    def visit_Module(self, node: cst.Module) -> bool:
        self.module = node
        self.left = set()
        return True

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        self.left.add(id(original_node))
        return updated_node

    def leave_SimpleStatementSuite(self, original_node: cst.SimpleStatementSuite,
                                   updated_node: cst.SimpleStatementSuite) -> cst.SimpleStatementSuite:
        self.left.add(id(original_node))
        return updated_node

    def _local_constructs(self) -> list[tuple[str, str, str, cst.CSTNode]]:
        """Constructs assigned in the innermost function, else at the module's top level."""
        functions = self.context.functions
        if functions:
            return self.per_node(functions[-1], lambda f: _construct_assignments(f.body))
        assert self.module is not None
        return self.per_node(self.module, lambda m: _construct_assignments(cst.IndentedBlock(body=m.body)))

    def _member_constructs(self) -> list[tuple[str, str, str, cst.CSTNode]]:
        """Constructs the innermost class's methods assign to `self.` attributes."""
        classes = self.context.classes
        return self.per_node(classes[-1], _self_construct_assignments) if classes else []

    def _resolve(self, data: bool, terraform_type: str, construct_id: str) -> str | None:
        """The Python code naming the construct a reference points at (`hcl.Resolver`), when exactly one is
        in reach."""
        classes = _classes_for(data, terraform_type)
        # a construct created before the string: by a statement the traversal has already left
        local = [code for code, callee, cid, statement in self._local_constructs()
                 if callee in classes and cid == construct_id and id(statement) in self.left]
        members = [code for code, callee, cid, _ in self._member_constructs()
                   if callee in classes and cid == construct_id]
        candidates = list(dict.fromkeys(local or members))
        return candidates[0] if len(candidates) == 1 else None

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.BaseExpression:
        if "${" not in original_node.value or original_node.prefix.lower() not in ("", "u"):
            return updated_node
        return self._rewrite(original_node, updated_node, list(string_value(original_node)), original_node.quote)

    def leave_FormattedString(self, original_node: cst.FormattedString, updated_node: cst.FormattedString) -> cst.BaseExpression:
        if original_node.prefix.lower() != "f":
            return updated_node
        items: list[hcl.Item] = []
        for part in original_node.parts:
            if isinstance(part, cst.FormattedStringText):
                if "\\" in part.value:
                    return updated_node
                items += list(part.value.replace("{{", "{").replace("}}", "}"))
            else:
                plain = part.conversion is None and part.format_spec is None
                code = _code(part.expression) if plain else _code(part)[1:-1]
                items.append(hcl.Hole(code, plain))
        return self._rewrite(original_node, updated_node, items, original_node.end)

    def _rewrite(self, original: cst.CSTNode, updated: cst.CSTNode, items: list[hcl.Item], quote: str) -> cst.BaseExpression:
        found = hcl.segments(items)
        if not found:
            return updated
        whole = found == [(0, len(items))]
        inner_quote = quote[0] if whole else ("'" if quote[0] == '"' else '"')
        pieces: list[str] = []
        problems: list[str] = []
        converted = False
        cursor = 0
        for start, end in found:
            pieces.append(_text(items[cursor:start], quote))
            cursor = end
            try:
                code = hcl.to_python(hcl.parse(items[start + 2 : end - 1]), self._resolve, inner_quote)
            except hcl.NotTerraform:
                pieces.append(_text(items[start:end], quote))
                continue
            except hcl.Unsupported as exc:
                problems.append(str(exc))
                pieces.append(_text(items[start:end], quote))
                continue
            pieces.append(code if whole else "{" + code + "}")
            converted = True
        pieces.append(_text(items[cursor:], quote))
        if problems:
            self.report(original, "Terraform `${...}` inside a Python string, not rewritten: " + "; ".join(problems))
            return updated
        if not converted:  # only `${...}` that is not Terraform
            return updated
        source = pieces[1] if whole else "f" + quote + "".join(pieces) + quote
        message = f"Terraform `${{...}}` inside a Python string is passed through verbatim; write `{source}`"
        if not self.report(original, message, Applicability.SAFE):
            return updated
        if "Fn." in source:
            self.context.add_import(self.context.core_module, "Fn")
        return cst.parse_expression(source)


def _self_construct_assignments(node: cst.ClassDef) -> list[tuple[str, str, str, cst.CSTNode]]:
    attributes = []
    for statement in node.body.body if isinstance(node.body, cst.IndentedBlock) else []:
        if isinstance(statement, cst.FunctionDef):
            attributes += [a for a in _construct_assignments(statement.body) if a[0].startswith("self.")]
    return attributes
