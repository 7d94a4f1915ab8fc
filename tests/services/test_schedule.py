from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import _, set_language
from rugschool.models import (
    Appointment,
    Database,
    Enrollment,
    EnrollmentStatus,
    Group,
    GroupKind,
    GroupSession,
    Participant,
    Therapist,
)
from rugschool.services.schedule import SameTherapistTwice, ScheduleService, SessionRow
from rugschool.services.schedule_rules import ROLLING_HORIZON, add_months, plan_sessions
from tests.query_count import counted_queries

D = dt.date
# A moment before the courses in these tests: their sessions are all still to come.
BEFORE = dt.datetime(2025, 12, 1)
TUE_THU = [2, 4]
EVENING = dt.time(19, 0)
START = D(2026, 1, 6)  # a Tuesday
BEFORE = dt.datetime(2026, 1, 1, 8, 0)  # before the course: nothing held yet
EXERCISE_DAYS = [
    D(2026, 1, 13), D(2026, 1, 15), D(2026, 1, 20), D(2026, 1, 22),
    D(2026, 1, 27), D(2026, 1, 29), D(2026, 2, 3), D(2026, 2, 5),
    D(2026, 2, 10), D(2026, 2, 12), D(2026, 2, 17), D(2026, 2, 19),
    D(2026, 2, 24), D(2026, 2, 26), D(2026, 3, 3), D(2026, 3, 5),
]  # fmt: skip


def _group(
    db: Database,
    *,
    kind: GroupKind = GroupKind.FIXED,
    start: dt.date | None = START,
    at: dt.time | None = EVENING,
    therapists: tuple[str, ...] = ("Sanne Visser", "Koen Claes"),
    name: str = "Rugschool dinsdag en donderdag",
) -> int:
    with db.transaction() as s:
        group = Group(name=name, kind=kind.value, start_date=start, weekdays=TUE_THU)
        group.start_time = at
        group.therapists = [Therapist(name=n) for n in therapists]
        s.add(group)
        s.flush()
        return group.id


def _enroll(db: Database, group_id: int, start: dt.date | None, first_name: str) -> int:
    with db.transaction() as s:
        person = Participant(first_name=first_name, last_name="Peeters")
        enrollment = Enrollment(
            participant=person,
            group_id=group_id,
            start_date=start,
            status=EnrollmentStatus.ACTIVE.value,
        )
        s.add(enrollment)
        s.flush()
        return enrollment.id


def _find(rows: list[SessionRow], kind: str, number: int) -> SessionRow:
    [row] = [r for r in rows if (r.kind, r.number) == (kind, number)]
    return row


def _exercise_days(rows: list[SessionRow]) -> list[dt.date]:
    return [r.starts_at.date() for r in rows if r.kind == "exercise"]


# ------------------------------------------------------------------ planning (pure)


def test_a_course_is_two_education_then_sixteen_exercise_sessions_on_tue_and_thu() -> None:
    plan = plan_sessions(START, TUE_THU, EVENING, 2, 16, closed=set())

    assert [(p.kind, p.number) for p in plan[:3]] == [
        ("education", 1),
        ("education", 2),
        ("exercise", 1),
    ]
    assert [p.starts_at for p in plan[:2]] == [
        dt.datetime(2026, 1, 6, 19, 0),
        dt.datetime(2026, 1, 8, 19, 0),
    ]
    assert [p.starts_at.date() for p in plan[2:]] == EXERCISE_DAYS
    assert [p.number for p in plan[2:]] == list(range(1, 17))


def test_the_start_date_counts_only_when_the_group_meets_that_day() -> None:
    plan = plan_sessions(D(2026, 1, 5), TUE_THU, EVENING, 0, 2, closed=set())  # a Monday
    assert [p.starts_at.date() for p in plan] == [D(2026, 1, 6), D(2026, 1, 8)]
    assert {p.kind for p in plan} == {"exercise"}


