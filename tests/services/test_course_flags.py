"""Course flags read from a real database: the demo group of ten, with both education
sessions and exercise sessions 1-4 recorded, plus what each test records."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from rugschool.errors import NotFound
from rugschool.models import (
    Appointment,
    Attendance,
    Database,
    Enrollment,
    EnrollmentStatus,
    ExerciseResult,
    GradedActivityLog,
    GradedActivityPlan,
    Group,
    GroupSession,
    Measurement,
    Participant,
)
from rugschool.services.course_flags import CourseFlagService
from rugschool.services.course_flags_rules import KINDS, Flag
from rugschool.services.programme import ProgrammeService
from rugschool.services.recording import RecordingService
from rugschool.services.schedule import ScheduleService, SessionRow
from tests.conftest import clear_measures_and_tools
from tests.query_count import counted_queries

GROUP = 1  # the demo's group


def exercise_sessions(db: Database) -> list[SessionRow]:
    return [s for s in ScheduleService(db).sessions(GROUP) if s.kind == "exercise"]


def day_of(session: SessionRow) -> dt.date:
    return session.starts_at.date()


def enrollment_of(db: Database, participant_id: int) -> int:
    with db.transaction() as s:
        found = s.scalar(
            select(Enrollment.id).where(
                Enrollment.participant_id == participant_id, Enrollment.group_id == GROUP
            )
        )
    assert found is not None
    return found


def quiet_people(db: Database) -> list[int]:
    """The demo's people without any flag after exercise session 4."""
    fourth = exercise_sessions(db)[3]
    flags = CourseFlagService(db).for_group(GROUP, day_of(fourth))
    return [pid for pid, found in flags.items() if not found]


def of_kind(flags: list[Flag], kind: str) -> list[Flag]:
    return [f for f in flags if f.kind == kind]


def add_measure(
    db: Database, enrollment_id: int, instrument: str, moment: str, day: dt.date, score: float
) -> None:
    with db.transaction() as s:
        s.add(
            Measurement(
                enrollment_id=enrollment_id,
                instrument=instrument,
                moment=moment,
                taken_on=day,
                answers={},
                score=score,
            )
        )


def add_plan(db: Database, enrollment_id: int, logs: dict[dt.date, float]) -> None:
    with db.transaction() as s:
        plan = GradedActivityPlan(
            enrollment_id=enrollment_id,
            activity="wandelen",
            baseline_1=20,
            baseline_2=20,
            baseline_3=20,
            goal=40,
            weeks=6,
            starts_on=min(logs),
        )
        plan.logs = [GradedActivityLog(done_on=d, amount=a) for d, a in logs.items()]
        s.add(plan)


def check_in_others(db: Database, session_id: int, but: int) -> None:
    with db.transaction() as s:
        members = list(
            s.scalars(select(Enrollment.participant_id).where(Enrollment.group_id == GROUP))
        )
    recording = RecordingService(db)
    for pid in members:
        if pid != but:
            recording.check_in(session_id, pid)


# ---------------------------------------------------------------------- who and what


@pytest.fixture
def demo_db(demo_db: Database) -> Database:
    """The demo without its measures and tools: these tests record their own."""
    clear_measures_and_tools(demo_db)
    return demo_db


def test_the_group_lists_everyone_in_the_course_as_each_enrollment_does(demo_db: Database) -> None:
    fourth = exercise_sessions(demo_db)[3]
    service = CourseFlagService(demo_db)
    flags = service.for_group(GROUP, day_of(fourth))
    assert sorted(flags) == list(range(1, 11))
    for pid, found in flags.items():
        assert service.for_enrollment(enrollment_of(demo_db, pid), day_of(fourth)) == found
        assert all(f.kind in KINDS for f in found)
    # The demo scores pain up to 6 with every exercise: some have it twice running already.
    assert any(of_kind(found, "pain_above_band") for found in flags.values())
    assert quiet_people(demo_db), "the demo should have someone without a flag"


