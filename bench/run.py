"""Benchmark cdktf-fixer against the LibCST parse floor and its peers; prints a markdown report.

    python bench/run.py                          # CDKTF-only and mixed-monorepo inputs
    python bench/run.py --corpus ../shared/corpus # also the real corpus (its model/ folders)
    python bench/run.py --quick                  # smaller inputs, for a smoke run
    python bench/run.py --instructions           # also the CDKTF-only ratios in instructions (valgrind)

Every figure comes from this one run on this machine: wall time (a fresh process per measurement,
interpreter start included), files per second, and peak memory (the largest resident set of the
measured process tree's biggest process). Ratios compare measurements of the same run only; each
measurement a target's ratio uses is the best of `--repeat` runs (3), as noise on a shared machine only
ever adds time, and the measurements one ratio compares are taken in turns (floor, check, floor, check, ...),
so that a slow spell, which outlasts a run, meets both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# ruff from PATH, else the one installed beside this interpreter (a venv run without activating it)
RUFF = shutil.which("ruff") or shutil.which("ruff", path=str(Path(sys.executable).parent))
VALGRIND = shutil.which("valgrind")
FIXER = [sys.executable, "-m", "fixer"]

# A fresh wrapper per measurement, so RUSAGE_CHILDREN holds only the measured command's processes.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
crashed = b"Traceback (most recent call last)" in run.stderr
print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, run.returncode, crashed,
                  run.stderr[-3000:].decode(errors="replace")]))
"""

FLOOR = """
import sys
from pathlib import Path
import libcst
for name in Path(sys.argv[1]).read_text().splitlines():
    try:
        libcst.parse_module(Path(name).read_bytes().decode("utf-8-sig"))
    except libcst.ParserSyntaxError:
        pass  # a golden case that must not parse (a merge conflict): the fixer tries it too
"""


def measure(command: list[str], cwd: Path) -> tuple[float, int, int]:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *command], cwd=cwd, capture_output=True, text=True, check=True)
    wall, rss_kb, code, crashed, stderr = json.loads(out.stdout)
    # 0/1 findings, 2 files reported as unprocessable (the stdlib ships deliberately broken ones); a
    # traceback, whatever the exit code, is a crash, and a crash is never timed
    if crashed or code not in (0, 1, 2):
        raise SystemExit(f"{' '.join(command)} crashed (exit {code}):\n{stderr}")
    return wall, rss_kb, code


# How often each measurement that enters a target's ratio is taken; its best wall time counts (a shared
# machine's noise only ever adds time), its largest resident set. `--repeat` sets it.
REPEAT = 3


