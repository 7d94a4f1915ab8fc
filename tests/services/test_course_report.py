from __future__ import annotations

import datetime as dt
from statistics import fmean

import pytest

from rugschool.errors import NotFound
from rugschool.models import Database
from rugschool.services.bundle import Services
from rugschool.services.course_report import end_report_data, group_report_data
from rugschool.services.participants import ParticipantInput
from rugschool.services.schedule import SessionRow
from tests.query_count import counted_queries

KEYS = (
    "back-mobility",
    "trunk-rotation",
    "abdominals",
    "back-muscles",
    "side-trunk",
    "buttocks",
    "thighs",
    "lunge-balance",
)


def _group_id(services: Services) -> int:
    return services.groups.rows()[0].id


def _sessions(services: Services, group_id: int, kind: str) -> list[SessionRow]:
    return [x for x in services.schedule.sessions(group_id) if x.kind == kind]


def _people(services: Services, group_id: int) -> list[int]:
    return [e.participant_id for e in services.groups.enrollments(group_id)]


def test_end_report_of_a_demo_participant(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    pid = _people(services, group_id)[0]
    data = end_report_data(demo_db, pid, group_id)
    assert data.name == "Zoë de Vries"
    assert data.date_of_birth == dt.date(1978, 3, 14)
    assert data.referrer == "Huisartsenpraktijk De Linde"
    assert data.group == "Rugschool dinsdag en donderdag"
    assert data.therapists == ("Sanne Visser", "Koen Claes")
    assert data.personal_goal.startswith("Weer een uur in de tuin")
    assert data.goal_outcome is None
    sessions = services.schedule.sessions(group_id)
    exercise = _sessions(services, group_id, "exercise")
    assert data.first_session == sessions[0].starts_at.date()
    assert data.last_session == exercise[15].starts_at.date()
    assert (data.exercise_attendance.attended, data.exercise_attendance.total) == (4, 16)
    assert (data.education_attendance.attended, data.education_attendance.total) == (2, 2)
    assert data.recorded


def test_levels_and_pain_come_from_what_was_recorded(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    pid = _people(services, group_id)[0]
    recording = services.recording()
    held = _sessions(services, group_id, "exercise")[:4]
    cells = [recording.results(x.id) for x in held]
    data = end_report_data(demo_db, pid, group_id)
    assert [e.key for e in data.exercises] == list(KEYS)
    for e in data.exercises:
        assert e.start == cells[0][(pid, e.key)].level
        assert e.now == cells[-1][(pid, e.key)].level
        assert e.levels == 4
    assert [p.number for p in data.pain] == [1, 2, 3, 4]
    for point, session, found in zip(data.pain, held, cells, strict=True):
        scores = [r.pain for (who, _key), r in found.items() if who == pid and r.pain is not None]
        assert point.day == session.starts_at.date()
        assert point.highest == max(scores)
        assert point.mean == pytest.approx(fmean(scores))


def test_starting_level_and_agreed_next_level(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    pid = _people(services, group_id)[0]
    enrollment = services.groups.enrollments(group_id)[0]
    services.groups.update_enrollment(enrollment.id, starting_levels={"abdominals": 3})
    last = _sessions(services, group_id, "exercise")[3]
    services.recording().record(last.id, pid, "abdominals", level=4, next_level=4)
    abdominals = next(
        e for e in end_report_data(demo_db, pid, group_id).exercises if e.key == "abdominals"
    )
    assert (abdominals.start, abdominals.now, abdominals.next) == (3, 4, 4)
    assert abdominals.moved_up


def test_someone_with_nothing_recorded_still_has_a_report(
    demo_db: Database, services: Services
) -> None:
    group_id = _group_id(services)
    person = services.participants.create(ParticipantInput("Nieuw", "Persoon"))
    services.groups.enroll(group_id, person.id)
    data = end_report_data(demo_db, person.id, group_id)
    assert data.name == "Nieuw Persoon"
    assert not data.recorded
    assert data.pain == ()
    assert not data.pain_scored
    assert data.exercise_attendance.attended == 0
    assert data.exercise_attendance.total == 16
    assert all(e.start is None and e.now is None for e in data.exercises)
    assert len(data.exercises) == 8


def test_unknown_participant_or_group_is_not_found(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    person = services.participants.create(ParticipantInput("Los", "Persoon"))
    with pytest.raises(NotFound):
        end_report_data(demo_db, person.id, group_id)
    with pytest.raises(NotFound):
        end_report_data(demo_db, _people(services, group_id)[0], 9999)
    with pytest.raises(NotFound):
        group_report_data(demo_db, 9999)


def test_a_whole_course_counts_to_sixteen(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    pid = _people(services, group_id)[0]
    recording = services.recording()
    for x in _sessions(services, group_id, "exercise")[4:]:
        recording.check_in(x.id, pid)
        recording.record(x.id, pid, "thighs", level=4, pain=x.number % 11)
    data = end_report_data(demo_db, pid, group_id)
    assert data.exercise_attendance.label == "16 van 16"
    assert [p.number for p in data.pain] == list(range(1, 17))
    assert data.pain[-1].highest == 16 % 11
    thighs = next(e for e in data.exercises if e.key == "thighs")
    assert thighs.now == 4


def test_group_report_attendance_per_session(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    recording = services.recording()
    data = group_report_data(demo_db, group_id)
    assert data.group == "Rugschool dinsdag en donderdag"
    assert data.participants == 10
    assert data.therapists == ("Sanne Visser", "Koen Claes")
    recorded = [x for x in data.sessions if x.recorded]
    assert [(x.kind, x.number) for x in recorded] == [
        ("education", 1),
        ("education", 2),
        *(("exercise", n) for n in range(1, 5)),
    ]
    names = {e.participant_id: e.name for e in services.groups.enrollments(group_id)}
    for row in recorded:
        came = recording.present(row.session_id)
        assert row.present == len(came)
        assert row.expected == 10
        away = recording.attendance(row.session_id)
        assert {a.name for a in row.absent} == {
            names[pid] for pid, (present, _reason) in away.items() if not present
        }
        assert all(a.reason == "ziek" for a in row.absent)


def test_group_report_mean_levels(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    recording = services.recording()
    data = group_report_data(demo_db, group_id)
    held = _sessions(services, group_id, "exercise")[:4]
    assert data.level_sessions == (1, 2, 3, 4)
    assert [p.key for p in data.progression] == list(KEYS)
    for column, session in enumerate(held):
        cells = recording.results(session.id)
        for p in data.progression:
            levels = [r.level for (_pid, key), r in cells.items() if key == p.key]
            assert p.means[column] == pytest.approx(fmean(levels))
    for p in data.progression:
        assert p.tracked == 10
        assert 0 <= p.moved_up <= 10


def test_group_report_catch_up_and_stopped(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    first = _sessions(services, group_id, "exercise")[0]
    stopped = services.groups.enrollments(group_id)[1]
    services.groups.update_enrollment(stopped.id, status="stopped")
    visitor = services.participants.create(ParticipantInput("Gast", "Bezoeker"))
    services.recording().check_in(first.id, visitor.id, catch_up=True)
    data = group_report_data(demo_db, group_id)
    row = next(x for x in data.sessions if x.session_id == first.id)
    assert row.catch_ups == 1
    assert row.present == 9  # the visitor is not one of the group
    # Someone who stopped is expected up to the last session they were checked in for.
    assert all(x.expected == 10 for x in data.sessions if x.recorded)
    other = next(e for e in services.groups.enrollments(group_id) if e.id != stopped.id)
    services.recording().check_in(
        _sessions(services, group_id, "exercise")[4].id, other.participant_id
    )
    later = group_report_data(demo_db, group_id).sessions
    fifth = next(x for x in later if (x.kind, x.number) == ("exercise", 5))
    assert fifth.expected == 9
    assert stopped.name not in {a.name for a in fifth.absent}


def test_a_fixed_number_of_queries(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    pid = _people(services, group_id)[0]
    with counted_queries(demo_db) as small_group:
        group_report_data(demo_db, group_id)
    with counted_queries(demo_db) as small_report:
        end_report_data(demo_db, pid, group_id)
    recording = services.recording()
    for n in range(15):
        person = services.participants.create(ParticipantInput(f"Extra{n}", "Deelnemer"))
        services.groups.enroll(group_id, person.id)
        for x in _sessions(services, group_id, "exercise")[:6]:
            recording.check_in(x.id, person.id)
            recording.record(x.id, person.id, "abdominals", level=2, pain=3)
    with counted_queries(demo_db) as big_group:
        data = group_report_data(demo_db, group_id)
    with counted_queries(demo_db) as big_report:
        end_report_data(demo_db, pid, group_id)
    assert data.participants == 25
    assert len(big_group) == len(small_group) <= 10
    assert len(big_report) == len(small_report) <= 10
