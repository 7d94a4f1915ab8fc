"""The clinic's journal texts and export rows, checked against what the demo recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from rugschool.errors import NotFound
from rugschool.i18n import set_language
from rugschool.models import Database, Group, GroupSession, Participant
from rugschool.services.clinic_exports import (
    attendance_rows,
    journal_text,
    journal_texts,
    recording_rows,
)
from rugschool.services.demo import DEMO_GROUP
from rugschool.services.programme import ProgrammeService
from rugschool.services.recording import RecordingService, Result, active_participants
from rugschool.services.schedule import ScheduleService, SessionRow
from tests.query_count import counted_queries


@pytest.fixture
def group_id(demo_db: Database) -> int:
    with demo_db.transaction() as s:
        found = s.scalar(select(Group.id).where(Group.name == DEMO_GROUP))
    assert found is not None
    return found


def _sessions(db: Database, group_id: int, kind: str) -> list[SessionRow]:
    return [x for x in ScheduleService(db).sessions(group_id) if x.kind == kind]


def _names(db: Database) -> dict[str, str]:
    return {e.key: e.name for e in ProgrammeService(db).current("nl").exercises}


def _add_visitor(db: Database) -> int:
    """Someone from outside the demo group."""
    with db.transaction() as s:
        person = Participant(first_name="Zoë", last_name="Çelik-Şahin")
        s.add(person)
        s.flush()
        return person.id


# ------------------------------------------------------------------ journal texts


def test_the_journal_tells_each_exercise_with_level_and_pain(
    demo_db: Database, group_id: int
) -> None:
    set_language("en")
    session = _sessions(demo_db, group_id, "exercise")[1]
    recording = RecordingService(demo_db)
    pid = recording.present(session.id)[0]
    results = {key: r for (p, key), r in recording.results(session.id).items() if p == pid}
    assert len(results) == 8

    lines = journal_text(demo_db, session.id, pid).splitlines()

    date = session.starts_at.strftime("%d-%m-%Y")
    assert lines[0] == f"Exercise session 2, group {DEMO_GROUP}, {date}"
    assert "Present" in lines
    assert "Warm-up done." in lines
    names = _names(demo_db)
    for key, result in results.items():
        line = next(x for x in lines if x.startswith(f"- {names[key]}: "))
        assert f"level {result.level}" in line
        assert (f"pain {result.pain}" in line) == (result.pain is not None)
        assert ("went easily" in line) == result.easy


def test_an_absent_person_gets_the_reason_and_nothing_of_the_session(
    demo_db: Database, group_id: int
) -> None:
    session = _sessions(demo_db, group_id, "exercise")[0]
    absent = [
        pid
        for pid, (present, _reason) in RecordingService(demo_db).attendance(session.id).items()
        if not present
    ]
    assert len(absent) == 1

    text = journal_text(demo_db, session.id, absent[0])

    assert len(text.splitlines()) == 2
    assert text.splitlines()[1].endswith("ziek")
    assert not any(name in text for name in _names(demo_db).values())


def test_the_journal_of_an_education_session_lists_the_messages_and_notes(
    demo_db: Database, group_id: int
) -> None:
    session = _sessions(demo_db, group_id, "education")[0]
    with demo_db.transaction() as s:
        row = s.get(GroupSession, session.id)
        assert row is not None
        row.notes = "Veel vragen over tillen."
    covered = RecordingService(demo_db).coverage(session.id)
    titles = {m.key: m.title for m in ProgrammeService(demo_db).current("nl").core_messages}
    pid = active_participants(demo_db, session.id)[0]

    text = journal_text(demo_db, session.id, pid)

    assert covered and all(covered.values())
    for key in covered:
        assert f"- {titles[key]}" in text.splitlines()
    assert "Veel vragen over tillen." in text
    uncovered = set(titles) - set(covered)
    assert not any(f"- {titles[key]}" in text.splitlines() for key in uncovered)


def test_a_session_not_recorded_says_so_and_carries_no_empty_labels(
    demo_db: Database, group_id: int
) -> None:
    set_language("en")
    session = _sessions(demo_db, group_id, "exercise")[4]  # the demo recorded four
    pid = active_participants(demo_db, session.id)[0]

    lines = journal_text(demo_db, session.id, pid).splitlines()

    assert lines[1:] == ["No attendance recorded."]


def test_no_journal_line_is_an_empty_label(demo_db: Database, group_id: int) -> None:
    for pid in active_participants(demo_db, _sessions(demo_db, group_id, "exercise")[0].id):
        for _session, text in journal_texts(demo_db, group_id, pid):
            lines = text.splitlines()
            for index, line in enumerate(lines):
                assert line.strip()
                if line.endswith(":"):  # a heading, followed by its items
                    assert lines[index + 1].startswith("- ")


def test_journal_texts_give_every_held_session_oldest_first(
    demo_db: Database, group_id: int
) -> None:
    pid = active_participants(demo_db, _sessions(demo_db, group_id, "exercise")[0].id)[0]

    texts = journal_texts(demo_db, group_id, pid)

    held = ScheduleService(demo_db).sessions(group_id)[:6]  # two education, four exercise
    assert [x.id for x, _text in texts] == [x.id for x in held]
    assert [(x.kind, x.number) for x, _text in texts] == [(x.kind, x.number) for x in held]
    assert all(x.group_name == DEMO_GROUP for x, _text in texts)
    assert [text for _x, text in texts] == [journal_text(demo_db, x.id, pid) for x, _t in texts]


def test_unknown_ids_are_refused_with_a_message(demo_db: Database, group_id: int) -> None:
    session = _sessions(demo_db, group_id, "exercise")[0]
    pid = active_participants(demo_db, session.id)[0]
    with pytest.raises(NotFound, match="9999"):
        journal_text(demo_db, 9999, pid)
    with pytest.raises(NotFound, match="9998"):
        journal_text(demo_db, session.id, 9998)
    with pytest.raises(NotFound, match="9997"):
        journal_texts(demo_db, 9997, pid)
    with pytest.raises(NotFound, match="9996"):
        journal_texts(demo_db, group_id, 9996)
    with pytest.raises(NotFound, match="9995"):
        attendance_rows(demo_db, 9995)
    with pytest.raises(NotFound, match="9994"):
        recording_rows(demo_db, 9994)


# ------------------------------------------------------------------ rows


def test_attendance_rows_are_what_was_checked_in(demo_db: Database, group_id: int) -> None:
    rows = attendance_rows(demo_db, group_id)

    held = ScheduleService(demo_db).sessions(group_id)[:6]
    assert len(rows) == 10 * len(held)
    recording = RecordingService(demo_db)
    for session in held:
        checked_in = recording.attendance(session.id)
        mine = [r for r in rows if (r.kind, r.number) == (session.kind, session.number)]
        assert {r.participant_id: (r.present, r.absence_reason) for r in mine} == checked_in
        assert all(r.date == session.starts_at.date() for r in mine)
    absent = [r for r in rows if not r.present]
    assert len(absent) == 4 and all(r.absence_reason == "ziek" for r in absent)
    assert not any(r.catch_up for r in rows)
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    zoe = next(r for r in rows if r.name == "Zoë de Vries")
    assert zoe.date_of_birth is not None and zoe.date_of_birth.isoformat() == "1978-03-14"


def test_recording_rows_are_every_result_of_the_group(demo_db: Database, group_id: int) -> None:
    rows = recording_rows(demo_db, group_id)

    recording = RecordingService(demo_db)
    held = {(x.kind, x.number): x.id for x in _sessions(demo_db, group_id, "exercise")[:4]}
    stored = {
        (session_id, pid, key): result
        for session_id in held.values()
        for (pid, key), result in recording.results(session_id).items()
    }
    assert len(rows) == len(stored) == 4 * 9 * 8  # nine present each time, eight exercises
    names = _names(demo_db)
    for r in rows:
        session_id = held[(r.kind, r.number)]
        result = Result(r.level, r.pain, r.easy, r.note, r.next_level)
        assert stored[(session_id, r.participant_id, r.exercise_key)] == result
        assert r.exercise_name == names[r.exercise_key]
        assert r.group_name == DEMO_GROUP and r.recorded_by == ""
    assert any(r.pain is None for r in rows) and any(r.pain == 7 for r in rows)


def test_a_catch_up_visitor_is_in_the_rows_and_the_journal(
    demo_db: Database, group_id: int
) -> None:
    set_language("en")
    session = _sessions(demo_db, group_id, "exercise")[4]
    visitor = _add_visitor(demo_db)
    ScheduleService(demo_db).add_catch_up(session.id, visitor)
    therapist_id = 1  # Sanne Visser, the demo's first therapist
    recording = RecordingService(demo_db, therapist_id=therapist_id)
    recording.check_in(session.id, visitor)  # planned as a catch-up: that is enough
    recording.record(session.id, visitor, "buttocks", level=2, pain=3, note="=knie")

    row = next(r for r in attendance_rows(demo_db, group_id) if r.participant_id == visitor)
    assert (row.name, row.present, row.catch_up) == ("Zoë Çelik-Şahin", True, True)
    result = next(r for r in recording_rows(demo_db, group_id) if r.participant_id == visitor)
    assert (result.exercise_key, result.level, result.pain) == ("buttocks", 2, 3)
    assert (result.note, result.recorded_by) == ("=knie", "Sanne Visser")
    texts = journal_texts(demo_db, group_id, visitor)
    assert [x.id for x, _text in texts] == [session.id]
    assert "level 2, pain 3, =knie" in texts[0][1]


def test_a_catch_up_flag_alone_marks_the_row(demo_db: Database, group_id: int) -> None:
    session = _sessions(demo_db, group_id, "exercise")[4]
    visitor = _add_visitor(demo_db)
    RecordingService(demo_db).check_in(session.id, visitor, present=False, catch_up=True)

    row = next(r for r in attendance_rows(demo_db, group_id) if r.participant_id == visitor)

    assert (row.present, row.catch_up, row.number) == (False, True, 5)


def test_the_exports_load_with_a_few_queries_not_one_per_row(
    demo_db: Database, group_id: int
) -> None:
    pid = active_participants(demo_db, _sessions(demo_db, group_id, "exercise")[0].id)[0]
    with counted_queries(demo_db) as statements:
        assert len(recording_rows(demo_db, group_id)) > 100
    assert len(statements) <= 5
    with counted_queries(demo_db) as statements:
        assert len(attendance_rows(demo_db, group_id)) > 50
    assert len(statements) <= 5
    with counted_queries(demo_db) as statements:
        assert len(journal_texts(demo_db, group_id, pid)) == 6
    assert len(statements) <= 10