def measure_best(command: list[str], cwd: Path) -> tuple[float, int, int]:
    runs = [measure(command, cwd) for _ in range(REPEAT)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def measure_together(commands: list[list[str]]) -> list[tuple[float, int, int]]:
    """`measure_best` of each command, their runs taken in turns: on a shared machine a slow spell lasts
    longer than one run, and three runs of one command in a row can all fall in it while those of the
    command it is compared with do not."""
    runs: list[list[tuple[float, int, int]]] = [[] for _ in commands]
    for _ in range(REPEAT):
        for number, command in enumerate(commands):
            runs[number].append(measure(command, REPO))
    return [(min(r[0] for r in taken), max(r[1] for r in taken), taken[-1][2]) for taken in runs]


def best_of(label: str) -> str:
    return f"{label} (best of {REPEAT})" if REPEAT > 1 else label


def cdktf_sources() -> list[Path]:
    """The CDKTF code shipped in the repo: the example project and every golden case's before side."""
    sources = [REPO / "examples" / "payments-app"]
    for case in sorted((REPO / "golden").glob("*/*")):
        sources.append(case / "before" if (case / "before").is_dir() else case / "before.py")
    return sources


def copy_cdktf(dest: Path) -> int:
    """One copy of the repo's CDKTF code. Project trees keep their cdktf.json; the single-file golden
    cases go into one project of their own, as CDKTF code lives in a monorepo (with a cdktf.json)."""
    count = 0
    singles = dest / "single-file-cases"
    singles.mkdir(parents=True)
    (singles / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
    for number, source in enumerate(cdktf_sources()):
        if source.is_dir():
            target = dest / f"{number:03d}-{source.parent.name if source.name == 'before' else source.name}"
            shutil.copytree(source, target)
            count += sum(1 for _ in target.rglob("*.py"))
        else:
            shutil.copy(source, singles / f"case_{number:03d}.py")
            count += 1
    return count


def build_cdktf_only(dest: Path, target: int) -> int:
    files, copy = 0, 0
    while files < target:
        files += copy_cdktf(dest / f"copy{copy:03d}")
        copy += 1
    return files


def build_mixed(dest: Path, limit: int | None) -> tuple[int, int]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    python_files = [
        p for p in sorted(stdlib.rglob("*.py")) if "site-packages" not in p.parts and "dist-packages" not in p.parts
    ]
    if limit:
        python_files = python_files[:limit]
    for path in python_files:
        target = dest / "stdlib" / path.relative_to(stdlib)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    cdktf = copy_cdktf(dest / "infra")
    return len(python_files), cdktf


def python_files(root: Path) -> list[Path]:
    sys.path.insert(0, str(REPO))
    from fixer.discovery import iter_python_files

    return list(iter_python_files(root))


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, int, float, int]] = []
        self.values: dict[str, float] = {}
        self.rss_mb: dict[str, float] = {}

    def add(self, key: str, label: str, files: int, wall: float, rss_kb: int) -> float:
        self.rows.append((label, key, files, wall, rss_kb))
        self.values[key] = wall
        self.rss_mb[key] = rss_kb / 1024
        print(f"  {label}: {wall:.2f} s", file=sys.stderr)
        return wall

    def table(self) -> str:
        lines = ["| measurement | files | wall (s) | files/s | peak RSS (MB) |", "|---|---:|---:|---:|---:|"]
        for label, _, files, wall, rss in self.rows:
            lines.append(f"| {label} | {files} | {wall:.2f} | {files / wall:.0f} | {rss / 1024:.0f} |")
        return "\n".join(lines)


def run_fixer(report: Report, key: str, label: str, tree: Path, files: int, *args: str, best: bool = False) -> float:
    """`best`: the measurement enters a target's ratio, so it is the best of REPEAT runs."""
    wall, rss, _ = (measure_best if best else measure)([*FIXER, *args, str(tree)], REPO)
    return report.add(key, best_of(label) if best else label, files, wall, rss)


def floor_command(listing: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR, str(listing)]


def floor_and_check(report: Report, floor_row: tuple[str, str], checks: list[tuple[str, str, list[str]]],
                    listing: Path, tree: Path, files: int, checked_files: int | None = None) -> None:
    """The parse floor and the checks a ratio divides by it, measured in turns. `checks`: (key, label,
    fixer arguments before the tree)."""
    commands = [floor_command(listing), *([*FIXER, *args, str(tree)] for _, _, args in checks)]
    results = measure_together(commands)
    report.add(floor_row[0], best_of(floor_row[1]), files, results[0][0], results[0][1])
    for (key, label, _), (wall, rss, _) in zip(checks, results[1:]):
        report.add(key, best_of(label), files if checked_files is None else checked_files, wall, rss)


