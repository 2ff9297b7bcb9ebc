"""The results cache: an unchanged tree is not processed again; anything a result depends on invalidates it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import cli

from fixer import engine

BROKEN = "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n"
NET = "from constructs import Construct\n\nclass Net(Construct):\n    def __init__(self, scope, {param}):\n        pass\n"
CALL = "from net import Net\n\ndef build(stack):\n    return Net(stack, id='net')\n"


def findings(tmp_path: Path, *args: str) -> list[tuple[str, int, str]]:
    report = cli("check", tmp_path / "src", "--cache-dir", tmp_path / "cache", "--output-format", "json", *args).json()
    return sorted((Path(f["path"]).name, f["line"], f["code"]) for f in report["findings"])


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def count_processing(monkeypatch):
    calls = []
    real = engine.process_file

    def counting(path, *args, **kwargs):
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(engine, "process_file", counting)
    return calls


def test_warm_run_reuses_results_and_processes_nothing(tmp_path, count_processing):
    write(tmp_path / "src" / "a.py", BROKEN)
    write(tmp_path / "src" / "b.py", "x = 1\n")
    cold = findings(tmp_path)
    assert cold == [("a.py", 1, "CTB001")] and sorted(count_processing) == ["a.py", "b.py"]
    count_processing.clear()
    assert findings(tmp_path) == cold
    assert count_processing == []
    assert (tmp_path / "cache" / ".gitignore").read_text().endswith("*\n")


def test_an_edit_elsewhere_in_the_project_invalidates(tmp_path, count_processing):
    # the call site in main.py is judged by Net's signature in net.py
    write(tmp_path / "src" / "net.py", NET.format(param="id"))
    write(tmp_path / "src" / "main.py", CALL)
    assert ("main.py", 4, "CTA003") in findings(tmp_path)
    write(tmp_path / "src" / "net.py", NET.format(param="name"))  # main.py itself is unchanged
    assert findings(tmp_path) == []


def test_rule_selection_and_mode_are_part_of_the_key(tmp_path):
    write(tmp_path / "src" / "a.py", BROKEN)
    assert findings(tmp_path) == [("a.py", 1, "CTB001")]
    assert findings(tmp_path, "--select", "CTA") == []
    outcome = cli("fix", tmp_path / "src", "--cache-dir", tmp_path / "cache", "--diff")
    assert outcome.exit_code == 1 and "S3BucketVersioningA" in outcome.stdout  # fix mode is not served from check


def test_no_cache_writes_nothing_and_a_corrupt_cache_is_ignored(tmp_path):
    write(tmp_path / "src" / "a.py", BROKEN)
    assert cli("check", tmp_path / "src", "--cache-dir", tmp_path / "cache", "--no-cache").exit_code == 1
    assert not (tmp_path / "cache").exists()
    findings(tmp_path)
    for stored in (tmp_path / "cache").rglob("*.json"):
        stored.write_text("{not json")
    assert findings(tmp_path) == [("a.py", 1, "CTB001")]
    assert json.loads(next((tmp_path / "cache").rglob("*.json")).read_text())["results"]


def test_warm_diff_is_served_from_the_cache_but_never_stands_in_for_a_real_fix(tmp_path, count_processing):
    write(tmp_path / "src" / "a.py", BROKEN)
    diff = lambda: cli("fix", "--diff", tmp_path / "src", "--cache-dir", tmp_path / "cache")
    first = diff()
    count_processing.clear()
    second = diff()
    assert second.stdout == first.stdout and "+from cdktf_cdktf_provider_aws.s3_bucket_versioning import" in second.stdout
    assert count_processing == []
    assert cli("fix", tmp_path / "src", "--cache-dir", tmp_path / "cache").exit_code == 0
    assert "S3BucketVersioningA" in (tmp_path / "src" / "a.py").read_text()


def test_project_digest_handles_classes_with_and_without_init(tmp_path):
    # the digest once sorted rows mixing None and tuples: TypeError on any such project, cache or not
    write(tmp_path / "src" / "a.py", "from constructs import Construct\n\nclass A(Construct):\n    pass\n")
    write(tmp_path / "src" / "b.py", NET.format(param="construct_id"))
    assert cli("check", tmp_path / "src", "--cache-dir", tmp_path / "cache").exit_code == 0


def test_project_facts_come_back_from_the_cache_as_they_were_stored(tmp_path):
    """Every field of a class's facts survives the JSON round trip (a field order slip once put a bool
    where the provider calls belong, and the second run crashed)."""
    from fixer.project import FileFacts, read_facts

    source = (
        "import os\nfrom cdktf import TerraformStack\nfrom cdktf_cdktf_provider_aws.provider import AwsProvider\n\n\n"
        "class Tap(TerraformStack):\n    def __init__(self, scope, id, region='us-east-1', **kwargs):\n"
        "        super().__init__(scope, id)\n        AwsProvider(self, 'aws', region=region)\n"
        "        name = f'x-{environment_suffix}'\n\n\n"
        "class Other(TerraformStack):\n    def __init__(self, scope, construct_id):\n"
        "        self.environment_suffix = os.environ['ENVIRONMENT_SUFFIX']\n"
    )
    path = tmp_path / "tap.py"
    fresh = read_facts(source.encode(), path)
    assert [(c.reads_suffix, c.defines_suffix, c.provider_calls) for c in fresh.classes] == [
        (True, False, (("AwsProvider", 9),)), (False, True, ()),
    ]
    stored = json.loads(json.dumps(fresh.to_json()))
    assert FileFacts.from_json(stored, path) == fresh


def test_second_run_over_a_project_reads_its_facts_from_the_cache(tmp_path):
    project = tmp_path / "src"
    write(project / "cdktf.json", '{"language": "python", "app": "python main.py"}')
    write(project / "main.py", "from cdktf import App, TerraformStack\n\n\nclass Tap(TerraformStack):\n"
          "    def __init__(self, scope, construct_id):\n        super().__init__(scope, construct_id)\n"
          "        AwsProvider(self, 'aws')\n\n\nTap(App(), 'tap')\n")
    first = cli("check", project, "--cache-dir", tmp_path / "cache")
    second = cli("check", project, "--cache-dir", tmp_path / "cache")
    assert first.exit_code == second.exit_code == 0 and first.stdout == second.stdout


def test_the_cdktf_core_the_project_pins_is_part_of_the_key(tmp_path):
    """CTB009 judges `Fn` calls against the project's cdktf: a new pin must not be answered from the cache."""
    from fixer import pins

    write(tmp_path / "src" / "cdktf.json", "{}")
    write(tmp_path / "src" / "main.py", "from cdktf import Fn\n\nport = Fn.parse_int('8080', 10)\n")
    write(tmp_path / "src" / "requirements.txt", "cdktf==0.12.3\n")
    assert findings(tmp_path, "--select", "CTB009") == []
    write(tmp_path / "src" / "requirements.txt", "cdktf==0.21.0\n")
    pins.clear_cache()  # a new process would read the pins afresh
    assert findings(tmp_path, "--select", "CTB009") == [("main.py", 3, "CTB009")]
