"""Outcome measures against a real database: the demo (a group in its fourth week, intakes
done, no measurements yet), dated relative to today."""

from __future__ import annotations

import datetime as dt

import pytest

from rugschool.errors import NotFound, ValidationError
from rugschool.models import Database, EnrollmentStatus, Instrument, Moment
from rugschool.services.bundle import Services
from rugschool.services.groups import EnrollmentRow
from rugschool.services.measures import GroupChange, MeasureService, group_change
from rugschool.services.participants import ParticipantInput
from rugschool.services.scoring import OVERDUE_REACH, REPS, SECONDS, MomentStatus
from tests.conftest import clear_measures_and_tools
from tests.query_count import counted_queries

TODAY = dt.date.today()  # the demo is dated relative to today
INTAKE, MID, END = Moment.INTAKE, Moment.MID, Moment.END
NPRS, PSK, QBPDS = Instrument.NPRS, Instrument.PSK, Instrument.QBPDS
SIT_TO_STAND = Instrument.SIT_TO_STAND


@pytest.fixture
def measures(demo_db: Database) -> MeasureService:
    return MeasureService(demo_db)


def _group_id(services: Services) -> int:
    return services.groups.rows()[0].id


def _enrollments(services: Services) -> list[EnrollmentRow]:
    return services.groups.enrollments(_group_id(services))


def _first(services: Services) -> int:
    return _enrollments(services)[0].id  # Zoë de Vries


def _nprs(measures: MeasureService, eid: int, moment: Moment, back: int) -> None:
    measures.record(eid, NPRS, moment, {"back": back, "leg": 1}, TODAY)


# ---------------------------------------------------------------------- recording


@pytest.fixture
def demo_db(demo_db: Database) -> Database:
    """The demo without its measures and tools: these tests record their own."""
    clear_measures_and_tools(demo_db)
    return demo_db


def test_record_scores_and_stores(measures: MeasureService, services: Services) -> None:
    eid = _first(services)
    therapist = services.therapists.rows()[0].id
    answers = {"activities": [["walking  the dog", 7], ["gardening", 4]]}
    row = measures.record(eid, "psk", "intake", answers, TODAY, "  first time ", therapist)
    # (7 + 4) / 2 = 5.5
    assert (row.instrument, row.moment, row.score) == (PSK, INTAKE, 5.5)
    assert row.answers == {"activities": [["walking the dog", 7], ["gardening", 4]]}
    assert (row.notes, row.recorded_by_id, row.taken_on) == ("first time", therapist, TODAY)
    assert measures.for_enrollment(eid) == [row]


def test_recording_again_replaces_the_earlier_entry(
    measures: MeasureService, services: Services
) -> None:
    eid = _first(services)
    first = measures.record(eid, QBPDS, INTAKE, {"items": [2] * 20}, TODAY)  # 40
    later = TODAY + dt.timedelta(days=1)
    # Three items missing: no total.
    again = measures.record(eid, QBPDS, INTAKE, {"items": [2] * 17 + [None] * 3}, later)
    assert (first.score, again.score, again.id) == (40.0, None, first.id)
    assert measures.for_enrollment(eid) == [again]
    # The same instrument at another moment is another entry.
    measures.record(eid, QBPDS, END, {"items": [1] * 20}, later)
    assert [(r.moment, r.score) for r in measures.for_enrollment(eid)] == [
        (INTAKE, None),
        (END, 20.0),
    ]


def test_bad_answers_store_nothing(measures: MeasureService, services: Services) -> None:
    eid = _first(services)
    with pytest.raises(ValidationError):
        measures.record(eid, NPRS, INTAKE, {"back": 11}, TODAY)
    with pytest.raises(ValidationError):
        measures.record(eid, "sf36", INTAKE, {}, TODAY)
    with pytest.raises(ValidationError):
        measures.record(eid, NPRS, "week_9", {"back": 1}, TODAY)
    assert measures.for_enrollment(eid) == []


def test_remove_returns_what_was_there(measures: MeasureService, services: Services) -> None:
    eid = _first(services)
    stored = measures.record(eid, NPRS, MID, {"back": 4, "leg": None}, TODAY)
    assert measures.remove(eid, NPRS, MID) == stored
    assert measures.remove(eid, NPRS, MID) is None
    assert measures.for_enrollment(eid) == []


def test_unknown_ids_are_not_found(measures: MeasureService, services: Services) -> None:
    with pytest.raises(NotFound):
        measures.record(9999, NPRS, INTAKE, {"back": 1}, TODAY)
    with pytest.raises(NotFound):
        measures.record(_first(services), NPRS, INTAKE, {"back": 1}, TODAY, therapist_id=9999)
    with pytest.raises(NotFound):
        measures.remove(9999, NPRS, INTAKE)
    with pytest.raises(NotFound):
        measures.for_enrollment(9999)
    with pytest.raises(NotFound):
        measures.series(9999, NPRS)
    with pytest.raises(NotFound):
        measures.moments(9999, TODAY)
    with pytest.raises(NotFound):
        measures.group_changes(9999)


