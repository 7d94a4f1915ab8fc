"""A practice with ten years of data (bench/large_data.py): what a therapist waits for.

    python bench/clinic.py [--runs N] [--scale S]      (offscreen Qt)
    python bench/clinic.py --memory DATA_DIR           (one child process: peak RSS)

- search as you type: one keystroke in the Deelnemers screen's search field, until the
  filtered list is painted (goal under 50 ms);
- opening a session grid: the exercise runner of a 12-person session and its grid (results,
  history, levels, flags), painted (goal under 150 ms);
- a participant's charts: the progress window (progress, level and pain charts, flags),
  painted (goal under 200 ms);
- a group report: the group-report PDF of a finished 12-person group (goal under 2 s);
- peak memory: the whole app's main window, then the session's grid, the group's charts and
  one participant's charts, in a fresh process (goal under 250 MB).

Every run counts, the first included (it pays for the first import of pyqtgraph or
ReportLab, as the therapist does once). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOALS_MS = {
    "search": 50.0,
    "search_widening": 50.0,
    "grid": 150.0,
    "charts": 200.0,
    "group_report": 2000.0,
}
GOAL_MEMORY_MB = 250.0
SEARCHES = ("j", "ja", "jan", "jans", "janse", "jansen", "jansen 06", "v", "va", "van", "")


@dataclass(frozen=True)
class Timings:
    name: str
    times_ms: list[float]


def _services(data_dir: Path) -> Any:
    from rugschool.config import sqlite_url
    from rugschool.models.migrate import open_database
    from rugschool.paths import DATABASE_FILE
    from rugschool.services.bundle import Services

    db = open_database(sqlite_url(data_dir / DATABASE_FILE), data_dir).database
    return Services(db, data_dir)


def _timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _session(services: Any, group_id: int, session_id: int) -> Any:
    return next(s for s in services.schedule.sessions(group_id) if s.id == session_id)


def _checked_in(services: Any, session: Any) -> None:
    """Everyone expected is checked in (present), as at the start of a session."""
    recording = services.recording()
    for pid in services.expected_at(session.id):
        recording.check_in(session.id, pid)


def search(services: Any, app: Any, runs: int) -> tuple[list[float], list[float]]:
    """(typing times, widening times) in ms: a keystroke that narrows the query, and one
    that widens it (a backspace, or a new word over a selected one)."""
    from rugschool.ui.events import Events
    from rugschool.ui.participants_screen import ParticipantsScreen

    screen = ParticipantsScreen(services.participants, Events(), services=services)
    screen.resize(1280, 760)
    screen.show()
    app.processEvents()
    narrowing: list[float] = []
    widening: list[float] = []
    for _ in range(runs):
        before = screen.search.text()
        for text in SEARCHES:
            start = time.perf_counter()
            screen.search.setText(text)
            app.processEvents()
            elapsed = (time.perf_counter() - start) * 1000
            (narrowing if text.startswith(before) else widening).append(elapsed)
            before = text
    screen.close()
    return narrowing, widening


def open_grid(services: Any, app: Any, session: Any) -> Any:
    from rugschool.ui.exercise_runner import ExerciseRunner

    runner = ExerciseRunner(services, session)
    runner.build_grid()
    runner.tabs.setCurrentIndex(3)
    runner.resize(1366, 800)
    runner.show()
    app.processEvents()
    return runner


def open_charts(services: Any, app: Any, enrollment: Any) -> Any:
    from rugschool.ui.events import Events
    from rugschool.ui.progress_window import ProgressWindow

    window = ProgressWindow(services, Events(), enrollment)
    window.show()
    app.processEvents()
    return window


def _finished_group(services: Any, bench_group: int) -> int:
    """The newest fixed group that has finished: its report covers a whole course."""
    rows = [g for g in services.groups.rows() if g.kind == "fixed" and g.id != bench_group]
    return int(max(rows, key=lambda g: g.id).id)


def measure(data: Any, runs: int) -> list[Timings]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from rugschool.app import make_application
    from rugschool.export.documents import Documents

    app = make_application()
    services = _services(Path(data.data_dir))
    session = _session(services, data.group_id, data.session_id)
    _checked_in(services, session)
    enrollment = next(
        e
        for e in services.groups.enrollments(data.group_id)
        if e.participant_id == data.participant_id
    )
    finished = _finished_group(services, data.group_id)
    documents = Documents(services)
    typing, widening = search(services, app, runs)
    found = [
        Timings("search", typing),
        Timings("search_widening", widening),
        Timings("grid", _timed(lambda: open_grid(services, app, session).close(), runs)),
        Timings("charts", _timed(lambda: open_charts(services, app, enrollment).close(), runs)),
        Timings("group_report", _timed(lambda: documents.group_report(finished), runs)),
    ]
    services.close()
    return found


def peak_memory(data_dir: Path, group_id: int, session_id: int, participant_id: int) -> float:
    """In this process: the main window, the session's grid and the charts; VmHWM in MB."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from rugschool.app import make_application
    from rugschool.ui.events import Events
    from rugschool.ui.group_progress import GroupProgressTab
    from rugschool.ui.main_window import MainWindow

    app = make_application()
    services = _services(data_dir)
    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(services, Events(), Path(scratch) / "rugschool.log")
        window.show()
        app.processEvents()
        session = _session(services, group_id, session_id)
        _checked_in(services, session)
        runner = open_grid(services, app, session)
        group_charts = GroupProgressTab(services)
        group_charts.show_group(group_id)
        group_charts.show()
        enrollment = next(
            e for e in services.groups.enrollments(group_id) if e.participant_id == participant_id
        )
        charts = open_charts(services, app, enrollment)
        app.processEvents()
        peak = _vm_hwm_mb()
        for widget in (charts, group_charts, runner, window):
            widget.close()
    services.close()
    return peak


def _vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: ru_maxrss is bytes on macOS

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def measure_memory(data: Any, runs: int) -> list[float]:
    """Each in a fresh process, so one run's high-water mark does not hide another's."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--memory",
        data.data_dir,
        str(data.group_id),
        str(data.session_id),
        str(data.participant_id),
    ]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    peaks = []
    for _ in range(runs):
        out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        peaks.append(float(out.stdout.strip().splitlines()[-1]))
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--memory", nargs=4, metavar=("DIR", "GROUP", "SESSION", "PERSON"))
    args = parser.parse_args()
    if args.memory:
        folder, group, session, person = args.memory
        print(peak_memory(Path(folder), int(group), int(session), int(person)))
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.large_data import cached

    data = cached(args.scale)
    results = {t.name: t.times_ms for t in measure(data, args.runs)}
    results["memory_mb"] = measure_memory(data, max(1, args.runs // 2))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
