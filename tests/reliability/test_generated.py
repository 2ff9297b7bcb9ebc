"""Generated programs through every rule and all rules together: grammar-generated Python (hypothesmith)
and CDKTF-shaped modules (reliability.strategies). For each: no exception escapes a rule (no internal
error), the output parses, a fix is idempotent, a file without findings comes back byte-identical, and
`check` after `fix` finds nothing fixable. In process (fix_source) for speed."""
from __future__ import annotations

import tempfile
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from fixer.textio import decode
from fixer.types import ErrorKind
from reliability.common import APPLY, RULES, examples, parses, project, run
from reliability.strategies import cdktf_modules

pytestmark = pytest.mark.reliability

SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def check_properties(data: bytes, rules) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
        path = root / "main.py"
        path.write_bytes(data)
        context = project(root)
        source, fixed = run(data, str(path), rules, context, apply=True)
        if fixed.error is not None:
            # the user's input (it does not parse) may be reported; cdktf-fixer's own failure never
            assert fixed.error.kind is not ErrorKind.INTERNAL, fixed.error.reason + "\n" + (fixed.error.detail or "")
            return
        after = fixed.after if fixed.after is not None else source.text
        if fixed.parsed and parses(source.text):
            assert parses(after), after
        if not fixed.changed:
            # nothing to apply: the bytes come back as they were
            assert source.encode(after) == data
        if not fixed.findings:
            assert not fixed.changed
        # idempotent: fixing the fixed file changes nothing; then `check` finds nothing fixable
        new = source.encode(after)
        path.write_bytes(new)
        context = project(root)
        _, again = run(new, str(path), rules, context, apply=True)
        assert again.error is None or again.error.kind is not ErrorKind.INTERNAL, again.error.reason
        assert not again.changed, (after, again.after)
        _, checked = run(new, str(path), rules, context, apply=False)
        fixable = [f for f in checked.findings if f.fix in APPLY]
        assert not fixable, fixable


@settings(max_examples=examples(25, 1500), **SETTINGS)
@given(data=cdktf_modules())
def test_cdktf_modules_all_rules(data):
    check_properties(data, RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
@settings(max_examples=examples(3, 150), **SETTINGS)
@given(data=cdktf_modules())
def test_cdktf_modules_each_rule(rule, data):
    check_properties(data, (rule,))


@settings(max_examples=examples(8, 500), **SETTINGS)
@given(code=hypothesmith.from_grammar())
def test_grammar_generated_python_all_rules(code):
    # a generated module plus a CDKTF import, so the rules' cheap text tests let them look at it
    data = ("from cdktf import TerraformStack\n" + code).encode("utf-8", errors="surrogatepass")
    try:
        decode(data)
    except (SyntaxError, UnicodeDecodeError):
        return
    check_properties(data, RULES)