def test_unknown_ids_are_not_found(demo_db: Database) -> None:
    service = CourseFlagService(demo_db)
    today = dt.date.today()
    with pytest.raises(NotFound):
        service.for_enrollment(999, today)
    with pytest.raises(NotFound):
        service.for_group(999, today)
    with pytest.raises(NotFound):
        service.for_session(999, today)


def test_pain_above_the_band_two_sessions_running(demo_db: Database) -> None:
    exercise = exercise_sessions(demo_db)
    fifth, sixth, seventh = exercise[4:7]
    pid = quiet_people(demo_db)[0]
    key = ProgrammeService(demo_db).current("nl").exercises[0].key
    recording = RecordingService(demo_db)
    for x, pain in ((fifth, 2), (sixth, 7), (seventh, 7)):
        recording.check_in(x.id, pid)
        recording.record(x.id, pid, key, level=1, pain=pain)
    service = CourseFlagService(demo_db)
    eid, today = enrollment_of(demo_db, pid), day_of(seventh)
    [flag] = of_kind(service.for_enrollment(eid, today), "pain_above_band")
    assert (flag.session_id, flag.arose_on, flag.days, flag.scores, flag.limit) == (
        seventh.id,
        day_of(seventh),
        (day_of(sixth), day_of(seventh)),
        (7.0, 7.0),
        5,
    )
    # The runner of the sixth session saw one session above the band: no flag yet.
    assert of_kind(service.for_session(sixth.id, today)[pid], "pain_above_band") == []
    assert of_kind(service.for_session(seventh.id, today)[pid], "pain_above_band") == [flag]


def test_pain_not_settled_twice(demo_db: Database) -> None:
    exercise = exercise_sessions(demo_db)
    second, fourth = exercise[1], exercise[3]
    recording = RecordingService(demo_db)
    pid = next(
        p
        for p in quiet_people(demo_db)
        if p in recording.present(second.id) and p in recording.present(fourth.id)
    )
    recording.set_pain_settled(second.id, pid, False)
    service = CourseFlagService(demo_db)
    assert of_kind(service.for_session(fourth.id, day_of(fourth))[pid], "pain_not_settled") == []
    recording.set_pain_settled(fourth.id, pid, False)
    [flag] = of_kind(service.for_session(fourth.id, day_of(fourth))[pid], "pain_not_settled")
    assert (flag.session_id, flag.days) == (fourth.id, (day_of(second), day_of(fourth)))
    assert (
        of_kind(service.for_session(exercise[2].id, day_of(fourth))[pid], "pain_not_settled") == []
    )


def test_absent_twice_in_a_row_unless_a_catch_up_came_between(demo_db: Database) -> None:
    exercise = exercise_sessions(demo_db)
    fourth, fifth, sixth = exercise[3:6]
    came = RecordingService(demo_db).present(fourth.id)
    pid = next(p for p in quiet_people(demo_db) if p in came)
    RecordingService(demo_db).check_in(fifth.id, pid, present=False, reason="ziek")
    check_in_others(demo_db, fifth.id, but=pid)
    check_in_others(demo_db, sixth.id, but=pid)  # not ticked present where others were
    service = CourseFlagService(demo_db)
    [flag] = of_kind(service.for_group(GROUP, day_of(sixth))[pid], "absent_twice")
    assert (flag.session_id, flag.days) == (sixth.id, (day_of(fifth), day_of(sixth)))

    with demo_db.transaction() as s:
        other = Group(name="Rugschool maandag", weekdays=[1])
        visit = GroupSession(
            group=other, kind="exercise", number=1, starts_at=fifth.starts_at + dt.timedelta(days=1)
        )
        s.add(visit)
        s.flush()
        visit_id = visit.id
    RecordingService(demo_db).check_in(visit_id, pid, catch_up=True)
    assert of_kind(service.for_group(GROUP, day_of(sixth))[pid], "absent_twice") == []


# ---------------------------------------------------------------------- measures


