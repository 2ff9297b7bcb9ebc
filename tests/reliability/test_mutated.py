"""Mutated real code through `fix`: the run never crashes, an unparsable file is reported once with
Python's own position and never written, and every other file is processed as before.

CI (the short form) mutates a few small golden before.py files; the long form also takes the files of
/work/shared/corpus and /work/shared/realworld, read at test time and never copied into the repository."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from helpers import GOLDEN, cli

from fixer.engine import CONFLICT_MARKER
from reliability.common import examples, parses, record
from reliability.mutate import mutate

pytestmark = pytest.mark.reliability

SHARED = [Path("/work/shared/corpus"), Path("/work/shared/realworld")]


def golden_seeds(count: int) -> list[bytes]:
    files = sorted(GOLDEN.glob("*/*/before.py"), key=lambda p: (p.stat().st_size, str(p)))
    small = [p for p in files if p.stat().st_size < 2500]
    step = max(1, len(small) // count)
    return [p.read_bytes() for p in small[::step][:count]]


def python_position(data: bytes) -> tuple[int, int] | None:
    """Where Python says the file stops parsing, or None when it compiles."""
    try:
        compile(data, "mutant.py", "exec", dont_inherit=True, flags=0x400)  # ast.PyCF_ONLY_AST
    except SyntaxError as exc:
        return exc.lineno or 1, exc.offset or 1
    except (ValueError, RecursionError, MemoryError):
        return 1, 1
    return None


def materialize(root: Path, files: list[bytes]) -> list[Path]:
    """Each file in a project of its own, so a mutation changes no other file's project facts."""
    if root.exists():
        shutil.rmtree(root)
    paths = []
    for number, data in enumerate(files):
        folder = root / f"p{number}"
        folder.mkdir(parents=True)
        (folder / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
        (folder / "main.py").write_bytes(data)
        paths.append(folder / "main.py")
    return paths


def fix(root: Path) -> tuple[int, dict]:
    outcome = cli("fix", root, "--no-cache", "--output-format", "json")
    return outcome.exit_code, outcome.json()


def mutation_rounds(tmp_path: Path, seeds: list[bytes], rounds: int, seed: int) -> None:
    baseline_paths = materialize(tmp_path / "baseline", seeds)
    code, _ = fix(tmp_path / "baseline")
    assert code != 2
    expected = [p.read_bytes() for p in baseline_paths]
    rng = random.Random(seed)
    for number in range(rounds):
        target = rng.randrange(len(seeds))
        kind, mutant = mutate(seeds[target], rng)
        files = list(seeds)
        files[target] = mutant
        root = tmp_path / "round"
        paths = materialize(root, files)
        code, report = fix(root)
        where = f"round {number} (seed {seed}): {kind} in file {target}"
        assert code != 2, f"{where}: cdktf-fixer failed: {report['errors']}"
        for index, path in enumerate(paths):
            if index != target:
                assert path.read_bytes() == expected[index], f"{where}: file {index} was processed differently"
        errors = [e for e in report["errors"] if Path(e["path"]).resolve() == paths[target].resolve()]
        position = python_position(mutant)
        record("mutations", kind=kind, parses=position is None, reported=bool(errors))
        if position is not None:
            assert paths[target].read_bytes() == mutant, f"{where}: an unparsable file was written"
            assert len(errors) <= 1, f"{where}: reported {len(errors)} times"
            if errors and "merge conflict" in errors[0]["reason"]:
                # a committed conflict (some corpus files hold one) is said at its first marker, by design
                marker = CONFLICT_MARKER.search(mutant.decode("utf-8", errors="replace"))
                assert marker is not None, f"{where}: {errors[0]}"
                line = mutant.decode("utf-8", errors="replace").count("\n", 0, marker.start()) + 1
                assert (errors[0]["line"], errors[0]["column"]) == (line, 1), f"{where}: {errors[0]}"
            elif errors and errors[0]["kind"] == "syntax":
                assert (errors[0]["line"], errors[0]["column"]) == position, f"{where}: {errors[0]} vs {position}"
            else:
                assert not errors or errors[0]["kind"] == "io", f"{where}: {errors}"
            assert not [f for f in report["findings"] if Path(f["path"]).resolve() == paths[target].resolve()]
        else:
            after = paths[target].read_bytes()
            try:
                text = after.decode("utf-8")
            except UnicodeDecodeError:
                continue  # a latin-1 seed's mutant: compiled, kept its encoding
            assert parses(text), f"{where}: the fixed file does not parse"


def test_mutated_golden_files(tmp_path):
    mutation_rounds(tmp_path, golden_seeds(5), examples(6, 300), seed=16)


def shared_files() -> list[Path]:
    return sorted(p for folder in SHARED if folder.is_dir() for p in folder.rglob("*.py")
                  if p.stat().st_size < 60_000 and ".venv" not in p.parts and "cdktf.out" not in p.parts)


@pytest.mark.skipif(not any(folder.is_dir() for folder in SHARED),
                    reason="/work/shared/corpus and /work/shared/realworld are absent (CI): the golden seeds stand in")
def test_mutated_shared_corpus(tmp_path):
    files = shared_files()
    assert files
    rng = random.Random(1616)
    batches = examples(2, 60)
    for batch in range(batches):
        seeds = [p.read_bytes() for p in rng.sample(files, k=min(4, len(files)))]
        mutation_rounds(tmp_path / f"b{batch}", seeds, examples(3, 10), seed=batch)
