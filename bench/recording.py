"""Recording: one entry in the grid of a 12-person session, from the call to the entry
committed (synchronous=FULL, so on disk), many times over.

    python bench/recording.py [--entries N]

Prints p50 and p99 (goal: p99 under 15 ms). Measures the service path every key press in
the grid goes through; the grid widget adds its own repaint on top. A benchmark, not a
test: nothing here runs in `make test`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from rugschool.config import sqlite_url
from rugschool.models.migrate import open_database
from rugschool.services.demo import load_demo
from rugschool.services.groups import GroupService
from rugschool.services.participants import ParticipantInput, ParticipantService
from rugschool.services.programme import ProgrammeService
from rugschool.services.recording import RecordingService, active_participants
from rugschool.services.schedule import ScheduleService

GOAL_P99_MS = 15.0


def measure(entries: int, folder: Path) -> list[float]:
    db = open_database(sqlite_url(folder / "bench.sqlite3"), folder).database
    load_demo(db)
    people = ParticipantService(db)
    for first in ("Noor", "Daan"):  # the demo has ten; a full group has twelve
        row = people.create(ParticipantInput(first_name=first, last_name="Bench"))
        GroupService(db).enroll(1, row.id)
    session = next(s for s in ScheduleService(db).sessions(1) if s.kind == "exercise")
    recording = RecordingService(db)
    participants = active_participants(db, session.id)
    for pid in participants:
        recording.check_in(session.id, pid)
    exercises = [e.key for e in ProgrammeService(db).current("nl").exercises]
    rng = random.Random(7)
    times = []
    for _ in range(entries):
        pid, key = rng.choice(participants), rng.choice(exercises)
        start = time.perf_counter()
        if rng.random() < 0.5:
            recording.record(session.id, pid, key, level=rng.randint(1, 4))
        else:
            recording.record(session.id, pid, key, level=2, pain=rng.randint(0, 10))
        times.append((time.perf_counter() - start) * 1000)
    db.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        times = measure(args.entries, Path(scratch))
    p50 = statistics.median(times)
    p99 = statistics.quantiles(times, n=100)[98]
    verdict = "met" if p99 < GOAL_P99_MS else "MISSED"
    print(f"entries: {len(times)}  p50 {p50:.2f} ms  p99 {p99:.2f} ms  worst {max(times):.2f} ms")
    print(f"goal: p99 under {GOAL_P99_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