def test_a_deviating_course_three_weeks_in(demo_db: Database) -> None:
    start = day_of(exercise_sessions(demo_db)[0])
    three_weeks = start + dt.timedelta(weeks=3)
    pid = quiet_people(demo_db)[0]
    eid = enrollment_of(demo_db, pid)
    add_measure(demo_db, eid, "psk", "intake", start - dt.timedelta(days=7), 6.0)
    add_measure(demo_db, eid, "psk", "mid", three_weeks, 6.0)
    service = CourseFlagService(demo_db)
    [flag] = of_kind(service.for_enrollment(eid, three_weeks), "deviating_course")
    assert (flag.arose_on, flag.scores, flag.activity_checked) == (three_weeks, (6.0, 6.0), False)
    assert (
        of_kind(service.for_enrollment(eid, three_weeks - dt.timedelta(days=1)), "deviating_course")
        == []
    )

    add_plan(demo_db, eid, {start: 20, start + dt.timedelta(days=16): 20})
    [flag] = of_kind(service.for_enrollment(eid, three_weeks), "deviating_course")
    assert flag.activity_checked
    add_plan(demo_db, eid, {start: 20, start + dt.timedelta(days=8): 24})
    assert of_kind(service.for_enrollment(eid, three_weeks), "deviating_course") == []


def test_measures_overdue(demo_db: Database) -> None:
    start = day_of(exercise_sessions(demo_db)[0])
    pid = quiet_people(demo_db)[0]
    eid = enrollment_of(demo_db, pid)
    with demo_db.transaction() as s:
        intake = s.scalars(
            select(Appointment).where(
                Appointment.enrollment_id == eid, Appointment.kind == "intake"
            )
        ).one()
        intake.done_on, due = None, intake.due_on
    service = CourseFlagService(demo_db)
    assert (
        of_kind(service.for_enrollment(eid, due + dt.timedelta(days=14)), "measure_overdue") == []
    )
    [flag] = of_kind(service.for_enrollment(eid, due + dt.timedelta(days=15)), "measure_overdue")
    assert (flag.measure, flag.days) == ("intake", (due,))

    week_five = start + dt.timedelta(weeks=4)
    overdue = of_kind(service.for_enrollment(eid, week_five), "measure_overdue")
    assert [f.measure for f in overdue] == ["intake", "psk", "nprs"]
    add_measure(demo_db, eid, "nprs", "mid", week_five - dt.timedelta(days=5), 4)
    overdue = of_kind(service.for_enrollment(eid, week_five), "measure_overdue")
    assert [f.measure for f in overdue] == ["intake", "psk"]


# ---------------------------------------------------------------------- the whole course


def test_a_level_that_stays_the_same_late_in_the_course_raises_no_flag(
    demo_db: Database,
) -> None:
    """Sixteen sessions at level 2 in every exercise, each easy with little pain: the
    progression rule would have suggested a step up many times. Staying is no flag."""
    exercise = exercise_sessions(demo_db)
    assert len(exercise) == 16
    pid = quiet_people(demo_db)[0]
    eid = enrollment_of(demo_db, pid)
    programme = ProgrammeService(demo_db).current("nl")
    education = [x for x in ScheduleService(demo_db).sessions(GROUP) if x.kind == "education"]
    with demo_db.transaction() as s:
        s.execute(delete(ExerciseResult).where(ExerciseResult.participant_id == pid))
        s.execute(delete(Attendance).where(Attendance.participant_id == pid))
        s.add_all(Attendance(session_id=x.id, participant_id=pid) for x in education)
        for n, x in enumerate(exercise):
            settled = None if n == 0 else True
            s.add(Attendance(session_id=x.id, participant_id=pid, pain_settled=settled))
            s.add_all(
                ExerciseResult(
                    session_id=x.id,
                    participant_id=pid,
                    exercise_id=e.id,
                    level_id=e.levels[1].id,
                    pain=1,
                    easy=True,
                )
                for e in programme.exercises
            )
    start, last = day_of(exercise[0]), day_of(exercise[-1])
    add_measure(demo_db, eid, "psk", "intake", start - dt.timedelta(days=7), 6.0)
    add_measure(demo_db, eid, "psk", "mid", start + dt.timedelta(days=22), 4.0)
    add_measure(demo_db, eid, "nprs", "mid", start + dt.timedelta(days=22), 3)

    assert CourseFlagService(demo_db).for_enrollment(eid, last) == []
    levels = RecordingService(demo_db).current_levels(exercise[-1].id, pid)
    assert set(levels.values()) == {2}


