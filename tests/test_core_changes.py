"""The cdktf core's `Fn` changes: computed from assemblies (without downloading here), and judged only for
projects on cdktf 0.21."""
from __future__ import annotations

import pytest
from helpers import load_script

from fixer import pins
from fixer.core_changes import fn_changes, next_minor, uses_target


def test_comparison_finds_removed_renamed_and_reshaped_functions():
    script = load_script("make_core_changes")
    old = {"0.15.5": {"parse_int": ["value", "base"], "join": ["separator", "value"], "lookup": ["value", "key"],
                      "setunion": ["values"], "keys": ["map"]}}
    target = {"parseint": ["number", "base"], "join": ["separator", "list"], "lookup": ["input_map", "key"],
              "setunion": ["first_set", "other_sets"], "keys": ["input_map"]}
    changes = script.compare(old, target)
    assert set(changes["removed"]) == {"parse_int"} and changes["removed"]["parse_int"]["function"] == "parseint"
    assert changes["renamed"]["join"] == {"parameters": {"value": "list"}, "until": "0.15.5"}
    assert changes["renamed"]["keys"]["parameters"] == {"map": "input_map"}
    assert changes["reshaped"]["setunion"]["new"] == ["first_set", "other_sets"]


def test_a_removed_function_without_a_known_replacement_stops_the_script():
    with pytest.raises(SystemExit, match="fn_that_went"):
        load_script("make_core_changes").compare({"0.9.4": {"fn_that_went": ["value"]}}, {})


def test_shipped_changes_are_those_of_cdktf_0_9_to_0_20():
    changes = fn_changes()
    assert changes.target == "0.21.0"
    assert set(changes.removed) == {"parse_int", "merge_lists", "merge_maps"}
    assert changes.renamed["join"] == ({"value": "list"}, "0.15.5")
    assert len(changes.renamed) > 80
    assert next_minor("0.15.5") == "0.16"


@pytest.mark.parametrize(("requirements", "judged"), [
    (None, True),  # unpinned: a fresh install is cdktf 0.21
    ("cdktf==0.21.0\n", True),
    ("cdktf>=0.20,<0.22\n", True),
    ("cdktf~=0.21.0\n", True),
    ("cdktf==0.12.3\n", False),
    ("cdktf~=0.9.4\n", False),
    ("cdktf<0.21\n", False),
])
def test_only_projects_on_cdktf_0_21_are_judged(tmp_path, requirements, judged):
    (tmp_path / "cdktf.json").write_text("{}")
    if requirements is not None:
        (tmp_path / "requirements.txt").write_text(requirements)
    pins.clear_cache()
    assert uses_target(tmp_path) is judged


def test_the_cdktf_in_the_project_environment_answers_whatever_the_files_say(tmp_path):
    (tmp_path / "requirements.txt").write_text("cdktf==0.21.0\n")
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"
    (site / "cdktf-0.12.3.dist-info").mkdir(parents=True)
    assert uses_target(tmp_path) is False