def bench_cdktf_only(report: Report, work: Path, target: int) -> tuple[Path, Path]:
    """The CDKTF-only measurements; the tree and its file listing, for the instruction counts."""
    tree = work / "cdktf-only"
    files = build_cdktf_only(tree, target)
    print(f"CDKTF-only: {files} files", file=sys.stderr)
    listing = work / "cdktf-files.txt"
    listing.write_text("\n".join(str(p) for p in python_files(tree)))
    floor_and_check(report, ("floor", "CDKTF-only: LibCST parse_module floor (1 process)"),
                    [(f"check_j{jobs}", f"CDKTF-only: check --jobs {jobs}, cold", ["check", "--no-cache", "--jobs", jobs])
                     for jobs in ("1", "2")], listing, tree, files)
    cache = work / "cache-cdktf"
    run_fixer(report, "check_cold", "CDKTF-only: check, cold (empty cache)", tree, files,
              "check", "--cache-dir", str(cache))
    run_fixer(report, "check_warm", "CDKTF-only: check, warm (unchanged tree)", tree, files,
              "check", "--cache-dir", str(cache))
    run_fixer(report, "diff_cold", "CDKTF-only: fix --diff, cold", tree, files, "fix", "--diff", "--cache-dir", str(cache))
    run_fixer(report, "diff_warm", "CDKTF-only: fix --diff, warm", tree, files, "fix", "--diff", "--cache-dir", str(cache))
    sys.path.insert(0, str(REPO))
    from fixer.registry import all_rules

    total, peak = 0.0, 0
    for rule in all_rules():
        wall, rss, _ = measure([*FIXER, "check", "--no-cache", "--jobs", "1", "--select", rule.code, str(tree)], REPO)
        total += wall
        peak = max(peak, rss)
    report.add("per_rule", f"CDKTF-only: {len(all_rules())} rules as separate passes (one parse each), --jobs 1",
               files, total, peak)
    ruff = RUFF
    if ruff:
        wall, rss, _ = measure([ruff, "check", "--no-cache", "--isolated", "--exit-zero", str(tree)], REPO)
        report.add("ruff_cdktf", "CDKTF-only: ruff check (default rules, no cache)", files, wall, rss)
    return tree, listing


def instructions(command: list[str], folder: Path) -> list[int]:
    """The instructions each process of `command` executes, counted by cachegrind (children followed). A
    forked worker's count includes what its parent ran before the fork, as its own run did."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("cachegrind.*"):
        old.unlink()
    assert VALGRIND is not None
    run = subprocess.run([VALGRIND, "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes",
                          f"--cachegrind-out-file={folder}/cachegrind.%p", *command],
                         cwd=REPO, capture_output=True, text=True, check=False)
    # as `measure`: a crash is never counted
    if "Traceback (most recent call last)" in run.stderr or run.returncode not in (0, 1, 2):
        raise SystemExit(f"{' '.join(command)} crashed under cachegrind (exit {run.returncode}):\n{run.stderr[-3000:]}")
    counts = [int(line.split()[1]) for out in folder.glob("cachegrind.*")
              for line in out.read_text().splitlines() if line.startswith("summary:")]
    if not counts:
        raise SystemExit(f"cachegrind counted nothing for {' '.join(command)}")
    return counts


def bench_instructions(tree: Path, listing: Path, folder: Path) -> dict[str, float]:
    """The CDKTF-only ratios counted in instructions, which a shared machine's noise cannot move (wall time
    also depends on how much a process does per cycle: the floor is mostly LibCST's native parser, a
    check mostly Python). The speed-up divides `--jobs 1` by the largest process of `--jobs 2`: the
    parent's report after its workers end is left out."""
    floor = sum(instructions(floor_command(listing), folder))
    one = sum(instructions([*FIXER, "check", "--no-cache", "--jobs", "1", str(tree)], folder))
    two = instructions([*FIXER, "check", "--no-cache", "--jobs", "2", str(tree)], folder)
    for label, count in (("floor", floor), ("check --jobs 1", one), ("check --jobs 2, largest process", max(two))):
        print(f"  CDKTF-only instructions, {label}: {count / 1e9:.2f}G", file=sys.stderr)
    return {"j1_floor": one / floor, "speed_up": one / max(two)}


def bench_mixed(report: Report, work: Path, limit: int | None) -> None:
    tree = work / "mixed"
    stdlib, cdktf = build_mixed(tree, limit)
    files = stdlib + cdktf
    print(f"mixed monorepo: {stdlib} stdlib + {cdktf} CDKTF files", file=sys.stderr)
    fixer = [*FIXER, "check", "--no-cache", "--jobs", "2", str(tree)]
    if RUFF:
        ruff = [RUFF, "check", "--no-cache", "--isolated", "--exit-zero", str(tree)]
        (wall, rss, _), (ruff_wall, ruff_rss, _) = measure_together([fixer, ruff])
    else:
        wall, rss, _ = measure_best(fixer, REPO)
    report.add("mixed_check", best_of("mixed: check --jobs 2, cold"), files, wall, rss)
    run_fixer(report, "mixed_check_j1", "mixed: check --jobs 1, cold", tree, files, "check", "--no-cache", "--jobs", "1")
    cache = work / "cache-mixed"
    run_fixer(report, "mixed_cold", "mixed: check, cold (empty cache)", tree, files, "check", "--cache-dir", str(cache))
    run_fixer(report, "mixed_warm", "mixed: check, warm", tree, files, "check", "--cache-dir", str(cache))
    if RUFF:
        report.add("ruff_mixed", best_of("mixed: ruff check (default rules, no cache)"), files, ruff_wall, ruff_rss)


