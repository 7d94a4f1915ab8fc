"""Clinic mode: two therapists on two connections to one database. A save based on what was
stored before the other's save is refused, naming who saved; nothing of it is stored; after
reloading it goes through. Recording different participants in one session never clashes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event

from rugschool.i18n import language
from rugschool.models import Database
from rugschool.services.audit import Actor, AuditAction, AuditService
from rugschool.services.groups import GroupService
from rugschool.services.participants import ParticipantService
from rugschool.services.recording import RecordingService, Result, active_participants
from rugschool.services.schedule import ScheduleService
from rugschool.services.therapists import TherapistService
from rugschool.services.versions import ChangedMeanwhile


@pytest.fixture
def second(demo_db: Database, db_url: str) -> Iterator[Database]:
    """The other therapist's connection: its own engine on the same database."""
    other = Database(db_url)
    yield other
    other.close()


@pytest.fixture
def anna(demo_db: Database) -> Actor:
    return Actor(TherapistService(demo_db).add("Anna de Wit").id)


@pytest.fixture
def bram(demo_db: Database) -> Actor:
    return Actor(TherapistService(demo_db).add("Bram Peeters").id)


def test_the_second_save_of_a_participant_is_refused_until_reloaded(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    a, b = ParticipantService(demo_db, anna), ParticipantService(second, bram)
    pid = a.rows()[0].id
    seen_a, seen_b = a.open_record(pid), b.open_record(pid)
    assert seen_a.version == seen_b.version

    a.update(pid, replace(seen_a.data, phone="06-11111111"), version=seen_a.version)
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit") as refused:
        b.update(pid, replace(seen_b.data, referrer="Dr. Bakker"), version=seen_b.version)

    assert refused.value.name == "Anna de Wit"
    stored = b.get(pid)
    assert (stored.data.phone, stored.data.referrer) == ("06-11111111", seen_a.data.referrer)
    log = AuditService(demo_db)
    changes = log.rows(participant_id=pid, action=AuditAction.CHANGED)
    assert changes[0].therapist_id == anna.therapist_id  # newest first
    assert not log.rows(therapist_id=bram.therapist_id, action=AuditAction.CHANGED)
    b.update(pid, replace(stored.data, referrer="Dr. Bakker"), version=stored.version)
    final = a.get(pid)
    assert (final.data.phone, final.data.referrer) == ("06-11111111", "Dr. Bakker")
    assert final.version == seen_a.version + 2


def test_without_a_name_the_message_says_someone_else(
    demo_db: Database, second: Database, bram: Actor
) -> None:
    a, b = ParticipantService(demo_db), ParticipantService(second, bram)  # nobody chosen
    pid = a.rows()[0].id
    seen = b.get(pid)
    a.update(pid, replace(seen.data, phone="06-11111111"))
    with language("en"), pytest.raises(ChangedMeanwhile, match="by someone else") as refused:
        b.update(pid, seen.data, version=seen.version)
    assert refused.value.name is None


def test_archiving_names_who_did_it_and_refuses_a_stale_form(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    a, b = ParticipantService(demo_db, anna), ParticipantService(second, bram)
    pid = a.rows()[0].id
    seen = b.get(pid)
    a.set_archived(pid, True)
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit"):
        b.update(pid, seen.data, version=seen.version)
    assert b.get(pid).archived


def test_a_change_between_loading_and_writing_is_refused_by_the_orm(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    """Anna's save lands after Bram's save checked the version but before it writes: the
    database's own version check in the UPDATE refuses Bram's."""
    a, b = ParticipantService(demo_db, anna), ParticipantService(second, bram)
    pid = a.rows()[0].id
    seen = b.get(pid)
    sneaked: list[int] = []

    def anna_first(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE PARTICIPANTS") and not sneaked:
            sneaked.append(a.update(pid, replace(seen.data, phone="06-22222222")).version)

    event.listen(second.engine, "before_cursor_execute", anna_first)
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit"):
        b.update(pid, replace(seen.data, email="bram@example.org"), version=seen.version)
    event.remove(second.engine, "before_cursor_execute", anna_first)

    assert sneaked, "Anna's save did not run inside Bram's"
    stored = a.get(pid)
    assert (stored.data.phone, stored.data.email) == ("06-22222222", seen.data.email)
    assert stored.version == sneaked[0] == seen.version + 1


def test_the_second_save_of_a_group_is_refused_until_reloaded(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    a, b = GroupService(demo_db, anna), GroupService(second, bram)
    seen_a, seen_b = a.get(1), b.get(1)

    a.update(1, replace(seen_a.as_input(), location="Zaal 3"), version=seen_a.version)
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit"):
        b.update(1, replace(seen_b.as_input(), max_size=8), version=seen_b.version)

    stored = b.get(1)
    assert (stored.location, stored.max_size) == ("Zaal 3", seen_a.max_size)
    saved = b.update(1, replace(stored.as_input(), max_size=8), version=stored.version)
    assert (saved.location, saved.max_size, saved.version) == ("Zaal 3", 8, seen_a.version + 2)


def test_every_save_of_a_group_raises_its_version(demo_db: Database, anna: Actor) -> None:
    """Also a save that changes only related rows (its therapists) or nothing at all: a form
    loaded before it must not overwrite it."""
    groups = GroupService(demo_db, anna)
    seen = groups.get(1)
    fewer = replace(seen.as_input(), therapist_ids=seen.therapist_ids[:1])
    first = groups.update(1, fewer, version=seen.version)
    again = groups.update(1, fewer, version=first.version)
    assert (first.version, again.version) == (seen.version + 1, seen.version + 2)
    with pytest.raises(ChangedMeanwhile):
        groups.update(1, seen.as_input(), version=first.version)


def test_the_second_save_of_an_enrollment_is_refused_until_reloaded(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    a, b = GroupService(demo_db, anna), GroupService(second, bram)
    seen = b.enrollments(1)[0]
    assert a.enrollment(seen.id) == seen

    a.update_enrollment(seen.id, personal_goal="Weer fietsen", version=seen.version)
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit"):
        b.update_enrollment(seen.id, conclusion="Gaat goed", version=seen.version)

    stored = b.enrollment(seen.id)
    assert (stored.personal_goal, stored.conclusion) == ("Weer fietsen", seen.conclusion)
    b.update_enrollment(seen.id, conclusion="Gaat goed", version=stored.version)
    final = a.enrollment(seen.id)
    assert (final.personal_goal, final.conclusion) == ("Weer fietsen", "Gaat goed")


def test_marking_an_appointment_done_raises_the_enrollments_version(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    a, b = GroupService(demo_db, anna), GroupService(second, bram)
    seen = b.enrollments(1)[0]
    [intake, *_rest] = ScheduleService(demo_db).appointments(seen.id)
    a.update_enrollment(seen.id, appointments_done={intake.id: dt.date.today()})
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit"):
        b.update_enrollment(seen.id, appointments_done={intake.id: None}, version=seen.version)
    assert ScheduleService(second).appointments(seen.id)[0].done_on == dt.date.today()


def test_the_team_of_a_session_is_not_overwritten_from_an_older_screen(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    a, b = ScheduleService(demo_db, anna), ScheduleService(second, bram)
    seen = b.sessions(1)[-1]
    a.set_therapists(seen.id, seen.assistant_id, seen.lead_id, version=seen.version)
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit"):
        b.set_therapists(seen.id, seen.lead_id, None, version=seen.version)
    with pytest.raises(ChangedMeanwhile, match="Anna de Wit"):
        b.move_session(seen.id, seen.starts_at + dt.timedelta(hours=1), version=seen.version)
    stored = b.sessions(1)[-1]
    assert (stored.lead_id, stored.assistant_id) == (seen.assistant_id, seen.lead_id)
    assert stored.starts_at == seen.starts_at


def test_two_recorders_record_different_participants_in_one_session(
    demo_db: Database, second: Database, anna: Actor, bram: Actor
) -> None:
    schedule = ScheduleService(demo_db)
    session = [x for x in schedule.sessions(1) if x.kind == "exercise"][4]  # not yet recorded
    first, other = active_participants(demo_db, session.id)[:2]
    a = RecordingService(demo_db, anna.therapist_id)
    b = RecordingService(second, bram.therapist_id)
    assert a.results(session.id) == b.results(session.id) == {}  # both loaded the empty grid

    a.check_in(session.id, first)
    a.put_all(session.id, [(first, "buttocks", Result(2, pain=3))])
    b.check_in(session.id, other)
    b.put_all(session.id, [(other, "buttocks", Result(3)), (other, "thighs", Result(1))])
    a.record(session.id, first, "thighs", level=2)
    b.set_warmup(session.id, other, True)

    stored = RecordingService(demo_db).results(session.id)
    assert stored == {
        (first, "buttocks"): Result(2, pain=3),
        (first, "thighs"): Result(2),
        (other, "buttocks"): Result(3),
        (other, "thighs"): Result(1),
    }
    assert a.present(session.id) == [first, other]
    [after] = [x for x in schedule.sessions(1) if x.id == session.id]
    assert after.version == session.version  # recording never touches the session itself