def test_a_closed_day_is_skipped_and_the_course_runs_on() -> None:
    plan = plan_sessions(START, TUE_THU, EVENING, 2, 16, closed={D(2026, 1, 20)})
    days = [p.starts_at.date() for p in plan[2:]]

    assert days[:4] == [D(2026, 1, 13), D(2026, 1, 15), D(2026, 1, 22), D(2026, 1, 27)]
    assert len(days) == 16 and D(2026, 1, 20) not in days
    assert days[-1] == D(2026, 3, 10)  # one meeting later than without the closed day


def test_a_start_in_a_closed_stretch_begins_after_it() -> None:
    stretch = {START + dt.timedelta(days=i) for i in range(14)}
    plan = plan_sessions(START, TUE_THU, EVENING, 2, 16, closed=stretch)
    assert [p.starts_at.date() for p in plan[:2]] == [D(2026, 1, 20), D(2026, 1, 22)]


@pytest.mark.parametrize("weekdays", [[], [0], [8]])
def test_a_group_needs_real_weekdays(weekdays: list[int]) -> None:
    with pytest.raises(ValidationError):
        plan_sessions(START, weekdays, EVENING, 2, 16, closed=set())


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # a leap year
        (D(2026, 8, 31), 3, D(2026, 11, 30)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 12, 15), 12, D(2027, 12, 15)),
        (D(2026, 10, 5), 3, D(2027, 1, 5)),
    ],
)
def test_months_are_calendar_months_clamped_at_the_month_end(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


# ------------------------------------------------------------------ storing sessions


def test_created_sessions_are_led_by_the_groups_first_two_therapists(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)

    assert service.create_sessions(group_id, now=BEFORE) == 18
    rows = service.sessions(group_id)

    assert len(rows) == 18
    assert rows[0].starts_at == dt.datetime(2026, 1, 6, 19, 0)
    assert (rows[0].kind, rows[0].minutes) == ("education", 60)
    assert _exercise_days(rows) == EXERCISE_DAYS
    assert {(r.lead, r.assistant) for r in rows} == {("Sanne Visser", "Koen Claes")}
    assert rows[0].group_name == "Rugschool dinsdag en donderdag"


def test_a_group_with_one_therapist_has_no_assistant(db: Database) -> None:
    group_id = _group(db, therapists=("Sanne Visser",))
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    assert {(r.lead, r.assistant) for r in service.sessions(group_id)} == {("Sanne Visser", None)}


@pytest.mark.parametrize("missing", ["start", "at"])
def test_sessions_need_a_start_date_and_time(db: Database, missing: str) -> None:
    group_id = _group(db, start=None) if missing == "start" else _group(db, at=None)
    service = ScheduleService(db)
    with pytest.raises(ValidationError):
        service.create_sessions(group_id, now=BEFORE)
    assert service.sessions(group_id) == []


def test_creating_again_keeps_held_sessions_and_duplicates_nothing(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    before = service.sessions(group_id)
    with db.transaction() as s:  # from February on, the group meets on Monday and Wednesday
        group = s.get(Group, group_id)
        assert group is not None
        group.weekdays = [1, 3]

    now = dt.datetime(2026, 1, 30, 12, 0)
    assert service.create_sessions(group_id, now=now) == 10
    after = service.sessions(group_id)
    assert service.create_sessions(group_id, now=now) == 10
    again = service.sessions(group_id)

    held = [r for r in before if r.starts_at < now]
    assert len(held) == 8
    assert after[:8] == held  # the same rows, the same dates
    assert len(after) == 18 == len({(r.kind, r.number) for r in after})
    assert _exercise_days(after)[6:] == [
        D(2026, 2, 2), D(2026, 2, 4), D(2026, 2, 9), D(2026, 2, 11), D(2026, 2, 16),
        D(2026, 2, 18), D(2026, 2, 23), D(2026, 2, 25), D(2026, 3, 2), D(2026, 3, 4),
    ]  # fmt: skip
    assert [r.id for r in after] == [r.id for r in before]  # rows kept, only re-dated
    assert again == after


def test_a_shorter_course_drops_the_sessions_no_longer_planned(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    with db.transaction() as s:
        group = s.get(Group, group_id)
        assert group is not None
        group.exercise_sessions = 12

    assert service.create_sessions(group_id, now=BEFORE) == 14
    assert _exercise_days(service.sessions(group_id)) == EXERCISE_DAYS[:12]


def test_unknown_records_are_not_found(db: Database) -> None:
    service = ScheduleService(db)
    with pytest.raises(NotFound):
        service.create_sessions(42)
    with pytest.raises(NotFound):
        service.move_session(42, dt.datetime(2026, 1, 6, 19, 0), now=BEFORE)
    with pytest.raises(NotFound):
        service.enrollment_progress(42, BEFORE)


def test_upcoming_lists_every_groups_sessions_in_the_window(db: Database) -> None:
    service = ScheduleService(db)
    first = _group(db, name="Dinsdag en donderdag")
    second = _group(db, name="Later", start=D(2026, 1, 13), therapists=("Ilse Maes",))
    archived = _group(db, name="Gestopt", therapists=())
    for group_id in (first, second, archived):
        service.create_sessions(group_id, now=BEFORE)
    with db.transaction() as s:
        s.get_one(Group, archived).archived = True

    rows = service.upcoming(dt.datetime(2026, 1, 8, 0, 0), days=7)

    assert [(r.group_name, r.starts_at.date()) for r in rows] == [
        ("Dinsdag en donderdag", D(2026, 1, 8)),
        ("Dinsdag en donderdag", D(2026, 1, 13)),
        ("Later", D(2026, 1, 13)),
    ]


# ------------------------------------------------------------------ changing sessions


def test_one_session_can_be_moved(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    third = _find(service.sessions(group_id), "exercise", 3)

    moved = service.move_session(third.id, dt.datetime(2026, 1, 21, 18, 0), now=BEFORE)

    assert moved.starts_at == dt.datetime(2026, 1, 21, 18, 0)
    rows = service.sessions(group_id)
    assert _exercise_days(rows) == [*EXERCISE_DAYS[:2], D(2026, 1, 21), *EXERCISE_DAYS[3:]]


def test_a_move_keeps_the_sessions_in_order_and_avoids_closed_days(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    third = _find(service.sessions(group_id), "exercise", 3)
    service.add_closed_day(D(2026, 1, 21), "Studiedag", now=BEFORE)

    with pytest.raises(ValidationError):  # past exercise session 4, on 22 January
        service.move_session(third.id, dt.datetime(2026, 1, 23, 19, 0), now=BEFORE)
    with pytest.raises(ValidationError):
        service.move_session(third.id, dt.datetime(2026, 1, 21, 19, 0), now=BEFORE)
    assert _exercise_days(service.sessions(group_id)) == EXERCISE_DAYS


def test_a_session_and_all_after_it_shift_on_by_one_meeting(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    third = _find(service.sessions(group_id), "exercise", 3)

    assert service.shift_from(third.id, now=BEFORE) == 14

    rows = service.sessions(group_id)
    assert _exercise_days(rows) == [*EXERCISE_DAYS[:2], *EXERCISE_DAYS[3:], D(2026, 3, 10)]
    assert [r.starts_at.time() for r in rows] == [EVENING] * 18
    assert [r.number for r in rows if r.kind == "exercise"] == list(range(1, 17))


def test_a_closed_day_added_later_moves_the_rest_of_the_course_on(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)

    assert service.add_closed_day(D(2026, 1, 20), " Studiedag ", now=BEFORE) == 14

    rows = service.sessions(group_id)
    assert _find(rows, "exercise", 3).starts_at == dt.datetime(2026, 1, 22, 19, 0)
    assert _find(rows, "exercise", 16).starts_at == dt.datetime(2026, 3, 10, 19, 0)
    assert [(c.day, c.reason) for c in service.closed_days()] == [(D(2026, 1, 20), "Studiedag")]


def test_a_held_session_never_moves_for_a_closed_day(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    before = service.sessions(group_id)
    now = dt.datetime(2026, 1, 10, 9, 0)

    assert service.add_closed_day(D(2026, 1, 8), now=now) == 0
    assert service.add_closed_day(D(2026, 1, 20), now=now) == 14
    after = service.sessions(group_id)
    service.remove_closed_day(D(2026, 1, 8))

    assert after[:4] == before[:4]  # held on 6 and 8 January, and 13 and 15 still to come
    assert service.sessions(group_id) == after  # opening a day again moves nothing back
    assert [c.day for c in service.closed_days()] == [D(2026, 1, 20)]


def test_a_lead_and_an_assistant_are_two_different_therapists(db: Database) -> None:
    group_id = _group(db)
    service = ScheduleService(db)
    service.create_sessions(group_id, now=BEFORE)
    first = service.sessions(group_id)[0]
    assert first.lead_id is not None and first.assistant_id is not None

    with pytest.raises(SameTherapistTwice) as refused:
        service.set_therapists(first.id, first.lead_id, first.lead_id)
    assert isinstance(refused.value, ValidationError)
    assert str(refused.value) == _("The lead and the assistant must be two different therapists.")
    assert service.sessions(group_id)[0] == first

    swapped = service.set_therapists(first.id, first.assistant_id, None)
    assert (swapped.lead, swapped.assistant) == ("Koen Claes", None)
    with pytest.raises(NotFound):
        service.set_therapists(first.id, 999, None)


# ------------------------------------------------------------------ rolling groups


def test_a_rolling_group_runs_on_and_a_late_joiner_counts_their_own_sixteen(
    db: Database,
) -> None:
    group_id = _group(db, kind=GroupKind.ROLLING)
    service = ScheduleService(db)
    founder = _enroll(db, group_id, START, "Anna")
    late = _enroll(db, group_id, D(2026, 2, 9), "Bram")  # a Monday

    service.create_sessions(group_id, now=BEFORE)
    rows = service.sessions(group_id)
    assert rows[-1].starts_at.date() == D(2026, 3, 31) == START + ROLLING_HORIZON
    assert [r.number for r in rows if r.kind == "exercise"] == list(range(1, 24))

    before_first = service.enrollment_progress(late, dt.datetime(2026, 2, 10, 18, 0))
    assert (before_first.done, before_first.total) == (0, 16)
    assert before_first.label == _("{done} of {total}").format(done=0, total=16)
    set_language("en")  # the conftest fixture puts Dutch back
    assert before_first.label == "0 of 16"
    assert before_first.first == D(2026, 2, 10)  # the first meeting on or after Monday 9th
    assert before_first.last is None  # their sixteenth is beyond the horizon

    assert service.extend_rolling(group_id, D(2026, 6, 30)) > 0
    assert service.extend_rolling(group_id, D(2026, 6, 30)) == 0
    progress = service.group_progress(group_id, dt.datetime(2026, 2, 10, 20, 0))
    assert (progress[late].done, progress[late].last) == (1, D(2026, 4, 2))
    assert (progress[founder].done, progress[founder].last) == (9, D(2026, 3, 5))
    numbers = [r.number for r in service.sessions(group_id) if r.kind == "exercise"]
    assert numbers == list(range(1, len(numbers) + 1))


def test_only_a_rolling_group_is_extended(db: Database) -> None:
    fixed = _group(db)
    rolling = _group(db, kind=GroupKind.ROLLING, name="Doorlopend")
    service = ScheduleService(db)
    service.create_sessions(fixed, now=BEFORE)

    assert service.extend_rolling(fixed, D(2026, 12, 31)) == 0
    assert service.extend_all_rolling(D(2026, 1, 1)) > 0
    assert len(service.sessions(fixed)) == 18
    assert service.sessions(rolling)[0].starts_at == dt.datetime(2026, 1, 6, 19, 0)


def test_extending_rolling_groups_reads_little_when_nothing_is_added(db: Database) -> None:
    rolling = _group(db, kind=GroupKind.ROLLING, name="Doorlopend")
    service = ScheduleService(db)
    assert service.extend_all_rolling(D(2026, 1, 1)) > 0
    planned = len(service.sessions(rolling))
    with counted_queries(db) as same_day:
        assert service.extend_all_rolling(D(2026, 1, 1)) == 0
    # Nothing to add: the sessions are read as plain rows, never loaded as objects.
    assert len(same_day) == 3  # closed days, the groups, their sessions' rows
    assert not [q for q in same_day if "group_sessions.id" in q.split("FROM")[0]]
    # A week later the horizon has moved on: that week's meetings are added, once.
    assert service.extend_all_rolling(D(2026, 1, 8)) > 0
    assert service.extend_all_rolling(D(2026, 1, 8)) == 0
    later = service.sessions(rolling)
    assert len(later) > planned
    assert later[-1].starts_at.date() <= D(2026, 1, 8) + ROLLING_HORIZON


# ------------------------------------------------------------------ appointments


def _course_ending_on_31_august(db: Database) -> tuple[int, int]:
    group_id = _group(db, start=D(2027, 7, 1))  # a Thursday
    enrollment_id = _enroll(db, group_id, D(2027, 7, 1), "Anna")
    ScheduleService(db).create_sessions(group_id, now=dt.datetime(2027, 6, 1, 8, 0))
    return group_id, enrollment_id


def test_appointments_are_due_around_the_participants_own_course(db: Database) -> None:
    group_id, enrollment_id = _course_ending_on_31_august(db)
    service = ScheduleService(db)
    assert _exercise_days(service.sessions(group_id))[-1] == D(2027, 8, 31)

    dues = {a.kind: a.due_on for a in service.plan_appointments(enrollment_id)}

    assert dues == {
        "intake": D(2027, 6, 24),  # a week before the first session on 1 July
        "final": D(2027, 9, 7),
        "follow_up_3": D(2027, 11, 30),
        "follow_up_6": D(2028, 2, 29),
        "follow_up_12": D(2028, 8, 31),
    }


def test_the_due_appointments_reach_back_as_far_as_asked(db: Database) -> None:
    _group_id, enrollment_id = _course_ending_on_31_august(db)
    service = ScheduleService(db)
    service.plan_appointments(enrollment_id)

    def due(until: dt.date, since: dt.date = dt.date.min) -> list[str]:
        return [a.kind for a, _name, _group in service.due_appointments(until, since)]

    assert due(D(2027, 12, 1)) == ["intake", "final", "follow_up_3"]
    assert due(D(2027, 12, 1), since=D(2027, 6, 25)) == ["final", "follow_up_3"]
    assert due(D(2027, 12, 1), since=D(2027, 11, 30)) == ["follow_up_3"]  # both ends count
    assert service.due_appointments(D(2027, 6, 24))[0][1] == "Anna Peeters"


def test_planning_appointments_again_redates_only_what_is_not_done(db: Database) -> None:
    group_id, enrollment_id = _course_ending_on_31_august(db)
    service = ScheduleService(db)
    service.plan_appointments(enrollment_id)
    with db.transaction() as s:
        intake = s.scalars(select(Appointment).filter_by(kind="intake")).one()
        intake.done_on = D(2027, 6, 20)

    service.shift_from(service.sessions(group_id)[0].id, now=BEFORE)  # the whole course on
    again = {a.kind: a for a in service.plan_appointments(enrollment_id)}

    assert len(again) == 5 == len(service.appointments(enrollment_id))
    assert (again["intake"].due_on, again["intake"].done_on) == (D(2027, 6, 24), D(2027, 6, 20))
    assert again["final"].due_on == D(2027, 9, 9)  # after the last session on 2 September
    assert again["follow_up_6"].due_on == D(2028, 3, 2)


def test_without_planned_sessions_only_the_intake_is_planned(db: Database) -> None:
    group_id = _group(db)
    enrollment_id = _enroll(db, group_id, START, "Anna")

    rows = ScheduleService(db).plan_appointments(enrollment_id)

    assert [(a.kind, a.due_on) for a in rows] == [("intake", D(2025, 12, 30))]
    with db.transaction() as s:
        assert s.scalars(select(GroupSession)).first() is None
