"""cdktf.json's targetVersions (CTM006's domain module): ranges read as cdktn reads them, and edits that
change only the bytes they mean to."""
from __future__ import annotations

import json

import pytest

from fixer import target_versions as tv


@pytest.mark.parametrize(("range_", "low"), [
    (">=1.5.7", (1, 5, 7)), (">= 1.11.0 <2.0.0", (1, 11, 0)), ("~1.11.0", (1, 11, 0)), ("^1.9", (1, 9, 0)),
    ("1.12.x", (1, 12, 0)), (">1.10.0", (1, 10, 1)), ("<2.0.0", None), ("*", None), (">=1.5.7 || >=1.11.0", None),
])
def test_lower_bound(range_, low):
    assert tv.lower_bound(range_) == low


def test_a_range_admits_a_feature_only_from_its_floor():
    assert tv.admits_only_from(">=1.11.0", (1, 11, 0))
    assert tv.admits_only_from("~1.12.0", (1, 11, 0))
    assert not tv.admits_only_from(">=1.5.7 <2.0.0", (1, 11, 0))
    assert not tv.admits_only_from("<2.0.0", (1, 11, 0))  # no floor: admits every older release


@pytest.mark.parametrize(("before", "after"), [
    ('{\r\n    "app": "python main.py"\r\n}\r\n',
     '{\r\n    "app": "python main.py",\r\n    "targetVersions": {\r\n        "terraform": ">=1.11.0"\r\n    }\r\n}\r\n'),
    ('{\n\t"app": "python main.py",\n\t"context": {"a": [1, {"b": "}"}]}\n}',
     '{\n\t"app": "python main.py",\n\t"context": {"a": [1, {"b": "}"}]},\n\t"targetVersions": {\n\t\t"terraform": ">=1.11.0"\n\t}\n}'),
    ('{"app": "python main.py"}', '{"app": "python main.py", "targetVersions": {"terraform": ">=1.11.0"}}'),
    ("{}", '{"targetVersions": {"terraform": ">=1.11.0"}}'),
])
def test_the_key_is_inserted_in_the_files_own_layout(before, after):
    edited = tv.insert_target_versions(before, tv.locate(before), {"terraform": ">=1.11.0"})
    assert edited == after
    assert json.loads(edited)["targetVersions"] == {"terraform": ">=1.11.0"}


def test_a_declared_range_is_replaced_in_place():
    text = '{"targetVersions": {"opentofu": ">=1.6.0", "terraform": ">=1.5.7"}, "app": "x"}'
    located = tv.locate(text)
    edited = tv.replace_value(text, located.members[("targetVersions", "terraform")], ">=1.11.0")
    assert edited == '{"targetVersions": {"opentofu": ">=1.6.0", "terraform": ">=1.11.0"}, "app": "x"}'
