"""`migrate --to cdktn`: the command's contract, and the engine's guarantees for project files that are
not Python (what the golden cases under golden/CTM*/ do not show)."""
from __future__ import annotations

from pathlib import Path

from helpers import cli

from fixer.engine import Options, process_file
from fixer.project import ProjectContext
from fixer.rule import ProjectFileRule
from fixer.types import Applicability, FixAvailability

REQUIREMENTS = "cdktf==0.21.0  # core\nboto3\n"
MAIN = 'from cdktf import App\n\nApp(outdir="cdktf.out").synth()\n'


def _project(tmp_path: Path) -> Path:
    (tmp_path / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}\n')
    (tmp_path / "main.py").write_text(MAIN)
    (tmp_path / "requirements.txt").write_text(REQUIREMENTS)
    return tmp_path


def test_diff_and_check_write_nothing_and_fix_writes_both_kinds_of_file(tmp_path):
    project = _project(tmp_path)
    diff = cli("migrate", "--to", "cdktn", "--diff", project)
    assert diff.exit_code == 1 and "+cdktn>=0.24,<0.25  # core" in diff.stdout and "+from cdktn import App" in diff.stdout
    check = cli("migrate", "--to", "cdktn", "--check", project)
    assert check.exit_code == 1 and "cdktf-fixer migrate --to cdktn" in check.stdout
    assert (project / "requirements.txt").read_text() == REQUIREMENTS and (project / "main.py").read_text() == MAIN
    fixed = cli("migrate", "--to", "cdktn", project)
    assert fixed.exit_code == 0, fixed.stdout
    assert (project / "requirements.txt").read_text() == "cdktn>=0.24,<0.25  # core\nboto3\n"
    assert (project / "main.py").read_text() == MAIN.replace("from cdktf", "from cdktn")  # "cdktf.out" kept
    assert cli("migrate", "--to", "cdktn", "--diff", project).exit_code == 0


def test_usage_errors_exit_2(tmp_path):
    project = _project(tmp_path)
    assert cli("migrate", "--to", "pulumi", project).exit_code == 2  # cdktn and cdktf are the targets
    assert cli("migrate", project).exit_code == 2  # --to is required
    assert cli("migrate", "--to", "cdktn", "--diff", "--check", project).exit_code == 2
    assert cli("migrate", "--to", "cdktn", "--select", "CTB001", project).exit_code == 2  # not a migrate rule


def test_fix_pack_commands_do_not_run_the_migration(tmp_path):
    project = _project(tmp_path)
    report = cli("check", project, "--no-cache", "--output-format", "json").json()
    assert not any(f["code"].startswith("CTM") for f in report["findings"])
    assert cli("check", "--select", "CTM001", project).exit_code == 2


class _Rewrites(ProjectFileRule):
    code, name, summary = "CTX990", "rewrites", "test rule"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = frozenset({Applicability.SAFE})
    file_names = ("*.toml",)
    markers = ("a",)

    def fix(self, text: str) -> str:
        self.report_at(1, 1, "rewrite", Applicability.SAFE)
        return "a = [unclosed\n"  # ignores whether the fix is to be applied, and breaks the file

    @classmethod
    def validate(cls, path: str, text: str) -> None:
        import tomllib

        tomllib.loads(text)


def test_a_project_file_rule_that_rewrites_in_check_mode_or_breaks_the_file_changes_nothing(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('a = 1\n')
    project = ProjectContext.build(tmp_path, [])
    checked = process_file(str(path), [_Rewrites], project, Options((_Rewrites,)))
    assert checked.error is not None and "no fix to apply" in checked.error.reason and not checked.changed
    fixed = process_file(str(path), [_Rewrites], project, Options((_Rewrites,), apply=frozenset({Applicability.SAFE}),
                                                                  write=True))
    assert fixed.error is not None and "invalid file" in fixed.error.reason and not fixed.changed
    assert path.read_text() == "a = 1\n"


def test_project_files_keep_their_bom_and_line_endings(tmp_path):
    project = _project(tmp_path)
    (project / "requirements.txt").write_bytes(b"\xef\xbb\xbfcdktf==0.21.0\r\nboto3\r\n")
    assert cli("migrate", "--to", "cdktn", project).exit_code == 0
    assert (project / "requirements.txt").read_bytes() == b"\xef\xbb\xbfcdktn>=0.24,<0.25\r\nboto3\r\n"


def test_a_pool_of_workers_migrates_project_files_like_one_process(tmp_path):
    """Past the pool threshold the workers screen files themselves: a requirements file must still reach
    the project-file rules, not the Python parser."""
    project = _project(tmp_path)
    for i in range(30):
        (project / f"module_{i:02d}.py").write_text("from cdktf import Fn\n\nVALUE = Fn.upper('x')\n")
    fixed = cli("migrate", "--to", "cdktn", "--jobs", "2", project)
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert (project / "requirements.txt").read_text() == "cdktn>=0.24,<0.25  # core\nboto3\n"
    assert all("from cdktn import Fn" in p.read_text() for p in project.glob("module_*.py"))
