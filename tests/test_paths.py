"""`fixer.paths.resolved` is `Path.resolve()` with the answers remembered: same result for links to
folders and files, `..` after a link, relative paths and missing files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixer.paths import resolved


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "f.py").write_text("x = 1\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "lf.py").symlink_to(tmp_path / "real" / "sub" / "f.py")
    return tmp_path


def test_resolved_answers_as_resolve_does(tree, monkeypatch):
    monkeypatch.chdir(tree / "link")
    cases = [tree / "link" / "sub" / "f.py", tree / "real" / "lf.py", tree / "link" / ".." / "real",
             tree / "link" / "sub" / ".." / "sub" / "f.py", tree / "missing" / "x.py", Path("."), Path("/"),
             str(tree / "link" / "sub"), "sub/f.py", "./sub//f.py", Path("sub")]
    for case in cases:
        assert resolved(case) == Path(case).resolve(), case
    (tree / "elsewhere").mkdir()
    (tree / "elsewhere" / "deep").symlink_to(tree / "real" / "sub")
    # the link target's parent, as the system says, not the link's folder
    assert resolved(tree / "elsewhere" / "deep" / "..") == tree / "real"
    monkeypatch.chdir(tree)
    assert resolved("sub") == Path("sub").resolve() == tree / "sub"  # relative to the folder of the moment
    assert os.path.islink(tree / "real" / "lf.py") and resolved(tree / "real" / "lf.py").name == "f.py"


def test_folders_resolved_from_their_parents_follow_links_at_any_depth(tree):
    """A folder is resolved from its parent's answer: a link deep in the path, a relative link whose
    target climbs with `..`, a link to a link and a link below a link each end where `resolve` says."""
    (tree / "real2" / "inner").mkdir(parents=True)
    (tree / "real2" / "inner" / "g.py").write_text("y = 2\n")
    (tree / "real" / "sub" / "up").symlink_to(Path("..") / ".." / "real2")  # relative, climbing
    (tree / "chained").symlink_to("link")  # a link to a link
    (tree / "real2" / "inner" / "back").symlink_to(tree / "real")
    cases = [tree / "link" / "sub" / "up" / "inner" / "g.py", tree / "chained" / "sub" / "up" / "inner",
             tree / "chained" / "sub" / "up" / "inner" / "back" / "sub" / "f.py",
             tree / "real" / "sub" / "up" / "inner" / "missing" / "h.py"]
    for case in cases:
        assert resolved(case) == case.resolve(), case
    assert resolved(cases[0]) == tree / "real2" / "inner" / "g.py"


def test_a_walk_tells_resolved_its_files_and_still_follows_linked_ones(tree, monkeypatch):
    """The files a walk finds below a resolved folder are their own resolved paths, and `resolved` answers
    them without asking the file system; a file that is a link is still resolved to its target, and a
    walk started in a linked folder yields the real paths."""
    from fixer import paths
    from fixer.discovery import iter_python_files

    (tree / "real" / "own.py").write_text("z = 3\n")
    found = list(iter_python_files(tree / "link"))
    assert sorted(str(p.relative_to(tree)) for p in found) == ["real/lf.py", "real/own.py", "real/sub/f.py"]

    def no_system(*args):
        raise AssertionError(f"asked the file system about {args}")

    monkeypatch.setattr(paths.os.path, "islink", no_system)
    monkeypatch.setattr(paths.os.path, "realpath", no_system)
    assert resolved(tree / "real" / "own.py") == tree / "real" / "own.py"
    assert resolved(str(tree / "real" / "sub" / "f.py")) == tree / "real" / "sub" / "f.py"
    monkeypatch.undo()
    assert resolved(tree / "real" / "lf.py") == tree / "real" / "sub" / "f.py"  # the link, as resolve says


def test_a_shown_path_is_relative_to_the_folder_of_the_moment(tree, monkeypatch):
    """Output shows paths from the working folder; the answers are remembered per working folder."""
    from fixer.reporting import display_path

    file = str(tree / "real" / "sub" / "f.py")
    monkeypatch.chdir(tree / "real")
    assert display_path(file) == os.path.join("sub", "f.py")
    monkeypatch.chdir(tree / "real" / "sub")
    assert display_path(file) == "f.py"
    assert display_path("") == ""  # relpath refuses an empty path: shown as given