def bench_corpus(report: Report, work: Path, corpus: Path) -> None:
    """model/ as generated (most files broken) and ideal/ as corrected (mostly clean: the everyday case)."""
    for side in ("model", "ideal"):
        tree = work / f"corpus-{side}"
        for project in sorted(corpus.glob(f"Pr*/{side}")):
            shutil.copytree(project, tree / project.parent.name)
        listing = work / f"corpus-{side}.txt"
        paths = python_files(tree)
        parsable = []
        for path in paths:
            try:
                compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
                parsable.append(path)
            except (SyntaxError, ValueError):
                pass  # truncated answers: the floor cannot parse them either
        listing.write_text("\n".join(str(p) for p in parsable))
        floor_and_check(report, (f"corpus_{side}_floor", f"corpus {side}/: LibCST parse_module floor (1 process)"),
                        [(f"corpus_{side}_j1", f"corpus {side}/: check --jobs 1, cold", ["check", "--no-cache", "--jobs", "1"])],
                        listing, tree, len(parsable), checked_files=len(paths))
        run_fixer(report, f"corpus_{side}_j2", f"corpus {side}/: check --jobs 2, cold", tree, len(paths),
                  "check", "--no-cache", "--jobs", "2")


def big_module(instances: int = 2500) -> str:
    """A generated stack module of 20,000 lines (issue 16's case): one class, thousands of resources."""
    lines = ["from constructs import Construct", "from cdktf import App, TerraformStack",
             "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket", "", "",
             "class Big(TerraformStack):", "    def __init__(self, scope: Construct, id: str):",
             "        super().__init__(scope, id)"]
    for i in range(instances):
        lines += ["        S3Bucket(", "            self,", f'            "bucket{i}",',
                  f'            bucket=f"bucket-{i}-{{id}}",', "            tags={", f'                "Name": "b{i}",',
                  "            },", "        )"]
    return "\n".join([*lines, "", "", "app = App()", 'Big(app, "big")', "app.synth()", ""])


def bench_big_module(report: Report, work: Path) -> None:
    tree = work / "big-module"
    tree.mkdir()
    (tree / "cdktf.json").write_text('{"language": "python", "app": "python main.py"}')
    (tree / "main.py").write_text(big_module())
    listing = work / "big-module.txt"
    listing.write_text(str(tree / "main.py"))
    floor_and_check(report, ("big_floor", "20,000-line module: LibCST parse_module floor"),
                    [("big_check", "20,000-line module: check, cold", ["check", "--no-cache"])], listing, tree, 1)
    run_fixer(report, "big_diff", "20,000-line module: fix --diff, cold", tree, 1, "fix", "--diff", "--no-cache")


def bench_startup(report: Report, work: Path) -> None:
    clean = work / "clean.py"
    clean.write_text("x = 1\n")
    best_help = min(measure([*FIXER, "--help"], REPO)[0] for _ in range(max(3, REPEAT)))
    report.add("help", f"startup: cdktf-fixer --help (best of {max(3, REPEAT)})", 1, best_help, 0)
    best_one = min(measure([*FIXER, "check", "--no-cache", str(clean)], REPO)[0] for _ in range(max(3, REPEAT)))
    report.add("one_file", f"startup: check of one clean file (best of {max(3, REPEAT)})", 1, best_one, 0)


