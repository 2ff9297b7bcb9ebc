"""A reader for the Terraform expressions people write inside `${...}` in Python strings, and their
translation into CDKTF Python (`Fn.*` calls, construct attributes).

Only the small part of HCL that appears in such strings is read: numbers, strings, references
(`aws_s3_bucket.logs.arn`, `data.aws_availability_zones.available.names[0]`), indexes and function
calls. Inside an f-string the Python expressions (`{azs.names}`) are atoms of the expression: a `Hole`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Terraform function -> (cdktf `Fn` method, parameters before a list-typed tail or None when the method
# takes exactly Terraform's arguments). Read from cdktf 0.21's FnGenerated/Fn; tests check it against the
# installed cdktf. Where Terraform's variadic arguments arrive in Python as one list, the tail is packed.
FN_TAIL = {"cidrsubnets": 1, "coalesce": 0, "coalescelist": 0, "concat": 0, "format": 1, "formatlist": 1,
           "max": 0, "min": 0, "merge": 0, "setintersection": 1, "setproduct": 0, "setunion": 1, "try": 0}
FN_RENAMED = {"length": "length_of", "try": "try_"}
FN_FIXED = frozenset(
    """
abs abspath alltrue anytrue base64decode base64encode base64gzip base64sha256 base64sha512 basename bcrypt can
ceil chomp chunklist cidrhost cidrnetmask cidrsubnet compact contains csvdecode dirname distinct element endswith
file filebase64 filebase64sha256 filebase64sha512 fileexists filemd5 fileset filesha1 filesha256 filesha512
flatten floor formatdate indent index join jsondecode jsonencode keys length log lookup lower matchkeys md5
nonsensitive one parseint pathexpand plantimestamp pow range regex regexall replace reverse rsadecrypt sensitive
setsubtract sha1 sha256 sha512 signum slice sort split startswith strcontains strrev substr sum templatefile
textdecodebase64 textencodebase64 timeadd timecmp timestamp title tobool tolist tomap tonumber toset tostring
transpose trim trimprefix trimspace trimsuffix upper urlencode uuid uuidv5 values yamldecode yamlencode zipmap
""".split()  # noqa: SIM905 -- words, to read against cdktf
)
FUNCTIONS = FN_FIXED | frozenset(FN_TAIL)
# References to these are Terraform-language objects with no construct behind them in Python.
TERRAFORM_OBJECTS = frozenset({"var", "local", "module", "path", "count", "each", "terraform", "self"})


@dataclass(frozen=True)
class Hole:
    """A Python expression inside an f-string, with its source."""

    code: str
    plain: bool = True  # False when it has a conversion or format spec: not usable as a value


class Unsupported(Exception):
    """Terraform syntax with no rewrite here; the message says what to write instead."""


class NotTerraform(Exception):
    """`${...}` that is not a Terraform expression (an IAM policy variable, a template placeholder)."""


Item = str | Hole  # one character of the string's text, or one f-string expression


def segments(items: Sequence[Item]) -> list[tuple[int, int]]:
    """(start, end) of each `${...}` in items, end exclusive of the closing brace's successor."""
    found = []
    index = 0
    while index < len(items) - 1:
        if items[index] == "$" and items[index + 1] == "{":
            depth, cursor, quote = 1, index + 2, False
            while cursor < len(items) and depth:
                item = items[cursor]
                if item == '"':
                    quote = not quote
                elif not quote and item == "{":
                    depth += 1
                elif not quote and item == "}":
                    depth -= 1
                cursor += 1
            if depth:
                break
            found.append((index, cursor))
            index = cursor
        else:
            index += 1
    return found


_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ident>[A-Za-z_][A-Za-z0-9_-]*)|(?P<str>\"(?:[^\"\\]|\\.)*\")"
                    r"|(?P<punct>[.\[\](),])|(?P<other>\S))")


def _tokens(items: Sequence[Item]) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    text = ""
    for item in [*items, None]:
        if isinstance(item, str):
            text += item
            continue
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if not match or match.end() == position:
                break
            position = match.end()
            kind = match.lastgroup
            if kind == "other":
                raise NotTerraform(match.group(kind))
            if kind is not None:
                tokens.append((kind, match.group(kind)))
        text = ""
        if isinstance(item, Hole):
            tokens.append(("hole", item))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, object]]):
        self.tokens, self.position = tokens, 0

    def peek(self, value: str | None = None) -> bool:
        if self.position >= len(self.tokens):
            return False
        return value is None or self.tokens[self.position][1] == value

    def take(self, value: str | None = None) -> tuple[str, object]:
        if not self.peek(value):
            raise NotTerraform(f"expected {value}")
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expression(self) -> tuple:
        node = self.primary()
        while self.peek(".") or self.peek("["):
            if self.take()[1] == ".":
                kind, name = self.take()
                if kind not in ("ident", "num", "hole"):
                    raise NotTerraform("attribute")
                node = ("attr", node, name)
            else:
                node = ("index", node, self.expression())
                self.take("]")
        return node

    def primary(self) -> tuple:
        kind, value = self.take()
        if kind in ("num", "str", "hole"):
            return (kind, value)
        if kind != "ident":
            raise NotTerraform(str(value))
        if self.peek("("):
            self.take("(")
            args = []
            while not self.peek(")"):
                args.append(self.expression())
                if not self.peek(")"):
                    self.take(",")
            self.take(")")
            return ("call", value, args)
        return ("name", value)


