"""Which provider version a project pins, and whether the version cdktf-fixer knows may judge it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import cli

from fixer import pins
from fixer.providers import PROVIDERS, pinned_mismatch

AWS = "cdktf-cdktf-provider-aws"
OLD_API = (
    "from constructs import Construct\nfrom cdktf import App, TerraformStack\n"
    "from cdktf_cdktf_provider_aws import AwsProvider, ec2\n\n\n"
    "class MyStack(TerraformStack):\n    def __init__(self, scope: Construct, ns: str):\n"
    "        super().__init__(scope, ns)\n        AwsProvider(self, 'aws', region='us-east-1')\n"
    "        ec2.Instance(self, 'compute', ami='ami-01456a894f71116f2', instance_type='t2.micro')\n\n\n"
    "app = App()\nMyStack(app, 'x')\napp.synth()\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture(autouse=True)
def _fresh_pins():
    pins.clear_cache()
    yield
    pins.clear_cache()


@pytest.mark.parametrize(
    ("name", "text", "specifier"),
    [
        ("Pipfile.lock", json.dumps({"default": {AWS: {"version": "==5.0.50"}}, "develop": {}}), "==5.0.50"),
        ("poetry.lock", f'[[package]]\nname = "{AWS}"\nversion = "9.0.14"\n', "==9.0.14"),
        ("uv.lock", f'version = 1\n[[package]]\nname = "{AWS}"\nversion = "21.10.0"\n', "==21.10.0"),
        ("requirements.txt", f"cdktf==0.12.3  # the core\n{AWS}~=9.0.52\n-r other.txt\n", "~=9.0.52"),
        ("requirements-dev.txt", "cdktf_cdktf_provider_aws>=7,<8\n", "<8,>=7"),
        ("pyproject.toml", f'[project]\nname = "x"\ndependencies = ["{AWS}==7.0.56"]\n', "==7.0.56"),
        ("pyproject.toml", f'[tool.poetry.dependencies]\npython = "^3.11"\n"{AWS}" = "^9.0"\n', ">=9.0,<10"),
        ("Pipfile", f'[packages]\n{AWS} = "~=9.0.52"\ncdktf = "*"\n', "~=9.0.52"),
        ("Pipfile", f'[packages]\n{AWS} = "*"\n', ""),
    ],
)
def test_each_kind_of_file_pins_the_provider(tmp_path, name, text, specifier):
    write(tmp_path / name, text)
    pin = pins.project_pins(tmp_path)[AWS]
    assert pin.specifier == specifier and pin.source == tmp_path / name


def test_a_lock_file_wins_over_the_manifest_and_the_nearest_folder_over_its_parents(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "Pipfile.lock", json.dumps({"default": {AWS: {"version": "==5.0.50"}}}))
    write(tmp_path / "infra" / "Pipfile", f'[packages]\n{AWS} = "*"\n')
    write(tmp_path / "infra" / "requirements.txt", f"{AWS}==9.0.52\n")
    assert pins.project_pins(tmp_path / "infra")[AWS].specifier == "==9.0.52"
    assert pins.project_pins(tmp_path)[AWS].specifier == "==5.0.50"


@pytest.mark.parametrize(("declared", "answers"), [
    ('">=21.22,<22"', ">=21.22,<22"),  # changed after locking (by hand, or by `migrate --to cdktf`): stale lock
    ('"*"', "==5.0.50"), ('"==5.0.50"', "==5.0.50"), ('"~=5.0"', "==5.0.50"),  # the lock still says what installs
])
def test_a_lock_its_own_manifest_no_longer_allows_does_not_answer(tmp_path, declared, answers):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "Pipfile.lock", json.dumps({"default": {AWS: {"version": "==5.0.50"}}}))
    write(tmp_path / "Pipfile", f"[packages]\n{AWS} = {declared}\n")
    assert pins.project_pins(tmp_path)[AWS].specifier == answers


@pytest.mark.parametrize(
    ("specifier", "admitted"),
    [("==21.10.0", True), ("==9.0.52", False), ("~=9.0.52", False), (">=21", True), (">=9.0,<10", False), ("", True)],
)
def test_a_pin_admits_releases_of_its_major_version_or_its_range(specifier, admitted):
    assert pins.Pin(AWS, specifier, Path("x")).admits("21.22.1") is admitted


def test_an_old_pin_silences_provider_rules_with_one_warning_and_unpinned_code_is_fixed(tmp_path):
    pinned = tmp_path / "pinned"
    write(pinned / "cdktf.json", '{"language": "python", "app": "python main.py"}')
    write(pinned / "main.py", OLD_API)
    write(pinned / "Pipfile.lock", json.dumps({"default": {AWS: {"version": "==9.0.52"}}}))
    assert pinned_mismatch(PROVIDERS[0], pinned.resolve()) is not None
    outcome = cli("check", pinned, "--no-cache")
    assert outcome.exit_code == 0, outcome.stdout
    assert outcome.stderr.count("warning:") == 1
    assert "pins cdktf-cdktf-provider-aws ==9.0.52" in outcome.stderr and "(CTB001, CTB006, CTB007, CTB008)" in outcome.stderr
    report = cli("check", pinned, "--no-cache", "--output-format", "json").json()
    aws = next(p for p in report["projects"][0]["providers"] if p["distribution"] == "cdktf-cdktf-provider-aws")
    assert aws["pinned"] == "==9.0.52" and aws["usable"] is False and aws["pinned_in"].endswith("Pipfile.lock")

    unpinned = tmp_path / "unpinned"
    write(unpinned / "cdktf.json", '{"language": "python", "app": "python main.py"}')
    write(unpinned / "main.py", OLD_API)
    outcome = cli("check", unpinned, "--no-cache")
    assert outcome.exit_code == 1 and "CTB001" in outcome.stdout and "warning" not in outcome.stderr


def test_the_provider_in_the_project_environment_answers_whatever_the_files_say(tmp_path):
    project = tmp_path / "app"
    write(project / "Pipfile.lock", json.dumps({"default": {AWS: {"version": "==9.0.52"}}}))
    site = project / ".venv" / "lib" / "python3.11" / "site-packages"
    write(site / "cdktf_cdktf_provider_aws" / "__init__.py", "__all__ = ['ec2']\n")
    write(site / "cdktf_cdktf_provider_aws" / "ec2" / "__init__.py", "__all__ = ['Instance']\n")
    (site / "cdktf_cdktf_provider_aws-9.0.52.dist-info").mkdir()
    assert pinned_mismatch(PROVIDERS[0], project.resolve()) is None