def test_series_is_in_moment_order(measures: MeasureService, services: Services) -> None:
    eid = _first(services)
    days = {INTAKE: TODAY - dt.timedelta(days=30), MID: TODAY, END: TODAY + dt.timedelta(60)}
    for moment, back in ((END, 2), (INTAKE, 7), (MID, 5)):  # entered out of order
        measures.record(eid, NPRS, moment, {"back": back}, days[moment])
    measures.record(eid, PSK, INTAKE, {"activities": [["walking", 8]]}, TODAY)
    assert measures.series(eid, "nprs") == [
        (INTAKE, days[INTAKE], 7.0),
        (MID, days[MID], 5.0),
        (END, days[END], 2.0),
    ]


# ---------------------------------------------------------------------- moments


def test_moments_of_a_demo_participant(measures: MeasureService, services: Services) -> None:
    eid = _first(services)
    appointments = {a.kind: a.due_on for a in services.schedule.appointments(eid)}
    exercise = [x for x in services.schedule.sessions(_group_id(services)) if x.kind == "exercise"]
    first = exercise[0].starts_at.date()
    rows = {r.moment: r for r in measures.moments(eid, TODAY)}
    assert list(rows) == list(Moment)
    assert rows[INTAKE].due_on == appointments["intake"]
    assert rows[END].due_on == appointments["final"]
    assert rows[Moment.FOLLOW_UP_12].due_on == appointments["follow_up_12"]
    # Mid-course: the Monday of the third week of their own course.
    assert rows[MID].due_on == first - dt.timedelta(days=first.weekday()) + dt.timedelta(14)
    # The demo is in its fourth week: the intake is weeks behind, halfway is now.
    statuses = [rows[m].status for m in (INTAKE, MID, END, Moment.FOLLOW_UP_3)]
    assert statuses == ["overdue", "due", "not_yet", "not_yet"]
    assert rows[MID].asked == (NPRS, PSK) == rows[MID].missing


def test_a_moment_is_done_when_all_it_asks_is_recorded(
    measures: MeasureService, services: Services
) -> None:
    eid = _first(services)
    _nprs(measures, eid, MID, 5)
    _nprs(measures, eid, INTAKE, 6)
    rows = {r.moment: r for r in measures.moments(eid, TODAY)}
    assert (rows[MID].status, rows[MID].done, rows[MID].missing) == ("due", (NPRS,), (PSK,))
    measures.record(eid, PSK, MID, {"activities": [["walking", 5]]}, TODAY)
    rows = {r.moment: r for r in measures.moments(eid, TODAY)}
    assert rows[MID].status == MomentStatus.DONE
    assert rows[INTAKE].status == MomentStatus.OVERDUE
    assert rows[INTAKE].done == (NPRS,)
    assert len(rows[INTAKE].missing) == len(Instrument) - 1


# ---------------------------------------------------------------------- the due list


def test_the_due_list_of_the_demo(measures: MeasureService, services: Services) -> None:
    due = measures.due(TODAY)
    # Ten people: each the intake (overdue) and halfway (due); the end is weeks away.
    assert len(due) == 20
    assert {(d.moment, d.status) for d in due} == {(INTAKE, "overdue"), (MID, "due")}
    assert [d.moment for d in due[:10]] == [INTAKE] * 10  # by due date
    zoe = next(d for d in due if d.name == "Zoë de Vries" and d.moment == MID)
    assert (zoe.group, zoe.missing) == ("Rugschool dinsdag en donderdag", (NPRS, PSK))
    assert zoe.due_on == measures.moments(zoe.enrollment_id, TODAY)[1].due_on
    # Halfway done for Zoë: her row goes; her intake now lacks one instrument less.
    _nprs(measures, zoe.enrollment_id, MID, 5)
    measures.record(zoe.enrollment_id, PSK, MID, {"activities": [["walking", 5]]}, TODAY)
    _nprs(measures, zoe.enrollment_id, INTAKE, 7)
    mine = [d for d in measures.due(TODAY) if d.enrollment_id == zoe.enrollment_id]
    assert [d.moment for d in mine] == [INTAKE]
    assert NPRS not in mine[0].missing and PSK in mine[0].missing
    # Looking further ahead brings the end of the course in.
    assert END in {d.moment for d in measures.due(TODAY, until_days=120)}


def test_the_due_list_leaves_out_stopped_and_waiting_people(
    measures: MeasureService, services: Services
) -> None:
    stopped, completed, *_ = _enrollments(services)
    services.groups.update_enrollment(stopped.id, status=EnrollmentStatus.STOPPED.value)
    services.groups.update_enrollment(completed.id, status=EnrollmentStatus.COMPLETED.value)
    person = services.participants.create(ParticipantInput("Wacht", "Lijst"))
    waiting, _over = services.groups.enroll(_group_id(services), person.id, waiting=True)
    services.schedule.plan_appointments(waiting)
    listed = {d.enrollment_id for d in measures.due(TODAY)}
    assert stopped.id not in listed and completed.id not in listed and waiting not in listed
    # Someone who completed the course still owes their follow-ups, and only those.
    follow_up = measures.moments(completed.id, TODAY)[3]
    assert follow_up.moment == Moment.FOLLOW_UP_3
    assert follow_up.due_on is not None
    later = [d for d in measures.due(follow_up.due_on) if d.enrollment_id == completed.id]
    assert [(d.moment, d.status) for d in later] == [(Moment.FOLLOW_UP_3, "due")]


