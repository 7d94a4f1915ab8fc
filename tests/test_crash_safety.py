"""Killed at any moment (SIGKILL: no clean-up, no atexit), Rugschool loses nothing it said
was stored, stores nothing half, and leaves a database that passes its integrity check.

The processes are forked from a server that imported Rugschool once, so a hundred kills
take seconds, not minutes. A kill lands at random: 0 to 60 ms after the process said its
first entry was committed, while it stores more with random pauses between them.
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from multiprocessing.context import ForkServerContext
from pathlib import Path

import pytest

from rugschool.models import Database
from rugschool.models.migrate import sqlite_path
from rugschool.services.recording import active_participants
from rugschool.services.schedule import ScheduleService
from tests import crash_child

KILLS = 100


@pytest.fixture(scope="module")
def forkserver() -> ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.crash_child"])
    return context


@dataclass(frozen=True)
class Attempt:
    cells: dict[tuple[int, str], tuple[int, int]]  # (participant, exercise) -> level, pain
    done: bool


def _read_log(path: Path) -> dict[int, Attempt]:
    """What the process said: every entry it tried, and whether it said it was committed.
    A line cut off by the kill is not a statement."""
    tried: dict[int, dict[tuple[int, str], tuple[int, int]]] = {}
    done: set[int] = set()
    for line in path.read_text().splitlines():
        words = line.split()
        if words[:1] == ["try"] and len(words) == 6:
            n, pid, key, level, pain = int(words[1]), int(words[2]), words[3], words[4], words[5]
            tried.setdefault(n, {})[(pid, key)] = (int(level), int(pain))
        elif words[:1] == ["done"] and len(words) == 2:
            done.add(int(words[1]))
    return {n: Attempt(cells, n in done) for n, cells in tried.items()}


def _stored(path: Path, session_id: int) -> dict[tuple[int, str], tuple[int, int, int]]:
    """(participant, exercise) -> (entry number, level, pain), read with plain sqlite3."""
    query = """
        SELECT r.participant_id, e.key, l.number, r.pain, r.note
        FROM exercise_results r
        JOIN programme_exercises e ON e.id = r.exercise_id
        JOIN exercise_levels l ON l.id = r.level_id
        WHERE r.session_id = ?"""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute(query, (session_id,)).fetchall()
    return {(pid, key): (int(note[1:]), level, pain) for pid, key, level, pain, note in rows}


def _wait_for(path: Path, word: str, limit: float = 20.0) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if path.exists() and word in path.read_text():
            return
        time.sleep(0.001)
    raise AssertionError(f"the process never said {word!r}")


def _check(
    attempts: dict[int, Attempt],
    this_round: dict[int, Attempt],
    stored: dict[tuple[int, str], tuple[int, int, int]],
) -> None:
    # Every committed entry is there, or a later entry of the same cell replaced it.
    for n, attempt in attempts.items():
        if attempt.done:
            for cell in attempt.cells:
                assert cell in stored and stored[cell][0] >= n, f"entry {n} on {cell} was lost"
    # Everything stored is exactly what some entry wrote: no torn or invented rows.
    for cell, (n, level, pain) in stored.items():
        assert n in attempts and attempts[n].cells[cell] == (level, pain)
    # The entry cut off by this kill is stored whole or not at all (nothing came after it
    # yet to replace a part).
    for n, attempt in this_round.items():
        if not attempt.done:
            landed = sum(stored.get(cell, (0,))[0] == n for cell in attempt.cells)
            assert landed in (0, len(attempt.cells)), f"entry {n} was stored in part"


@pytest.fixture
def session(demo_db: Database) -> tuple[int, list[int]]:
    sessions = [s for s in ScheduleService(demo_db).sessions(1) if s.kind == "exercise"]
    session_id = sessions[6].id  # the demo recorded the first four
    return session_id, active_participants(demo_db, session_id)


def test_a_hundred_kills_while_recording(
    forkserver: ForkServerContext, demo_db: Database, session: tuple[int, list[int]], tmp_path: Path
) -> None:
    session_id, people = session
    path = sqlite_path(demo_db.url)
    assert path is not None
    demo_db.close()  # only the killed processes write
    keys = ["abdominals", "buttocks", "thighs", "back-mobility", "side-trunk", "lunge-balance"]
    rng = random.Random(8)
    attempts: dict[int, Attempt] = {}
    cut_off = 0
    for kill in range(KILLS):
        log = tmp_path / f"kill-{kill}.log"
        child = forkserver.Process(
            target=crash_child.record_until_killed,
            args=(demo_db.url, session_id, people, keys, kill * 100_000, kill, str(log)),
        )
        child.start()
        _wait_for(log, "done")  # its first entry is in: the kill lands while it works
        time.sleep(rng.uniform(0, 0.06))
        child.kill()
        child.join(10)
        assert child.exitcode == -9
        round_attempts = _read_log(log)
        cut_off += any(not a.done for a in round_attempts.values())
        attempts.update(round_attempts)
        _check(attempts, round_attempts, _stored(path, session_id))
    committed = sum(a.done for a in attempts.values())
    assert committed >= KILLS  # every process got work done before its kill
    assert cut_off > KILLS / 2  # most kills landed in the middle of an entry


def test_an_import_killed_midway_stores_all_or_nothing(
    forkserver: ForkServerContext, demo_db: Database, tmp_path: Path
) -> None:
    path = sqlite_path(demo_db.url)
    assert path is not None
    demo_db.close()
    csv = tmp_path / "mensen.csv"
    lines = ["Voornaam;Achternaam;Geboortedatum"]
    lines += [f"Piet{i};Jansen{i};03-04-19{50 + i % 40}" for i in range(1500)]
    csv.write_text("\n".join(lines), encoding="utf-8")

    def participants() -> int:
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            return int(conn.execute("SELECT count(*) FROM participants").fetchone()[0])

    start = participants()
    outcomes = []
    rng = random.Random(3)
    for attempt in range(8):
        log = tmp_path / f"import-{attempt}.log"
        child = forkserver.Process(
            target=crash_child.import_until_killed, args=(demo_db.url, str(csv), str(log))
        )
        child.start()
        _wait_for(log, "ready")
        time.sleep(rng.uniform(0.05, 0.6))
        child.kill()
        child.join(10)
        count = participants()
        assert count in (start, start + 1500), f"an import stored {count - start} of 1500"
        outcomes.append(count > start)
        if count > start:
            break
    assert False in outcomes  # at least one kill landed in the middle of the import


def test_the_check_sees_a_lost_entry_and_a_half_entry() -> None:
    cell_a, cell_b = (1, "thighs"), (2, "thighs")
    attempts = {
        1: Attempt({cell_a: (2, 3)}, done=True),
        2: Attempt({cell_a: (3, 0), cell_b: (1, 1)}, done=False),
    }
    _check(attempts, attempts, {cell_a: (1, 2, 3)})  # the cut-off batch: none of it
    _check(attempts, attempts, {cell_a: (2, 3, 0), cell_b: (2, 1, 1)})  # all of it
    with pytest.raises(AssertionError, match="lost"):
        _check(attempts, attempts, {})
    with pytest.raises(AssertionError, match="in part"):
        _check(attempts, attempts, {cell_a: (2, 3, 0)})
    with pytest.raises(AssertionError):
        _check(attempts, attempts, {cell_a: (1, 4, 3)})  # a value nobody wrote