def ratios(report: Report, counted: dict[str, float] | None = None) -> str:
    v = report.values
    lines = ["| target | measured | goal | met |", "|---|---:|---:|---|"]

    def row(name: str, value: float | None, goal: str, met: bool | None) -> None:
        shown = "n/a" if value is None else f"{value:.2f}"
        lines.append(f"| {name} | {shown} | {goal} | {'n/a' if met is None else ('yes' if met else 'no')} |")

    if "ruff_mixed" in v:
        row("mixed check (--jobs 2) / ruff check", v["mixed_check"] / v["ruff_mixed"], "<= 1.0",
            v["mixed_check"] <= v["ruff_mixed"])
    row("CDKTF-only check --jobs 1 / parse floor", v["check_j1"] / v["floor"], "<= 2.5", v["check_j1"] <= 2.5 * v["floor"])
    row("CDKTF-only check --jobs 2 / parse floor", v["check_j2"] / v["floor"], "(for reference)", None)
    row("speed-up --jobs 2 over --jobs 1 (CDKTF-only)", v["check_j1"] / v["check_j2"], ">= 1.8",
        v["check_j1"] / v["check_j2"] >= 1.8)
    if counted:
        row("CDKTF-only check --jobs 1 / parse floor, in instructions", counted["j1_floor"], "(for reference)", None)
        row("speed-up --jobs 2 over --jobs 1, in instructions", counted["speed_up"], "(for reference)", None)
    row("warm / cold check (CDKTF-only)", v["check_warm"] / v["check_cold"], "<= 0.10",
        v["check_warm"] <= 0.1 * v["check_cold"])
    row("warm / cold fix --diff (CDKTF-only)", v["diff_warm"] / v["diff_cold"], "<= 0.10",
        v["diff_warm"] <= 0.1 * v["diff_cold"])
    row("warm / cold check (mixed)", v["mixed_warm"] / v["mixed_cold"], "<= 0.10", v["mixed_warm"] <= 0.1 * v["mixed_cold"])
    row("one pass / separate passes per rule", v["check_j1"] / v["per_rule"], "(for reference)", None)
    for side in ("model", "ideal"):
        if f"corpus_{side}_floor" in v:
            row(f"corpus {side}/ check --jobs 1 / parse floor", v[f"corpus_{side}_j1"] / v[f"corpus_{side}_floor"],
                "<= 2.5", v[f"corpus_{side}_j1"] <= 2.5 * v[f"corpus_{side}_floor"])
            peak = report.rss_mb[f"corpus_{side}_j2"]
            row(f"corpus {side}/ check --jobs 2: peak RSS (MB)", peak, "< 150", peak < 150)
    if "big_floor" in v:
        row("20,000-line module check / its parse floor", v["big_check"] / v["big_floor"], "<= 3.0",
            v["big_check"] <= 3.0 * v["big_floor"])
        row("20,000-line module fix --diff / its parse floor", v["big_diff"] / v["big_floor"], "(for reference)", None)
    row("--help (s)", v["help"], "< 0.3", v["help"] < 0.3)
    row("check of one clean file (s)", v["one_file"], "< 0.25", v["one_file"] < 0.25)
    return "\n".join(lines)


def main() -> int:
    global REPEAT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="the shared corpus folder (Pr*/model projects)")
    parser.add_argument("--quick", action="store_true", help="small inputs: a smoke run, not figures to quote")
    parser.add_argument("--files", type=int, default=2000, help="CDKTF-only target file count (default 2000)")
    parser.add_argument("--repeat", type=int, default=REPEAT,
                        help=f"runs of each measurement a target's ratio uses, the best counting (default {REPEAT})")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the CDKTF-only ratios in instructions (valgrind's cachegrind; a few minutes more)")
    args = parser.parse_args()
    if args.instructions and VALGRIND is None:
        parser.error("--instructions needs valgrind on PATH")
    REPEAT = max(1, args.repeat)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="cdktf-fixer-bench-") as tmp:
        work = Path(tmp)
        bench_startup(report, work)
        bench_big_module(report, work)
        tree, listing = bench_cdktf_only(report, work, 200 if args.quick else args.files)
        counted = bench_instructions(tree, listing, work / "cachegrind") if args.instructions else None
        bench_mixed(report, work, 200 if args.quick else None)
        if args.corpus:
            bench_corpus(report, work, args.corpus.resolve())
    cpu = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    ruff_version = subprocess.run([RUFF, "--version"], check=False, capture_output=True, text=True).stdout.strip() if RUFF else "not installed"
    print(f"Machine: {cpu}; {ruff_version}\n")
    print(report.table())
    print()
    print(ratios(report, counted))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