def test_the_due_list_reaches_back_half_a_year(measures: MeasureService) -> None:
    intake = next(d for d in measures.due(TODAY) if d.moment == INTAKE)
    key = (intake.enrollment_id, INTAKE)
    last_day = intake.due_on + OVERDUE_REACH
    assert key in {(d.enrollment_id, d.moment) for d in measures.due(last_day)}
    gone = measures.due(last_day + dt.timedelta(days=1))
    assert key not in {(d.enrollment_id, d.moment) for d in gone}
    # Still there in the person's own moments, overdue.
    rows = {r.moment: r for r in measures.moments(intake.enrollment_id, last_day)}
    assert rows[INTAKE].status == MomentStatus.OVERDUE
    # A shorter reach leaves it out sooner.
    short = measures.due(TODAY, reach=dt.timedelta(days=1))
    assert key not in {(d.enrollment_id, d.moment) for d in short}


def test_the_due_list_takes_a_fixed_number_of_queries(
    demo_db: Database, measures: MeasureService, services: Services
) -> None:
    with counted_queries(demo_db) as small:
        measures.due(TODAY)
    group_id = _group_id(services)
    for n in range(5):
        person = services.participants.create(ParticipantInput("Extra", f"Persoon {n}"))
        eid, _over = services.groups.enroll(group_id, person.id)
        services.schedule.plan_appointments(eid)
        _nprs(measures, eid, INTAKE, n)
    with counted_queries(demo_db) as large:
        found = measures.due(TODAY)
    assert len(large) == len(small) == 5
    assert len({d.enrollment_id for d in found}) == 15


# ---------------------------------------------------------------------- the group


def test_group_changes_from_intake_to_end(measures: MeasureService, services: Services) -> None:
    a, b, c, d, *_ = (e.id for e in _enrollments(services))
    for eid, before, after in ((a, 6, 3), (b, 8, 6), (c, 5, 5)):
        _nprs(measures, eid, INTAKE, before)
        _nprs(measures, eid, END, after)
    _nprs(measures, d, INTAKE, 9)  # no end yet: left out
    stand = {a: (10, 14, REPS, REPS), b: (8, 12, REPS, REPS), c: (15, 12, SECONDS, SECONDS)}
    stand[d] = (9, 11, REPS, SECONDS)  # two units: no pair
    for eid, (before, after, unit, end_unit) in stand.items():
        measures.record(eid, SIT_TO_STAND, INTAKE, {"value": before, "unit": unit}, TODAY)
        measures.record(eid, SIT_TO_STAND, END, {"value": after, "unit": end_unit}, TODAY)
    measures.record(a, QBPDS, INTAKE, {"items": [3] * 20}, TODAY)
    measures.record(a, QBPDS, END, {"items": [3] * 17 + [None] * 3}, TODAY)  # no score
    changes = measures.group_changes(_group_id(services))
    assert set(changes) == {NPRS, SIT_TO_STAND}
    # NPRS: intake (6 + 8 + 5) / 3 = 6.33, end (3 + 6 + 5) / 3 = 4.67, change -1.67: better.
    nprs = changes[NPRS]
    assert (nprs.n, nprs.improved, nprs.unit) == (3, True, "")
    assert (nprs.mean_intake, nprs.mean_end) == pytest.approx((19 / 3, 14 / 3))
    assert nprs.mean_change == pytest.approx(-5 / 3)
    # Sit-to-stand in repetitions, the unit most use: (10 + 8) / 2 = 9 → (14 + 12) / 2 = 13.
    assert changes[SIT_TO_STAND] == GroupChange(2, 9.0, 13.0, 4.0, True, REPS)


def test_group_change_on_its_own() -> None:
    assert group_change(NPRS, []) is None
    # A tie in units: repetitions. (20 - 15) = +5 repetitions, better.
    tie = [(15.0, 20.0, REPS), (14.0, 11.0, SECONDS)]
    assert group_change(SIT_TO_STAND, tie) == GroupChange(1, 15.0, 20.0, 5.0, True, REPS)
    seconds = [(14.0, 11.0, SECONDS), (16.0, 12.0, SECONDS), (15.0, 20.0, REPS)]
    # (14 + 16) / 2 = 15 → (11 + 12) / 2 = 11.5: 3.5 seconds faster, better.
    assert group_change(SIT_TO_STAND, seconds) == GroupChange(2, 15.0, 11.5, -3.5, True, SECONDS)
    endurance = group_change(Instrument.FLEXOR_ENDURANCE, [(90.0, 60.0, "")])
    assert endurance == GroupChange(1, 90.0, 60.0, -30.0, False, "")
