"""Taking a group along to a laptop and bringing it back: from the clinic database (a fresh
PostgreSQL database under `make test-postgres`) to a local file and back, every entry
exactly once, changes on both sides shown, nothing overwritten silently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rugschool.config import sqlite_url
from rugschool.errors import NotFound
from rugschool.models import (
    Attendance,
    AuditEntry,
    Database,
    ExerciseResult,
    GroupSession,
    Participant,
)
from rugschool.models.migrate import open_database
from rugschool.services.audit import Actor
from rugschool.services.bring_back import ConflictsToDecide, Side, bring_back, preview
from rugschool.services.bundle import Services
from rugschool.services.participants import ParticipantInput, ParticipantService
from rugschool.services.recording import Result
from rugschool.services.take_along import TakeAlongError, take_along
from tests.conftest import load_demo

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def clinic(db: Database) -> Database:
    load_demo(db, today=TODAY)
    return db


@pytest.fixture
def laptop_file(clinic: Database, tmp_path: Path) -> Path:
    target = tmp_path / "dinsdag.rugschool"
    take_along(clinic, group_of_demo(clinic), target, "kliniek")
    return target


@pytest.fixture
def laptop(laptop_file: Path, tmp_path: Path) -> Iterator[Services]:
    opened = open_database(sqlite_url(laptop_file), tmp_path / "laptop-backups").database
    yield Services(opened, tmp_path / "laptop")
    opened.close()


def group_of_demo(db: Database) -> int:
    with db.transaction() as s:
        return min(s.scalars(select(GroupSession.group_id)))


def next_session(services: Services, group_id: int) -> int:
    """The group's first exercise session still to come (nothing recorded there)."""
    rows = services.schedule.sessions(group_id)
    return next(r.id for r in rows if r.kind == "exercise" and r.starts_at.date() > TODAY)


def record_session(services: Services, session_id: int) -> int:
    """Everyone expected checks in and does every exercise; returns the cells written."""
    recorder = services.recording(None)
    cells = []
    for pid in services.expected_at(session_id):
        recorder.check_in(session_id, pid)
        for key, level in recorder.current_levels(session_id, pid).items():
            cells.append((pid, key, Result(level, pain=(pid + level) % 11)))
    recorder.put_all(session_id, cells)
    return len(cells)


def count(db: Database, model: type, **where: object) -> int:
    with db.transaction() as s:
        query = select(func.count()).select_from(model).filter_by(**where)
        return int(s.execute(query).scalar_one())


