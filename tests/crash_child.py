"""What the crash tests kill: processes that store entries through the real services and
say what they are about to store and what was committed, in a file written without a
buffer (what reached the file before the kill is what the process reported)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from rugschool.models import Database
from rugschool.services.csv_import import ImportService
from rugschool.services.recording import RecordingService, Result


def _say(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())


def record_until_killed(
    url: str, session_id: int, people: list[int], keys: list[str], start: int, seed: int, log: str
) -> None:
    """Entry n: "try n participant key level pain" before it is stored, "done n" after the
    commit returned. One entry in four is a batch of three cells stored together."""
    rng = random.Random(seed)
    recording = RecordingService(Database(url))
    recording.results(session_id)  # connected, the programme looked up: ready to record
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    _say(fd, "ready")
    n = start
    while True:
        size = 3 if rng.random() < 0.25 else 1
        cells: list[tuple[int, str, Result | None]] = []
        for _ in range(size):
            pid, key = rng.choice(people), rng.choice(keys)
            level, pain = rng.randint(1, 4), rng.randint(0, 10)
            if any((pid, key) == (c[0], c[1]) for c in cells):
                continue
            cells.append((pid, key, Result(level, pain, note=f"#{n}")))
            _say(fd, f"try {n} {pid} {key} {level} {pain}")
        recording.put_all(session_id, cells)
        _say(fd, f"done {n}")
        n += 1
        time.sleep(rng.random() / 500)


def import_until_killed(url: str, csv: str, log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    _say(fd, "ready")
    ImportService(Database(url)).run(Path(csv), group_id=1)
    _say(fd, "done")