def parse(items: Sequence[Item]) -> tuple:
    """The expression between `${` and `}`; NotTerraform when it is not one."""
    tokens = _tokens(items)
    parser = _Parser(tokens)
    try:
        node = parser.expression()
        if parser.position != len(tokens):
            raise NotTerraform("trailing text")
    except NotTerraform:
        head = str(tokens[0][1]) if tokens and tokens[0][0] == "ident" else ""
        if head.startswith("aws_") or head == "data" or head in TERRAFORM_OBJECTS:
            raise Unsupported("a Terraform reference built from Python values (a computed construct id?); "
                              "use the Python variable that holds the construct") from None
        raise
    return node


def _reference_head(node: tuple) -> tuple[tuple, list[tuple]]:
    """Split `a.b.c[0].d` into its innermost node and the postfix chain, outermost last."""
    chain = []
    while node[0] in ("attr", "index"):
        chain.append(node)
        node = node[1]
    return node, list(reversed(chain))


Resolver = Callable[[bool, str, str], "str | None"]  # (is data source, type, construct id) -> Python code


def to_python(node: tuple, resolve: Resolver, quote: str = '"') -> str:
    """Python source for an expression; raises Unsupported or NotTerraform."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "str":
        value = json.loads(node[1])
        if "${" in value or "%{" in value:
            raise Unsupported("a template inside a Terraform string; build it with Python string formatting")
        return quote + value.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    if kind == "hole":
        if not node[1].plain:
            raise Unsupported("a formatted Python value inside a Terraform expression")
        return node[1].code
    if kind == "call":
        return _call(node[1], [to_python(a, resolve, quote) for a in node[2]])
    head, chain = _reference_head(node)
    parts: list = []
    if head[0] == "name":
        parts = [head[1]]
        while chain and chain[0][0] == "attr" and len(parts) < (4 if parts[0] == "data" else 3):
            parts.append(chain.pop(0)[2])
        return _reference(parts, chain, resolve, quote)
    if head[0] == "hole":
        code = to_python(head, resolve, quote)
        if chain and chain[0][0] == "attr":
            # `{bucket.fqn}.arn`: CDKTF's documented way to spell a reference by hand
            if not code.endswith(".fqn"):
                raise Unsupported(f"an attribute of the Python value `{code}`; use the construct's attribute")
            code = code.removesuffix(".fqn")
        return _postfix(code, chain, resolve, quote)
    raise NotTerraform(kind)


def _call(name: str, args: list[str]) -> str:
    if name not in FUNCTIONS:
        raise NotTerraform(name)
    method = FN_RENAMED.get(name, name)
    if name in FN_TAIL:
        fixed = FN_TAIL[name]
        if len(args) < fixed:
            raise Unsupported(f"`{name}` takes at least {fixed} argument(s)")
        args = [*args[:fixed], "[" + ", ".join(args[fixed:]) + "]"]
    return f"Fn.{method}({', '.join(args)})"


def _reference(parts: list, chain: list[tuple], resolve: Resolver, quote: str) -> str:
    head = parts[0]
    if head == "path":
        raise Unsupported("`path.` in CDKTF is the synthesized stack's folder (cdktf.out/stacks/<stack>), not this "
                          "file's; use a TerraformAsset or a path computed in Python")
    if head in TERRAFORM_OBJECTS:
        raise Unsupported(f"`{head}.` references Terraform's own {head} objects; in CDKTF use the Python value "
                          "(a TerraformVariable, a local variable, a TerraformLocal)")
    data = head == "data"
    names = parts[1:] if data else parts
    if len(names) < 2 or not isinstance(names[0], str) or not names[0].startswith("aws_"):
        raise NotTerraform(head)
    if len(names) < 3:
        raise Unsupported(f"a whole {'data source' if data else 'resource'} object; name one of its attributes")
    if isinstance(names[1], Hole):
        # `aws_x.{bucket.friendly_unique_id}.arn` names the construct held by `bucket`
        if not names[1].plain or not names[1].code.endswith(".friendly_unique_id"):
            raise Unsupported("a Terraform reference built from Python values (a computed construct id?); "
                              "use the Python variable that holds the construct")
        return _postfix(f"{names[1].code.removesuffix('.friendly_unique_id')}.{names[2]}", chain, resolve, quote)
    if isinstance(names[2], Hole):
        raise Unsupported("an attribute named by a Python value; use the construct's attribute")
    found = resolve(data, names[0], names[1])
    if found is None:
        raise Unsupported(f"no construct created with id \"{names[1]}\" of type {names[0]} is in reach here; "
                          f"use the Python variable that holds it (`variable.{names[2]}`)")
    return _postfix(f"{found}.{names[2]}", chain, resolve, quote)


def _postfix(code: str, chain: list[tuple], resolve: Resolver, quote: str) -> str:
    for index, link in enumerate(chain):
        if link[0] == "attr" and isinstance(link[2], Hole):
            raise Unsupported("an attribute named by a Python value; use the construct's attribute")
        if link[0] == "attr":
            if index and chain[index - 1][0] == "index":
                raise Unsupported("an attribute of a list element; use Fn.lookup or the element's own construct")
            code = f"{code}.{link[2]}"
        else:
            code = f"Fn.element({code}, {to_python(link[2], resolve, quote)})"
    return code
