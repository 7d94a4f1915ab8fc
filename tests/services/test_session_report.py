"""The data of a session's papers: the registration form and the session summary."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from rugschool.errors import NotFound
from rugschool.models import (
    Attendance,
    Database,
    Enrollment,
    EnrollmentStatus,
    ExerciseResult,
    Group,
    GroupSession,
    Participant,
)
from rugschool.services.participants import ParticipantInput, ParticipantService
from rugschool.services.programme import ProgrammeService
from rugschool.services.recording import RecordingService, active_participants
from rugschool.services.schedule import ScheduleService, SessionRow
from rugschool.services.session_report import sheet_data, summary_data
from tests.query_count import counted_queries

GROUP = 1  # the demo's group


def sessions(db: Database) -> tuple[list[SessionRow], list[SessionRow]]:
    """The demo group's education and exercise sessions; the demo recorded both education
    sessions and exercise sessions 1-4."""
    rows = ScheduleService(db).sessions(GROUP)
    return [s for s in rows if s.kind == "education"], [s for s in rows if s.kind == "exercise"]


def rename(db: Database, participant_id: int, first: str, prefix: str, last: str) -> None:
    with db.transaction() as s:
        person = s.get(Participant, participant_id)
        assert person is not None
        person.first_name, person.name_prefix, person.last_name = first, prefix, last


def add_people(db: Database, count: int, session_id: int | None = None) -> list[int]:
    """`count` more active members of the demo group; with `session_id`, each present there
    at level 2 with pain 1 in every exercise."""
    with db.transaction() as s:
        group = s.get(Group, GROUP)
        assert group is not None
        people = [Participant(first_name=f"Extra {n:02d}", last_name="Test") for n in range(count)]
        s.add_all(
            Enrollment(
                participant=p,
                group=group,
                start_date=group.start_date,
                status=EnrollmentStatus.ACTIVE.value,
            )
            for p in people
        )
        s.flush()
        ids = [p.id for p in people]
    if session_id is None:
        return ids
    exercises = ProgrammeService(db).current("nl").exercises
    with db.transaction() as s:
        s.add_all(
            ExerciseResult(
                session_id=session_id,
                participant_id=pid,
                exercise_id=exercise.id,
                level_id=exercise.levels[1].id,
                pain=1,
            )
            for pid in ids
            for exercise in exercises
        )
    recording = RecordingService(db)
    for pid in ids:
        recording.check_in(session_id, pid)
    return ids


# ---------------------------------------------------------------------- the sheet


def test_the_sheet_lists_who_is_expected_with_their_planned_levels(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    fifth = exercise[4]  # the first one not recorded yet
    data = sheet_data(demo_db, fifth.id)

    assert (data.session.kind, data.session.number) == ("exercise", 5)
    assert data.session.therapists == ("Sanne Visser", "Koen Claes")
    assert data.group == "Rugschool dinsdag en donderdag"
    assert data.starts_at == fifth.starts_at
    assert data.warmup == "Warming-up"
    programme = ProgrammeService(demo_db).current("nl")
    assert [e.key for e in data.exercises] == [e.key for e in programme.exercises]
    assert [e.position for e in data.exercises] == list(range(1, 9))
    assert {p.participant_id for p in data.participants} == set(
        active_participants(demo_db, fifth.id)
    )
    recording = RecordingService(demo_db)
    for row in data.participants:
        current = recording.current_levels(fifth.id, row.participant_id)
        assert row.planned == {e.key: current.get(e.key, 1) for e in data.exercises}
        assert not row.catch_up


def test_planned_levels_follow_the_agreed_level_and_the_starting_level(
    demo_db: Database,
) -> None:
    _education, exercise = sessions(demo_db)
    recording = RecordingService(demo_db)
    first, newcomer = active_participants(demo_db, exercise[3].id)[0], add_people(demo_db, 1)[0]
    recording.record(exercise[3].id, first, "thighs", level=2, next_level=3)  # agreed: up
    with demo_db.transaction() as s:
        enrollment = s.scalars(select(Enrollment).where(Enrollment.participant_id == newcomer))
        enrollment.one().starting_levels = {"buttocks": 2, "thighs": 9}

    planned = {
        p.participant_id: p.planned for p in sheet_data(demo_db, exercise[4].id).participants
    }
    assert planned[first]["thighs"] == 3
    assert planned[newcomer]["buttocks"] == 2
    assert planned[newcomer]["thighs"] == 4  # never above the exercise's top level
    assert planned[newcomer]["abdominals"] == 1


def test_catch_ups_come_last_and_names_sort_by_region(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    guest = ParticipantService(demo_db).create(ParticipantInput("Łukasz", "Wróbel")).id
    ScheduleService(demo_db).add_catch_up(exercise[4].id, guest)
    rename(demo_db, 1, "Zoë", "", "Çelik-Şahin")
    rename(demo_db, 3, "Jan", "", "& <Piet>")

    rows = sheet_data(demo_db, exercise[4].id).participants
    names = [p.name for p in rows]
    assert names[0] == "Jan & <Piet>"  # "&" sorts before the letters
    assert names[-1] == "Łukasz Wróbel" and rows[-1].catch_up
    assert (
        names.index("Mehmet Çelik")  # "Çelik, Mehmet": with the C's, before "Çelik-Şahin"
        < names.index("Zoë Çelik-Şahin")
        < names.index("Femke van 't Hof")  # "Hof, Femke van 't"
    )
    assert all(p.planned for p in rows)


def test_an_education_session_sheet_has_no_exercises(demo_db: Database) -> None:
    education, _exercise = sessions(demo_db)
    data = sheet_data(demo_db, education[0].id)
    assert data.exercises == () and data.warmup is None
    assert len(data.participants) == 10


def test_an_unknown_session_is_not_found(demo_db: Database) -> None:
    with pytest.raises(NotFound, match="999"):
        sheet_data(demo_db, 999)
    with pytest.raises(NotFound, match="999"):
        summary_data(demo_db, 999)


# ---------------------------------------------------------------------- the summary


def test_the_summary_has_every_cell_and_the_changes(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    third, fourth = exercise[2], exercise[3]
    data = summary_data(demo_db, fourth.id)
    stored = RecordingService(demo_db).results(fourth.id)
    before = RecordingService(demo_db).results(third.id)

    assert data.recorded and data.session.number == 4
    cells = {(p.participant_id, key): c for p in data.participants for key, c in p.cells.items()}
    assert {k: (c.level, c.pain, c.easy) for k, c in cells.items()} == {
        k: (r.level, r.pain, r.easy) for k, r in stored.items()
    }
    changed = 0
    for (pid, key), cell in cells.items():
        if (pid, key) in before:
            assert cell.previous == before[(pid, key)].level
            expected = {1: "up", -1: "down"}.get(cell.level - before[(pid, key)].level)
            assert cell.change == expected
            changed += cell.change is not None
    assert changed  # the demo moves people up now and then


def test_attendance_with_reasons_and_warm_up(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    data = summary_data(demo_db, exercise[3].id)
    stored = RecordingService(demo_db).attendance(exercise[3].id)
    absent = [p for p in data.participants if p.presence == "absent"]
    assert [(p.participant_id, p.absence_reason) for p in absent] == [
        (pid, reason) for pid, (here, reason) in stored.items() if not here
    ]
    assert all(p.absence_reason == "ziek" and not p.cells for p in absent)
    present = [p for p in data.participants if p.presence == "present"]
    assert len(present) == 9 and all(p.warmup_done and p.pain_settled for p in present)


def test_attention_points(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    third, fourth = exercise[2].id, exercise[3].id
    recording = RecordingService(demo_db)
    people = [p for p in active_participants(demo_db, fourth) if p in recording.present(fourth)]
    sore, unsettled, away, once = people[:4]
    recording.record(fourth, sore, "thighs", level=2, pain=7)
    recording.set_pain_settled(fourth, unsettled, False)
    recording.check_in(third, away, present=False, reason="op vakantie")
    recording.check_in(fourth, away, present=False, reason="op vakantie")
    recording.check_in(fourth, once, present=False, reason="ziek")
    data = summary_data(demo_db, fourth)

    points = {(a.kind, a.participant_id) for a in data.attention}
    assert ("pain_too_high", sore) in points
    assert ("pain_not_settled", unsettled) in points
    assert ("absent_twice", away) in points
    assert ("absent_twice", once) not in points
    row = next(p for p in data.participants if p.participant_id == away)
    assert (row.absence_reason, row.warmup_done, row.pain_settled) == ("op vakantie", False, None)
    pain = next(a for a in data.attention if a.participant_id == sore and a.pain == 7)
    assert pain.exercise == "Bovenbeenspieren"
    assert data.attention[0].kind == "pain_too_high"  # pain first, absence last
    assert data.attention[-1].kind == "absent_twice"
    assert {a.kind for a in data.attention if a.participant_id == once} <= {"pain_too_high"}


def test_someone_not_checked_in_where_others_were_counts_as_absent(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    third, fourth = exercise[2].id, exercise[3].id
    pid = RecordingService(demo_db).present(fourth)[0]
    both = [third, fourth]
    with demo_db.transaction() as s:
        s.execute(
            delete(ExerciseResult).where(
                ExerciseResult.session_id.in_(both), ExerciseResult.participant_id == pid
            )
        )
        s.execute(
            delete(Attendance).where(
                Attendance.session_id.in_(both), Attendance.participant_id == pid
            )
        )
    data = summary_data(demo_db, fourth)
    row = next(p for p in data.participants if p.participant_id == pid)
    assert row.presence == "absent" and row.absence_reason == ""
    assert ("absent_twice", pid) in {(a.kind, a.participant_id) for a in data.attention}


def test_an_education_session_has_coverage_and_no_exercises(demo_db: Database) -> None:
    education, _exercise = sessions(demo_db)
    RecordingService(demo_db).set_covered(education[1].id, "strong-back", True, "met voorbeeld")
    data = summary_data(demo_db, education[1].id)
    assert data.exercises == () and data.recorded
    assert all(not p.cells and p.presence == "present" for p in data.participants)
    assert data.attention == ()
    titles = {m.title: m.note for m in data.messages}
    assert titles["Je rug is sterk en gemaakt om te bewegen."] == "met voorbeeld"
    assert [m.number for m in data.messages] == sorted(m.number for m in data.messages)


def test_a_session_with_nothing_recorded_still_has_a_summary(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    data = summary_data(demo_db, exercise[4].id)
    assert not data.recorded
    assert len(data.participants) == 10
    assert all(p.presence == "not_recorded" and not p.cells for p in data.participants)
    assert data.attention == () and data.theme is None and data.messages == ()


def test_theme_notes_and_session_notes(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    recording = RecordingService(demo_db)
    pid = recording.present(exercise[2].id)[0]
    recording.record(exercise[2].id, pid, "buttocks", note="knie & <heup> pijnlijk")
    with demo_db.transaction() as s:
        session = s.get(GroupSession, exercise[2].id)
        assert session is not None
        session.notes = "Zaal was koud"

    data = summary_data(demo_db, exercise[2].id)
    assert data.session.notes == "Zaal was koud"
    assert data.theme is not None and data.theme.title == "Wat is pijn?"
    cell = next(p for p in data.participants if p.participant_id == pid).cells["buttocks"]
    assert cell.note == "knie & <heup> pijnlijk"
    own = summary_data(demo_db, exercise[3].id).theme
    assert own is not None and own.title is None and own.note == "Ervaringen met bewegen thuis"


def test_a_fixed_number_of_queries_however_big_the_group(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    fourth = exercise[3].id

    def queries() -> tuple[int, int]:
        with counted_queries(demo_db) as sheet:
            sheet_data(demo_db, fourth)
        with counted_queries(demo_db) as summary:
            summary_data(demo_db, fourth)
        return len(sheet), len(summary)

    small = queries()
    add_people(demo_db, 20, fourth)
    assert len(summary_data(demo_db, fourth).participants) == 30
    assert queries() == small
    assert small[1] <= 24  # with the course flags (8 queries of their own)


def test_stopped_people_are_not_expected_but_stay_where_they_came(demo_db: Database) -> None:
    _education, exercise = sessions(demo_db)
    pid = RecordingService(demo_db).present(exercise[3].id)[0]
    with demo_db.transaction() as s:
        enrollment = s.scalars(select(Enrollment).where(Enrollment.participant_id == pid)).one()
        enrollment.status = EnrollmentStatus.STOPPED.value
    assert pid not in {p.participant_id for p in sheet_data(demo_db, exercise[4].id).participants}
    assert pid in {p.participant_id for p in summary_data(demo_db, exercise[3].id).participants}