def test_a_session_recorded_on_the_laptop_comes_back_exactly_once(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    group_id = group_of_demo(clinic)
    session_id = next_session(laptop, group_id)
    written = record_session(laptop, session_id)
    laptop_results = laptop.recording(None).results(session_id)
    assert written > 0 and len(laptop_results) == written
    laptop.db.close()

    outcome = bring_back(clinic, laptop_file)
    assert outcome.added["exercise_results"] == written
    assert count(clinic, ExerciseResult, session_id=session_id) == written
    assert count(clinic, Attendance, session_id=session_id) == len(
        Services(clinic, Path()).expected_at(session_id)
    )
    clinic_results = Services(clinic, Path()).recording(None).results(session_id)
    assert clinic_results == laptop_results

    again = bring_back(clinic, laptop_file)  # the same file twice: nothing twice
    assert again.nothing_new
    assert count(clinic, ExerciseResult, session_id=session_id) == written


def test_a_change_on_one_side_only_is_kept(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    group_id = group_of_demo(clinic)
    people = [r.id for r in laptop.participants.rows(group_id)]
    on_laptop, in_clinic = people[0], people[1]
    _set_phone(laptop.db, on_laptop, "06 11111111")
    _set_phone(clinic, in_clinic, "06 22222222")
    laptop.db.close()

    outcome = bring_back(clinic, laptop_file)

    assert outcome.changed["participants"] == 1 and not outcome.conflicts
    assert phone_of(clinic, on_laptop) == "06 11111111"
    assert phone_of(clinic, in_clinic) == "06 22222222"


def test_a_record_changed_on_both_sides_is_put_to_the_therapist(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    group_id = group_of_demo(clinic)
    person = laptop.participants.rows(group_id)[0].id
    _set_phone(laptop.db, person, "06 11111111")
    _set_phone(clinic, person, "06 22222222")
    laptop.db.close()

    with pytest.raises(ConflictsToDecide) as refused:
        bring_back(clinic, laptop_file)
    (conflict,) = refused.value.result.conflicts
    assert conflict.what.startswith("Deelnemer: ")
    assert [(f.clinic, f.taken) for f in conflict.fields] == [("06 22222222", "06 11111111")]
    assert phone_of(clinic, person) == "06 22222222"  # nothing stored

    shown = preview(clinic, laptop_file)
    assert [c.key for c in shown.conflicts] == [conflict.key]

    bring_back(clinic, laptop_file, {conflict.key: Side.TAKEN})
    assert phone_of(clinic, person) == "06 11111111"
    assert bring_back(clinic, laptop_file).nothing_new  # decided once, not asked again


def test_keeping_the_clinics_version_for_all(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    person = laptop.participants.rows(group_of_demo(clinic))[0].id
    _set_phone(laptop.db, person, "06 11111111")
    _set_phone(clinic, person, "06 22222222")
    laptop.db.close()

    outcome = bring_back(clinic, laptop_file, keep=Side.CLINIC)

    assert outcome.kept == 1
    assert phone_of(clinic, person) == "06 22222222"


def test_what_the_laptop_removed_goes_and_its_new_people_come(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    group_id = group_of_demo(clinic)
    done = next(
        r.id for r in laptop.schedule.sessions(group_id)
        if r.kind == "exercise" and laptop.recording(None).results(r.id)
    )  # fmt: skip
    (pid, key), _result = next(iter(laptop.recording(None).results(done).items()))
    laptop.recording(None).clear(done, pid, key)
    newcomer = laptop.participants.create(_newcomer())
    laptop.groups.enroll(group_id, newcomer.id)
    laptop.db.close()
    before = count(clinic, ExerciseResult, session_id=done)

    outcome = bring_back(clinic, laptop_file)

    assert outcome.removed["exercise_results"] == 1
    assert count(clinic, ExerciseResult, session_id=done) == before - 1
    assert outcome.added["participants"] == 1 and outcome.added["enrollments"] == 1
    with clinic.transaction() as s:
        found = s.scalars(select(Participant).where(Participant.last_name == "Nieuwkomer")).all()
        assert len(found) == 1 and [e.group_id for e in found[0].enrollments] == [group_id]
    assert bring_back(clinic, laptop_file).nothing_new


def test_the_laptops_audit_rows_come_back_with_the_clinics_numbers(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    newcomer = laptop.participants.create(_newcomer())
    laptop.participants.open_record(newcomer.id)
    laptop.db.close()
    before = count(clinic, AuditEntry)

    bring_back(clinic, laptop_file)

    with clinic.transaction() as s:
        here = s.scalars(select(Participant.id).where(Participant.last_name == "Nieuwkomer")).one()
        rows = s.scalars(select(AuditEntry).where(AuditEntry.id > 0).order_by(AuditEntry.id)).all()
    assert len(rows) == before + 2
    assert {r.participant_id for r in rows[-2:]} == {here}


def test_only_the_group_goes_along(clinic: Database, laptop: Services) -> None:
    group_id = group_of_demo(clinic)
    assert {g.id for g in laptop.groups.rows()} == {group_id}
    in_group = {e.id for e in ParticipantService(clinic).rows(group_id)}
    assert {r.id for r in laptop.participants.rows()} == in_group
    assert count(laptop.db, AuditEntry) == 0


def test_a_file_from_elsewhere_is_refused(clinic: Database, tmp_path: Path) -> None:
    other = open_database(sqlite_url(tmp_path / "other.sqlite3"), tmp_path / "b").database
    load_demo(other, today=TODAY)
    target = tmp_path / "elders.rugschool"
    take_along(other, group_of_demo(other), target, "elders")
    other.close()
    with pytest.raises(TakeAlongError, match="meegenomen uit een andere database"):
        bring_back(clinic, target)
    not_ours = tmp_path / "kapot.rugschool"
    not_ours.write_bytes(b"dit is geen database")
    with pytest.raises(TakeAlongError):
        bring_back(clinic, not_ours)


def test_an_unknown_group_is_refused(clinic: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        take_along(clinic, 9999, tmp_path / "x.rugschool", "kliniek")
    assert not (tmp_path / "x.rugschool").exists()


def _set_phone(db: Database, participant_id: int, phone: str) -> None:
    service = ParticipantService(db, Actor())
    service.update(participant_id, replace(service.get(participant_id).data, phone=phone))


def phone_of(db: Database, participant_id: int) -> str:
    return ParticipantService(db).get(participant_id).data.phone


def _newcomer() -> ParticipantInput:
    return ParticipantInput(first_name="Nina", last_name="Nieuwkomer")
