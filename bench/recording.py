"""Recording: one entry in the grid of a 12-person session, from the key press to the entry
committed (synchronous=FULL, so on disk), many times over.

    python bench/recording.py [--entries N]

Prints p50 and p99 twice (goal: p99 under 15 ms): for the recording service alone, and for
a real key press in the exercise grid (offscreen Qt), which adds the grid's own work. A
benchmark, not a test: nothing here runs in `make test`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from rugschool.config import sqlite_url
from rugschool.models import Database
from rugschool.models.migrate import open_database
from rugschool.services.demo import load_demo
from rugschool.services.groups import GroupService
from rugschool.services.participants import ParticipantInput, ParticipantService
from rugschool.services.programme import ProgrammeService
from rugschool.services.recording import RecordingService, active_participants
from rugschool.services.schedule import ScheduleService

GOAL_P99_MS = 15.0


def _twelve(folder: Path) -> tuple[Database, int]:
    """The demo with twelve in its group, and a session still to come (so the two who join
    today are expected too)."""
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(sqlite_url(folder / "bench.sqlite3"), folder).database
    load_demo(db)
    people = ParticipantService(db)
    for first in ("Noor", "Daan"):  # the demo has ten; a full group has twelve
        row = people.create(ParticipantInput(first_name=first, last_name="Bench"))
        GroupService(db).enroll(1, row.id)
    today = dt.date.today()
    session = next(
        s
        for s in ScheduleService(db).sessions(1)
        if s.kind == "exercise" and s.starts_at.date() >= today
    )
    return db, session.id


def measure(entries: int, folder: Path) -> list[float]:
    """The recording service alone: one entry, committed."""
    db, session_id = _twelve(folder)
    recording = RecordingService(db)
    participants = active_participants(db, session_id)
    assert len(participants) == 12
    for pid in participants:
        recording.check_in(session_id, pid)
    exercises = [e.key for e in ProgrammeService(db).current("nl").exercises]
    rng = random.Random(7)
    times = []
    for _ in range(entries):
        pid, key = rng.choice(participants), rng.choice(exercises)
        start = time.perf_counter()
        if rng.random() < 0.5:
            recording.record(session_id, pid, key, level=rng.randint(1, 4))
        else:
            recording.record(session_id, pid, key, level=2, pain=rng.randint(0, 10))
        times.append((time.perf_counter() - start) * 1000)
    db.close()
    return times


def measure_grid(entries: int, folder: Path) -> list[float]:
    """A digit typed into a level cell of the real grid, until it is stored."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from rugschool.app import make_application
    from rugschool.services.bundle import Services
    from rugschool.ui.exercise_runner import ExerciseRunner

    app = make_application()
    db, session_id = _twelve(folder)
    services = Services(db, folder)
    session = next(s for s in services.schedule.sessions(1) if s.id == session_id)
    runner = ExerciseRunner(services, session)
    for pid in runner.expected:
        runner.check_in(pid, True)
    grid = runner.build_grid()
    runner.resize(1366, 800)
    runner.show()
    app.processEvents()
    rng = random.Random(7)
    times = []
    keys = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)
    for _ in range(entries):
        row, exercise = rng.randrange(grid.grid.rowCount()), rng.randrange(8)
        grid.setCurrentIndex(grid.grid.index(row, 1 + 2 * exercise))
        start = time.perf_counter()
        QTest.keyClick(grid, rng.choice(keys))
        app.processEvents()  # the repaint is part of what the therapist waits for
        times.append((time.perf_counter() - start) * 1000)
    runner.close()
    db.close()
    return times


def _report(label: str, times: list[float]) -> None:
    p50 = statistics.median(times)
    p99 = statistics.quantiles(times, n=100)[98]
    verdict = "met" if p99 < GOAL_P99_MS else "MISSED"
    print(
        f"{label:<8} entries {len(times)}  p50 {p50:.2f} ms  p99 {p99:.2f} ms  "
        f"worst {max(times):.2f} ms  (goal p99 < {GOAL_P99_MS:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        _report("service", measure(args.entries, Path(scratch) / "a"))
    with tempfile.TemporaryDirectory() as scratch:
        _report("grid", measure_grid(args.entries, Path(scratch)))


if __name__ == "__main__":
    main()
