"""The rule index (fixer/data/rule_index.json) is generated from the rule classes, names the very screen
each class uses, and selects the same rules as the registry; the screens import no LibCST."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import GOLDEN, REPO, golden_cases, load_script

import codemods
from fixer import rule_index, selection
from fixer.project import ProjectContext
from fixer.registry import (
    UnknownRuleError,
    all_rules,
    every_rule,
    rule_by_code,
    select_rules,
    validate_selector,
)
from fixer.rule import ProjectFileRule, Rule

RULES = every_rule()



def _indexed(rule) -> rule_index.IndexedRule:
    return next(r for pack in codemods.PACKS for r in rule_index.rules(pack) if r.code == rule.code)


def test_the_index_is_generated_from_the_rules():
    assert rule_index.INDEX.read_text(encoding="utf-8") == load_script("generate_rule_index").expected(), (
        "run `python scripts/generate_rule_index.py`: fixer/data/rule_index.json is stale")


def test_the_index_holds_every_rule_of_every_pack_in_code_order():
    for pack in codemods.PACKS:
        assert [r.code for r in rule_index.rules(pack)] == [r.code for r in all_rules(pack)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_an_indexed_screen_is_the_one_its_class_uses(rule):
    indexed = _indexed(rule)
    assert indexed.screen_function() is rule.screen
    # could_match always asks the screen: a class that answered otherwise would leave the index wrong
    assert "could_match" not in vars(rule)
    assert rule.could_match.__func__ is (ProjectFileRule if indexed.kind == rule_index.PROJECT_FILE
                                         else Rule).could_match.__func__
    assert (indexed.screen is None) == (rule.screen in rule_index.DEFAULT_SCREENS.values())


def test_a_screen_of_its_own_is_found_by_its_dotted_name():
    own = {r.code: r.screen for pack in codemods.PACKS for r in rule_index.rules(pack) if r.screen}
    assert own["CTC003"] == "codemods.environments.screens.hardcoded_region"
    assert own["CTA002"] == "codemods.structure.screens.scope_to_self"
    assert {own[code] for code in ("CTB001", "CTB006", "CTB007", "CTB008")} == {
        "codemods.provider_api.screens.provider_imports"}
    assert own["CTC001"] == "codemods.environments.screens.suffix_names"
    assert len(own) == 15


@pytest.mark.parametrize(("text", "names_a_provider"), [
    ("from imports.aws.vpc import Vpc\n", True),
    ("import os,imports.aws as aws\n", True),
    ("from cdktf_cdktf_provider_aws.vpc import Vpc\n", True),
    ("import cdktn_provider_aws\n", True),
    ('"""Handles star imports."""\nimport os\n', False),  # the word ending a sentence: the standard library's
    ("from .imports.aws import Vpc\n", False),  # relative: the rules leave it alone
    ("x = sys.imports.aws\n", False),
])
def test_the_provider_rules_screen_for_a_provider_package_not_the_word_imports(tmp_path, text, names_a_provider):
    rule = rule_by_code("CTB001")
    project = ProjectContext.build(tmp_path, [])
    assert rule.could_match(text, project, str(tmp_path / "stack.py")) is names_a_provider


@pytest.mark.parametrize(("text", "may_find"), [
    ("from stacks.vpc_stack import VpcStack\n", True),
    ("import os, \\\n    stacks.vpc_stack\n", True),
    ("from lib.stacks.vpc_stack import VpcStack\n", False),  # already right: the file is not parsed for CTB005
    ("from constructs import Construct\nimport json\n", False),  # lib/constructs/ is shadowed by the package
    ("from network import Net\n", False),  # a module of the root: the rule leaves it
    ("import os\nstacks_by_name = {}\n", False),  # a longer word
])
def test_lib_package_imports_parses_only_files_naming_a_module_under_lib(tmp_path, text, may_find):
    """CTB005's screen asks for a name under lib/ that neither the root nor an installed package has, at the
    start of a dotted name: the rule's own conditions on the imported module's first part."""
    for name in ("lib/__init__.py", "lib/stacks/__init__.py", "lib/stacks/vpc_stack.py", "lib/constructs/__init__.py",
                 "lib/network.py", "network.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("class VpcStack:\n    pass\n")
    (tmp_path / "cdktf.json").write_text('{"app": "python main.py"}')
    project = ProjectContext.build(tmp_path, [])
    rule = rule_by_code("CTB005")
    assert rule.could_match(text, project, str(tmp_path / "main.py")) is may_find


@pytest.mark.parametrize(("text", "may_find"), [
    ("from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\nS3Bucket(self, 'b', bucket=environment_suffix)\n", True),
    ("from cdktn_provider_aws import s3_bucket\nenvironment_suffix = 'dev'\n", True),
    ("import os\nenvironment_suffix = os.environ['ENVIRONMENT_SUFFIX']\nTapStack(app, 'tap', environment_suffix)\n", False),
])
def test_suffix_names_parses_only_files_importing_a_provider(tmp_path, text, may_find):
    """CTC001 judges provider resources: a file that reads the suffix and imports no provider has none."""
    project = ProjectContext.build(tmp_path, [])
    assert rule_by_code("CTC001").could_match(text, project, str(tmp_path / "main.py")) is may_find


def test_indexed_rules_answer_as_their_classes_on_every_golden_file():
    answered = 0
    for case in golden_cases():
        root = case.path / "before" if case.is_tree else case.path
        files = sorted(root.rglob("*.py")) if case.is_tree else [case.path / "before.py"]
        project = ProjectContext.build(root, files)
        for path in map(str, files):
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            for rule in all_rules(case.pack):
                assert _indexed(rule).could_match(text, project, path) == rule.could_match(text, project, path), (
                    rule.code, path)
                answered += rule.could_match(text, project, path)
    assert answered > 500  # the goldens exercise the screens: most say yes somewhere


SELECTIONS = [
    (None, []), (["ALL"], []), (["CTA"], []), (["cta001", " CTB"], ["CTB00"]), (None, ["CTC", "CTA002"]),
    (["CTD003"], []), (["ALL"], ["CTF"]),
]


@pytest.mark.parametrize(("chosen", "ignore"), SELECTIONS)
def test_selection_over_the_index_is_the_registry_s(chosen, ignore):
    indexed = selection.select(rule_index.rules("fix"), chosen, ignore)
    assert [r.code for r in indexed] == [r.code for r in select_rules(chosen, ignore)]
    assert indexed and all(isinstance(r, rule_index.IndexedRule) for r in indexed)


@pytest.mark.parametrize("pack", list(codemods.PACKS))
def test_every_pack_selects_alike(pack):
    for chosen in (None, ["ALL"]):
        assert ([r.code for r in selection.select(rule_index.rules(pack), chosen, [])]
                == [r.code for r in select_rules(chosen, [], pack)])


def test_unknown_selectors_raise_the_same_error_both_ways():
    with pytest.raises(UnknownRuleError) as from_classes:
        select_rules(["CTZ"], [])
    with pytest.raises(selection.UnknownRuleError) as from_index:
        selection.select(rule_index.rules("fix"), ["CTZ"], [])
    assert str(from_classes.value) == str(from_index.value)
    assert "'CTZ' matches no rule code (known: CTA001," in str(from_index.value)
    assert validate_selector(" cta ") == selection.validate_selector(rule_index.rules("fix"), " cta ") == "CTA"


def test_the_index_and_the_screens_import_no_libcst_nor_any_rule():
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from fixer import rule_index\n"
        "from fixer.project import ProjectContext\n"
        f"root = Path({str(GOLDEN / 'CTA002-scope-to-self')!r})\n"
        "project = ProjectContext.build(root)\n"
        "for pack in ('fix', 'migrate', 'upgrade'):\n"
        "    for rule in rule_index.rules(pack):\n"
        "        for path in sorted(root.rglob('*.py')):\n"
        "            rule.could_match(path.read_text(), project, str(path))\n"
        "rules = [m for m in sys.modules if m.startswith('codemods.') and m.rsplit('.', 1)[-1] not in ('screens', 'helpers')"
        " and m.count('.') > 1]\n"
        "print(json.dumps({'libcst': 'libcst' in sys.modules, 'rules': rules}))\n"
    ).replace("import sys\n", "import json, sys\n", 1)
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == {"libcst": False, "rules": []}
