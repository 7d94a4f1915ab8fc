"""Every benchmark, several times each, and the table of figures in docs/BENCHMARKS.md.

    make bench          (or: python bench/run.py [--scale S] [--runs N] [--out FILE])

Builds (or takes from bench/.cache/) the practice with ten years of data, runs start-up,
recording, handouts, the clinic-scale screens, peak memory and the bundle, and rewrites the
part of the output file between its two `bench:` markers: median and worst of each beside
its goal, and the machine it ran on. A benchmark, not a test: nothing here runs in
`make test` (tests/test_bench.py runs this code once on tiny data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import clinic, handouts, recording, startup  # noqa: E402
from bench.large_data import LargeData, cached  # noqa: E402

BEGIN, END = "<!-- bench:begin (written by make bench) -->", "<!-- bench:end -->"
BUNDLE = ROOT / "dist" / "rugschool" / "rugschool"


@dataclass(frozen=True)
class Figure:
    benchmark: str
    median: str
    worst: str
    measured: str  # the figure the goal is about
    goal: str
    met: bool | None  # None: not measured

    def row(self) -> str:
        status = {True: "met", False: "**missed**", None: "—"}[self.met]
        return (
            f"| {self.benchmark} | {self.median} | {self.worst} | {self.measured} "
            f"| {self.goal} | {status} |"
        )


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 20 else f"{value:.2f} ms"


def timed(name: str, times: list[float], goal_ms: float, what: str = "median") -> Figure:
    median = statistics.median(times)
    return Figure(
        name,
        ms(median),
        ms(max(times)),
        f"{what} {ms(median)}",
        f"< {ms(goal_ms)}",
        median < goal_ms,
    )


def machine() -> str:
    import PySide6
    import sqlalchemy

    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        model = names[0].split(":", 1)[1].strip() if names else model
    import sqlite3

    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, SQLite {sqlite3.sqlite_version}"
    )


def run_startup(data: LargeData, runs: int, program: list[str] | None = None) -> list[Figure]:
    """The app against the bare window (the goal), and the floor under it: the bare window
    plus SQLAlchemy's ORM and our mapped models, which no start of the app can skip."""
    times = startup.measure(runs, Path(data.data_dir), demo=False, program=program)
    bare = statistics.median(times.bare)

    def against_bare(label: str, seconds: list[float], goal: bool) -> Figure:
        ratio = statistics.median(seconds) / bare
        return Figure(
            f"{label} / bare PySide6 window)",
            f"{ms(statistics.median(seconds) * 1000)} / {ms(bare * 1000)}",
            f"{ms(max(seconds) * 1000)} / {ms(max(times.bare) * 1000)}",
            f"ratio {ratio:.2f}",
            "ratio ≤ 4" if goal else "— (the floor)",
            ratio <= startup.GOAL_RATIO if goal else None,
        )

    name = "bundle start-up" if program else "start-up"
    found = [against_bare(f"{name} (app", times.app, goal=True)]
    if program is None:
        found.append(against_bare("the floor (ORM, our models, empty window", times.stack, False))
    return found


def run_recording(entries: int, scratch: Path) -> list[Figure]:
    found = []
    for name, measure in (
        ("recording, service (one entry committed)", recording.measure),
        ("recording, a key press in the grid (repaint included)", recording.measure_grid),
    ):
        times = measure(entries, scratch / name.split(",")[1].split()[0])
        p99 = statistics.quantiles(times, n=100)[98]
        found.append(
            Figure(
                f"{name}, {entries} entries",
                ms(statistics.median(times)),
                ms(max(times)),
                f"p99 {ms(p99)}",
                f"p99 < {ms(recording.GOAL_P99_MS)}",
                p99 < recording.GOAL_P99_MS,
            )
        )
    return found


def run_handouts(data: LargeData, runs: int) -> Figure:
    ours, plain, pages = handouts.measure(Path(data.data_dir), data.group_id, runs)
    ratio = statistics.median(ours) / statistics.median(plain)
    return Figure(
        f"handouts: print run of a 12-person group ({pages} pages) / plain ReportLab",
        f"{ms(statistics.median(ours))} / {ms(statistics.median(plain))}",
        f"{ms(max(ours))} / {ms(max(plain))}",
        f"ratio {ratio:.2f}",
        "ratio ≤ 2",
        ratio <= handouts.GOAL_RATIO,
    )


CLINIC_NAMES = {
    "search": "search as you type: a keystroke that narrows (Deelnemers, 10,000 people)",
    "search_widening": "search: a keystroke that widens (backspace, new word)",
    "grid": "opening a session grid (12 people, 8 sessions of history)",
    "charts": "a participant's charts (progress window)",
    "group_report": "group report PDF (a finished 12-person group)",
}


def run_clinic(data: LargeData, runs: int) -> list[Figure]:
    found = [
        timed(CLINIC_NAMES[t.name], t.times_ms, clinic.GOALS_MS[t.name])
        for t in clinic.measure(data, runs)
    ]
    peaks = clinic.measure_memory(data, max(1, runs // 2))
    found.append(
        Figure(
            "peak memory (RSS): main window, a 12-person session's grid, group and "
            "participant charts",
            f"{statistics.median(peaks):.0f} MB",
            f"{max(peaks):.0f} MB",
            f"worst {max(peaks):.0f} MB",
            f"< {clinic.GOAL_MEMORY_MB:.0f} MB",
            max(peaks) < clinic.GOAL_MEMORY_MB,
        )
    )
    return found


def run_bundle(data: LargeData, runs: int) -> list[Figure]:
    if not BUNDLE.exists():
        missing = Figure("bundle size and start-up", "—", "—", "not built (make dist)", "—", None)
        return [missing]
    files = (f for f in BUNDLE.parent.rglob("*") if f.is_file() and not f.is_symlink())
    size = sum(f.stat().st_size for f in files) / 2**20  # a linked library counts once
    return [
        Figure("bundle size (dist/rugschool)", f"{size:.0f} MB", "—", f"{size:.0f} MB", "—", None),
        *run_startup(data, runs, program=[str(BUNDLE)]),
    ]


def collect(data: LargeData, runs: int, entries: int, scratch: Path) -> list[Figure]:
    steps: list[Callable[[], list[Figure]]] = [
        lambda: run_startup(data, runs),
        lambda: run_recording(entries, scratch),
        lambda: [run_handouts(data, runs)],
        lambda: run_clinic(data, runs),
        lambda: run_bundle(data, runs),
    ]
    figures: list[Figure] = []
    for step in steps:
        figures += step()
        print(figures[-1].row(), flush=True)
    return figures


def section(data: LargeData, figures: list[Figure], runs: int) -> str:
    lines = [
        BEGIN,
        f"Run on {dt.date.today():%Y-%m-%d}: {machine()}.",
        "",
        f"Data: {data.participants:,} participants, {data.groups:,} groups, "
        f"{data.results:,} exercise results (built in {data.seconds:.0f} s, cached in "
        "bench/.cache/). Each benchmark ran "
        f"{runs} times (memory: {max(1, runs // 2)} fresh processes; search: every keystroke "
        "of a few searches).",
        "",
        "| benchmark | median | worst | against the goal | goal | status |",
        "|---|---|---|---|---|---|",
        *(f.row() for f in figures),
        END,
    ]
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    old = path.read_text() if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + text + rest.split(END, 1)[1]
    else:
        new = old.rstrip() + "\n\n" + text + "\n"
    path.write_text(new)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data = cached(args.scale)
    scratch = ROOT / "bench" / ".cache" / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        figures = collect(data, args.runs, args.entries, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    write(args.out, section(data, figures, args.runs))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
