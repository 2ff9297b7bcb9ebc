"""`migrate`'s two kinds of unsafe fix, each applied only by its own option: `--allow-partial` moves a
project some of whose providers have no cdktn package; `--unsafe-fixes` rewrites the command lines that
call the cdktf CLI (CTM007)."""
from __future__ import annotations

from pathlib import Path

from helpers import cli

MAKEFILE = "synth:\n\tcdktf synth\n"
PARTIAL_MAIN = "from cdktf import App\nfrom cdktf_cdktf_provider_okta.user import User\n\nApp().synth()\n"


def _project(tmp_path: Path, main: str) -> Path:
    (tmp_path / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}\n')
    (tmp_path / "main.py").write_text(main)
    (tmp_path / "Makefile").write_text(MAKEFILE)
    return tmp_path


def test_the_migration_leaves_command_lines_to_unsafe_fixes(tmp_path):
    project = _project(tmp_path, "from cdktf import App\n\nApp().synth()\n")

    migrated = cli("migrate", "--to", "cdktn", project)

    assert migrated.exit_code == 1  # the command line is left, and reported
    assert (project / "main.py").read_text().startswith("from cdktn import App")
    assert (project / "Makefile").read_text() == MAKEFILE
    assert "1 fixable with `--unsafe-fixes`" in migrated.stdout

    rewritten = cli("migrate", "--to", "cdktn", "--unsafe-fixes", project)

    assert rewritten.exit_code == 0, rewritten.stdout
    assert (project / "Makefile").read_text() == "synth:\n\tcdktn synth\n"


def test_allow_partial_does_not_rewrite_command_lines_and_unsafe_fixes_does_not_migrate_half_a_project(tmp_path):
    project = _project(tmp_path, PARTIAL_MAIN)

    lines_only = cli("migrate", "--to", "cdktn", "--unsafe-fixes", project)

    assert (project / "main.py").read_text() == PARTIAL_MAIN  # okta has no cdktn package: nothing moves
    assert (project / "Makefile").read_text() == "synth:\n\tcdktn synth\n"
    assert "fixable with `--allow-partial`" in lines_only.stdout

    (project / "Makefile").write_text(MAKEFILE)
    partial = cli("migrate", "--to", "cdktn", "--allow-partial", project)

    assert (project / "main.py").read_text().startswith("from cdktn import App")
    assert (project / "Makefile").read_text() == MAKEFILE
    assert "fixable with `--unsafe-fixes`" in partial.stdout
