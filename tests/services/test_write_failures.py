"""A write that fails (a full disk, a read-only file) stores nothing partial, at every step
of every operation that saves several rows; and the entry can be retried."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from rugschool.errors import DatabaseError
from rugschool.models import Database, Enrollment, Participant
from rugschool.models.migrate import sqlite_path
from rugschool.services.bundle import Services
from rugschool.services.csv_import import ImportService
from rugschool.services.groups import GroupInput
from rugschool.services.participants import ParticipantInput
from rugschool.services.recording import RecordingService, Result, active_participants
from tests.conftest import clear_measures_and_tools
from tests.failures import fails_cleanly_at_every_step, snapshot

TODAY = dt.date.today()


@pytest.fixture
def session_id(demo_db: Database, services: Services) -> int:
    exercise = [s for s in services.schedule.sessions(1) if s.kind == "exercise"]
    return exercise[4].id  # the demo recorded the first four


def _import_file(tmp_path: Path, people: int) -> Path:
    lines = ["Voornaam;Achternaam;Geboortedatum"]
    lines += [f"Anna{i};Verbeek{i};01-02-19{50 + i % 40}" for i in range(people)]
    path = tmp_path / "import.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_confirming_a_whole_session_is_all_or_nothing(demo_db: Database, session_id: int) -> None:
    recording = RecordingService(demo_db)
    people = active_participants(demo_db, session_id)
    cells: list[tuple[int, str, Result | None]] = [
        (pid, key, Result(level=2))
        for pid in people
        for key in ("buttocks", "thighs", "abdominals")
    ]
    steps = fails_cleanly_at_every_step(demo_db, lambda: recording.put_all(session_id, cells))
    assert steps > len(cells)  # a failure tried at every insert and at the commit
    assert len(recording.results(session_id)) == len(cells)


def test_one_cell_and_a_check_in(demo_db: Database, session_id: int) -> None:
    recording = RecordingService(demo_db)
    pid = active_participants(demo_db, session_id)[0]
    fails_cleanly_at_every_step(demo_db, lambda: recording.check_in(session_id, pid))
    fails_cleanly_at_every_step(
        demo_db, lambda: recording.record(session_id, pid, "thighs", level=3, pain=2)
    )
    assert recording.result(session_id, pid, "thighs") == Result(3, 2)


def test_measures_of_a_moment(demo_db: Database, services: Services) -> None:
    clear_measures_and_tools(demo_db)
    eid = services.groups.enrollments(1)[0].id
    answers: dict[str, Mapping[str, object]] = {
        "nprs": {"back": 6, "leg": 2},
        "psk": {"activities": [["fietsen", 7], ["tuinieren", 5]]},
        "qbpds": {"items": [2] * 20},
    }
    fails_cleanly_at_every_step(
        demo_db, lambda: services.measures.record_all(eid, "intake", answers, TODAY)
    )


def test_enrolling_people_plans_their_appointments_with_them(services: Services) -> None:
    group = services.groups.create(GroupInput(name="Dinsdag", start_date=TODAY))
    services.schedule.create_sessions(group.id, now=dt.datetime.combine(TODAY, dt.time()))
    people = [
        services.participants.create(ParticipantInput(first_name="Eva", last_name=f"Smit{i}")).id
        for i in range(3)
    ]
    fails_cleanly_at_every_step(services.db, lambda: services.groups.enroll_all(group.id, people))
    for enrollment in services.groups.enrollments(group.id):
        assert services.schedule.appointments(enrollment.id)


def test_changing_an_enrollment(demo_db: Database, services: Services) -> None:
    enrollment = services.groups.enrollments(1)[0]
    appointments = services.schedule.appointments(enrollment.id)
    open_one = next(a for a in appointments if a.done_on is None)
    fails_cleanly_at_every_step(
        demo_db,
        lambda: services.groups.update_enrollment(
            enrollment.id,
            start_date=(enrollment.start_date or TODAY) + dt.timedelta(days=7),
            personal_goal="Weer fietsen",
            appointments_done={open_one.id: TODAY},
        ),
    )
    after = {a.id: a for a in services.schedule.appointments(enrollment.id)}
    assert after[open_one.id].done_on == TODAY


def test_a_csv_import_into_a_group(demo_db: Database, tmp_path: Path) -> None:
    path = _import_file(tmp_path, 4)
    importer = ImportService(demo_db)
    fails_cleanly_at_every_step(demo_db, lambda: importer.run(path, group_id=1))


# ------------------------------------------------------------------ the real thing


def _file(db: Database) -> Path:
    path = sqlite_path(db.url)
    assert path is not None
    return path


def _cap_size(db: Database) -> None:
    """Every new connection may not make the file grow: the disk is full."""
    with closing(sqlite3.connect(_file(db))) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()


def _count(db: Database) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Participant)) or 0


@pytest.mark.sqlite_only(reason="caps the size of the SQLite file with PRAGMA max_page_count")
def test_a_full_disk_stores_nothing_of_an_import(
    demo_db: Database, db_url: str, tmp_path: Path
) -> None:
    path = _import_file(tmp_path, 3000)
    full = Database(db_url)
    _cap_size(full)
    before = snapshot(demo_db)
    with pytest.raises(DatabaseError, match="full"):
        ImportService(full).run(path, group_id=1)
    full.close()
    assert snapshot(demo_db) == before
    with closing(sqlite3.connect(_file(demo_db))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ImportService(demo_db).run(path, group_id=1)  # space again: the retry stores it all
    assert _count(demo_db) == 10 + 3000


@pytest.mark.sqlite_only(reason="opens the SQLite file read-only (mode=ro)")
def test_a_read_only_file_refuses_with_a_message(
    demo_db: Database, session_id: int, tmp_path: Path
) -> None:
    path = _file(demo_db)
    read_only = Database(f"sqlite:///file:{path}?mode=ro&uri=true")
    pid = active_participants(demo_db, session_id)[0]
    before = snapshot(demo_db)
    with pytest.raises(DatabaseError, match=r"readonly"):
        RecordingService(read_only).record(session_id, pid, "abdominals", level=2)
    with pytest.raises(DatabaseError):
        ImportService(read_only).run(_import_file(tmp_path, 5), group_id=1)
    read_only.close()
    assert snapshot(demo_db) == before


def test_the_failure_helper_notices_a_partial_write(demo_db: Database, services: Services) -> None:
    """Two transactions for one action would leave the first behind: the helper says so."""

    def two_steps() -> None:
        services.participants.create(ParticipantInput(first_name="Kees", last_name="Mol"))
        services.participants.create(ParticipantInput(first_name="Kim", last_name="Mol"))

    with pytest.raises(AssertionError, match="left part of its work behind"):
        fails_cleanly_at_every_step(demo_db, two_steps)
    assert _count(demo_db) >= 11
    with demo_db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Enrollment)) == 10
