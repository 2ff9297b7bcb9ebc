"""`verify` and `fix --verify`: the pieces that need no synth here; real synths are in test_synth.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixer import verify
from fixer.verify import SynthResult


@pytest.mark.parametrize(
    ("stderr", "stage", "key"),
    [
        ('  File "tap.py", line 3\n    def (:\n        ^\nSyntaxError: invalid syntax\n', "syntax", "SyntaxError: invalid syntax"),
        ("Traceback (most recent call last):\n  File \"tap.py\", line 1\nModuleNotFoundError: No module named 'stacks'\n",
         "import", "ModuleNotFoundError: No module named 'stacks'"),
        ("Traceback:\nImportError: cannot import name 'S3BucketVersioning' from 'x'\n", "import",
         "ImportError: cannot import name 'S3BucketVersioning' from 'x'"),
        ("Traceback:\nNameError: name 'azs' is not defined\n", "name", "NameError: name 'azs' is not defined"),
        ("Traceback:\nAttributeError: 'Vpc' object has no attribute 'idd'\n", "attribute",
         "AttributeError: 'Vpc' object has no attribute 'idd'"),
        ("Traceback:\nTypeError: TapStack.__init__() missing 1 required positional argument\n", "type/arguments",
         "TypeError: TapStack.__init__() missing 1 required positional argument"),
        (("jsii.errors.JavaScriptError: \n  Error: Validation failed with the following errors:\n"
          "  [stack] Found resources without a matching provider construct. Please make sure to add provider\n"),
         "jsii validation",
         "[stack] Found resources without a matching provider construct. Please make sure to add provider"),
        ("Traceback:\nValueError: us-east-1 is excluded\n", "other", "ValueError: us-east-1 is excluded"),
    ],
)
def test_failures_are_classified_by_how_far_the_app_got(stderr, stage, key):
    assert verify.classify(stderr) == (stage, key)


def test_app_command_from_cdktf_json_else_conventional_entry(tmp_path):
    (tmp_path / "cdktf.json").write_text(json.dumps({"language": "python", "app": "pipenv run python main.py"}))
    assert verify._with_interpreter(verify.app_command(tmp_path), "/venv/bin/python") == ["/venv/bin/python", "main.py"]
    (tmp_path / "cdktf.json").unlink()
    (tmp_path / "tap.py").write_text("")
    assert verify.app_command(tmp_path) == ["python", "tap.py"]
    (tmp_path / "tap.py").unlink()
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "deploy.py").write_text("app.synth()\n")
    assert verify.app_command(tmp_path) == ["python", "bin/deploy.py"]
    (tmp_path / "bin" / "deploy.py").unlink()
    with pytest.raises(verify.VerifyError, match="no cdktf.json"):  # and no script calling .synth()
        verify.app_command(tmp_path)


def test_project_virtualenv_is_the_default_interpreter(tmp_path):
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    assert verify.default_python(tmp_path) == str(python)


def _synthesized(addresses: dict[str, tuple[str, str]]) -> SynthResult:
    return SynthResult(True, "synthesized", addresses=addresses)


def test_compare_lists_moved_vanished_and_added_resources():
    before = _synthesized({
        "vpc/vpc/main": ("vpc", "aws_vpc.main"),  # a child stack's resource...
        "tap/logs": ("tap", "aws_s3_bucket.logs"),
        "tap/old": ("tap", "aws_sqs_queue.old"),
    })
    after = _synthesized({
        "tap/vpc/main": ("tap", "aws_vpc.vpc_main_1A2B3C"),  # ...now inside the main stack
        "tap/logs": ("tap", "aws_s3_bucket.logs"),
        "tap/queue": ("tap", "aws_sqs_queue.queue"),
    })
    changes = {c.path: c.kind for c in verify.compare(before, after)}
    assert changes == {"vpc/vpc/main": "moved", "tap/old": "vanished", "tap/queue": "added"}


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        ("import", "synthesized", True),
        ("import", "jsii validation", True),
        ("import", "import", True),
        ("type/arguments", "import", False),
        ("synthesized", "attribute", False),
        ("synthesized", "synthesized", True),
    ],
)
def test_no_worse_follows_the_pipeline(before, after, allowed):
    def result(stage: str) -> SynthResult:
        return SynthResult(stage == "synthesized", stage)

    assert verify.no_worse(result(before), result(after)) is allowed


def test_a_new_import_or_name_error_in_a_changed_file_is_worse_whatever_the_stage_before(tmp_path):
    stderr = (f'Traceback (most recent call last):\n  File "{tmp_path}/tap.py", line 3, in <module>\n'
              f'  File "{tmp_path}/lib/stack.py", line 9, in __init__\n    ec2.instance(self)\n'
              "NameError: name 'ec2' is not defined\n")
    assert verify.failing_file(stderr, tmp_path) == "lib/stack.py"
    after = SynthResult(False, "name", "NameError: name 'ec2' is not defined", where="lib/stack.py")
    failed_earlier = SynthResult(False, "import", "ImportError: cannot import name 'AwsProvider'", where="lib/stack.py")
    assert verify.no_worse(failed_earlier, after)  # by stage alone it got further...
    assert not verify.Verification(failed_earlier, after, frozenset({"lib/stack.py"})).allowed  # ...but it broke
    assert verify.Verification(failed_earlier, after, frozenset({"lib/other.py"})).allowed  # not a file it changed
    assert verify.Verification(after, after, frozenset({"lib/stack.py"})).allowed  # the failure it already had


def test_copy_leaves_out_environments_and_output(tmp_path):
    project = tmp_path / "app"
    for name in ("tap.py", "lib/x.py", ".venv/bin/python", "cdktf.out/stacks/a.json", "imports/aws/_jsii/x.py"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("")
    copy = verify.copy_project(project, tmp_path / "copy")
    copied = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()}
    assert copied == {"tap.py", "lib/x.py", "imports/aws/_jsii/x.py"}
    assert Path(copy).name == "app"
