"""Addresses that change when a project moves from an old cdktf core to 0.21, paired by construct path.

The two documents under tests/data/addresses/ are real synths of one small project (main-9.0.52.py with
cdktf 0.12.3 and cdktf-cdktf-provider-aws 9.0.52; main-21.22.1.py, its names upgraded, with cdktf 0.21.0
and 21.22.1): the stack id left the logical ids, so every address changed."""
from __future__ import annotations

import copy
import json
import os
import stat
import subprocess
from pathlib import Path

from fixer.addresses import address_report, describe, state_moves_script

DATA = Path(__file__).parent / "data" / "addresses"
OLD = json.loads((DATA / "cdktf-0.12.3.cdk.tf.json").read_text())
NEW = json.loads((DATA / "cdktf-0.21.0.cdk.tf.json").read_text())
FOLDERS = (("/tmp/oldproj",), ("/tmp/newproj",))  # where each synth ran (a local backend's state path)


def test_every_changed_address_is_paired_by_construct_path_and_nothing_else_differs():
    report = address_report({"old-stack": OLD}, {"old-stack": NEW}, *FOLDERS)
    assert {(c.path, c.before, c.after) for c in report.changes} == {
        ("old-stack/bucket", "aws_s3_bucket.oldstack_bucket_5366E848", "aws_s3_bucket.bucket"),
        ("old-stack/network/subnet", "aws_subnet.oldstack_network_subnet_DEB61376", "aws_subnet.network_subnet_E45498CD"),
        ("old-stack/network/vpc", "aws_vpc.oldstack_network_vpc_4161EAED", "aws_vpc.network_vpc_4E8F0223"),
        ("old-stack/web", "aws_instance.oldstack_web_663D2A92", "aws_instance.web"),
        ("old-stack/bucket_arn", "output.oldstack_bucketarn_E568135E", "output.bucket_arn"),
    }
    assert [c.after for c in report.moves] == ["aws_s3_bucket.bucket", "aws_subnet.network_subnet_E45498CD",
                                              "aws_vpc.network_vpc_4E8F0223", "aws_instance.web"]  # not the output
    assert report.only_before == report.only_after == []
    # references (`${aws_subnet.oldstack_network_subnet_DEB61376.id}`) were renamed with their blocks
    assert report.differences == []


def test_a_change_beyond_the_names_is_a_difference():
    changed = copy.deepcopy(NEW)
    changed["resource"]["aws_instance"]["web"]["instance_type"] = "t3.large"
    del changed["resource"]["aws_s3_bucket"]
    report = address_report({"old-stack": OLD}, {"old-stack": changed}, *FOLDERS)
    assert report.only_before == [("old-stack", "aws_s3_bucket.oldstack_bucket_5366E848")]
    assert {d.describe() for d in report.differences} >= {
        'old-stack aws_instance.web instance_type: "t3.micro" -> "t3.large"', "old-stack aws_s3_bucket.oldstack_bucket_5366E848: vanished"}


def test_data_sources_and_nested_outputs_are_paired_too():
    def stack(data_label: str, output_name: str, reference_label: str) -> dict:
        return {"//": {"outputs": {"s": {"net": {"zone": output_name}}}},
                "data": {"aws_availability_zones": {data_label: {"//": {"metadata": {"path": "s/net/zones"}}}}},
                "output": {output_name: {"value": f"${{data.aws_availability_zones.{reference_label}.names}}"}}}

    report = address_report({"s": stack("s_net_zones_1", "s_net_zone_2", "s_net_zones_1")},
                            {"s": stack("net_zones_3", "net_zone_4", "net_zones_3")})
    assert set(describe(report)) == {
        "address  s data.aws_availability_zones.s_net_zones_1 -> data.aws_availability_zones.net_zones_3",
        "address  s output.s_net_zone_2 -> output.net_zone_4"}
    assert report.moves == [] and report.differences == []