def test_someone_who_stopped_is_left_out_but_stays_where_they_came(demo_db: Database) -> None:
    exercise = exercise_sessions(demo_db)
    fourth = exercise[3]
    pid = RecordingService(demo_db).present(fourth.id)[0]
    with demo_db.transaction() as s:
        enrollment = s.scalars(select(Enrollment).where(Enrollment.participant_id == pid)).one()
        enrollment.status = EnrollmentStatus.STOPPED.value
        eid = enrollment.id
    service = CourseFlagService(demo_db)
    assert pid not in service.for_group(GROUP, day_of(fourth))
    assert service.for_enrollment(eid, day_of(fourth)) == []
    assert pid in service.for_session(fourth.id, day_of(fourth))
    assert pid not in service.for_session(exercise[5].id, day_of(exercise[5]))


def test_a_session_still_to_come_shows_the_flags_as_they_are_today(demo_db: Database) -> None:
    exercise = exercise_sessions(demo_db)
    today = day_of(exercise[3])
    service = CourseFlagService(demo_db)
    assert service.for_session(exercise[-1].id, today) == service.for_group(GROUP, today)


# ---------------------------------------------------------------------- speed


def add_people(db: Database, count: int, sessions: list[SessionRow]) -> None:
    """`count` more members with something in every table the flags read."""
    key = ProgrammeService(db).current("nl").exercises[0]
    first = day_of(sessions[0])
    with db.transaction() as s:
        group = s.get(Group, GROUP)
        assert group is not None
        enrollments = [
            Enrollment(
                participant=Participant(first_name=f"Extra {n:02d}", last_name="Test"),
                group=group,
                status=EnrollmentStatus.ACTIVE.value,
            )
            for n in range(count)
        ]
        s.add_all(enrollments)
        s.flush()
        for e in enrollments:
            s.add(Appointment(enrollment_id=e.id, kind="intake", due_on=first))
            for x in sessions[:4]:
                s.add(Attendance(session_id=x.id, participant_id=e.participant_id))
                s.add(
                    ExerciseResult(
                        session_id=x.id,
                        participant_id=e.participant_id,
                        exercise_id=key.id,
                        level_id=key.levels[0].id,
                        pain=7,
                    )
                )
        added = [e.id for e in enrollments]
    for eid in added:
        add_measure(db, eid, "psk", "intake", first, 5.0)
        add_plan(db, eid, {first: 10, day_of(sessions[3]): 12})


def test_a_fixed_number_of_queries_however_big_the_group(demo_db: Database) -> None:
    exercise = exercise_sessions(demo_db)
    fourth, today = exercise[3], day_of(exercise[3])
    service = CourseFlagService(demo_db)

    def queries() -> tuple[int, int, int]:
        with counted_queries(demo_db) as group:
            service.for_group(GROUP, today)
        with counted_queries(demo_db) as session:
            service.for_session(fourth.id, today)
        with counted_queries(demo_db) as one:
            service.for_enrollment(enrollment_of(demo_db, 1), today)
        return len(group), len(session), len(one)

    small = queries()
    add_people(demo_db, 20, exercise)
    flags = service.for_group(GROUP, today)
    assert len(flags) == 30
    extra = flags[max(flags)]
    assert "pain_above_band" in {f.kind for f in extra}
    assert queries() == small
    assert max(small) <= 10