def test_the_state_moves_script_runs_terraform_state_mv_in_each_stack_folder(tmp_path):
    report = address_report({"old-stack": OLD}, {"old-stack": NEW}, *FOLDERS)
    script = tmp_path / "moves.sh"
    script.write_text(state_moves_script(report))
    (tmp_path / "cdktf.out" / "stacks" / "old-stack").mkdir(parents=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    terraform = bin_dir / "terraform"  # records where and with what it was called
    terraform.write_text(f'#!/bin/sh\necho "$(basename "$PWD") $*" >> "{tmp_path}/calls"\n')
    terraform.chmod(terraform.stat().st_mode | stat.S_IEXEC)
    subprocess.run(["sh", str(script)], cwd=tmp_path, check=True, env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert (tmp_path / "calls").read_text().splitlines() == [
        "old-stack init -input=false",
        "old-stack state mv aws_s3_bucket.oldstack_bucket_5366E848 aws_s3_bucket.bucket",
        "old-stack state mv aws_subnet.oldstack_network_subnet_DEB61376 aws_subnet.network_subnet_E45498CD",
        "old-stack state mv aws_vpc.oldstack_network_vpc_4161EAED aws_vpc.network_vpc_4E8F0223",
        "old-stack state mv aws_instance.oldstack_web_663D2A92 aws_instance.web",
    ]


def test_a_failed_move_stops_the_script(tmp_path):
    report = address_report({"old-stack": OLD}, {"old-stack": NEW}, *FOLDERS)
    (tmp_path / "cdktf.out" / "stacks" / "old-stack").mkdir(parents=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    terraform = bin_dir / "terraform"
    terraform.write_text(f'#!/bin/sh\necho "$*" >> "{tmp_path}/calls"\n[ "$1" = init ]\n')  # every move fails
    terraform.chmod(terraform.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "moves.sh").write_text(state_moves_script(report))
    done = subprocess.run(["sh", "moves.sh"], check=False, cwd=tmp_path, env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert done.returncode != 0
    assert len((tmp_path / "calls").read_text().splitlines()) == 2  # init, then the first move, which failed


STACKS = '''\
from cdktf import App, TerraformStack
import cdktf


class WebStack(TerraformStack):
    def __init__(self, scope, ns):
        super().__init__(scope, ns)


class DataStack(cdktf.TerraformStack):  # a comment stays
    pass


class Helper:
    pass
'''


def test_keep_addresses_gives_each_stack_class_the_kept_ids_once():
    from fixer.addresses import keep_in_stack_classes

    kept, refused = keep_in_stack_classes(STACKS)
    assert refused == []
    assert kept.count("def _allocate_logical_id(self, tf_element):") == 2  # WebStack and DataStack, not Helper
    assert "        return kept_logical_id(tf_element) or super()._allocate_logical_id(tf_element)\n" in kept
    assert "from cdktf_kept_addresses import kept_logical_id\n" in kept
    assert "class DataStack(cdktf.TerraformStack):  # a comment stays\n    pass\n\n    def _allocate" in kept
    compile(kept, "main.py", "exec")
    assert keep_in_stack_classes(kept) == (kept, [])  # a second run changes nothing


def test_keep_addresses_leaves_a_stack_that_allocates_its_own_ids_and_says_so():
    from fixer.addresses import keep_in_stack_classes

    own = STACKS.replace("        super().__init__(scope, ns)\n",
                         "        super().__init__(scope, ns)\n\n    def _allocate_logical_id(self, e):\n        return 'x'\n")
    kept, refused = keep_in_stack_classes(own)
    assert refused == ["WebStack"] and kept.count("def _allocate_logical_id") == 2


def test_the_kept_module_answers_by_construct_path():
    from fixer.addresses import kept_addresses_module, logical_ids_by_path

    namespace: dict = {}
    exec(kept_addresses_module(logical_ids_by_path({"old-stack": OLD})), namespace)  # noqa: S102  our own output
    assert namespace["KEPT"]["old-stack/network/vpc"] == "oldstack_network_vpc_4161EAED"
    assert namespace["KEPT"]["old-stack/bucket_arn"] == "oldstack_bucketarn_E568135E"

    class Element:
        class node:  # noqa: N801  the shape of a construct's node
            path = "old-stack/web"

    assert namespace["kept_logical_id"](Element()) == "oldstack_web_663D2A92"
