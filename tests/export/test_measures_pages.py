"""The outcome measures of the reports: the rows of the end report (pure), their numbers in
words, and what the services read for the end and the group report."""

from __future__ import annotations

import datetime as dt

from rugschool.export.measures_pages import (
    MINUS,
    change_text,
    count_text,
    moment_short,
    number_text,
    percent_text,
)
from rugschool.i18n import set_language
from rugschool.models import Database, Instrument, Moment
from rugschool.services.bundle import Services
from rugschool.services.course_report import end_report_data, group_report_data
from rugschool.services.course_report_rules import BACK, LEG, Measured, measure_lines
from rugschool.services.groups import GroupInput
from rugschool.services.measures import GroupChange, MeasureService
from rugschool.services.scoring import SECONDS, Change
from tests.query_count import counted_queries

NPRS, PSK, QBPDS = Instrument.NPRS, Instrument.PSK, Instrument.QBPDS
INTAKE, MID, END = Moment.INTAKE, Moment.MID, Moment.END
DAY = dt.date(2026, 9, 1)


def _m(x: Instrument, moment: Moment, score: float | None, **answers: object) -> Measured:
    return Measured(x, moment, score, dict(answers))


def _psk(moment: Moment, *scores: int) -> Measured:
    names = ("Tuinieren & <bukken>", "Fietsen", "Sokken aantrekken")
    activities = [[name, score] for name, score in zip(names, scores, strict=False)]
    return _m(PSK, moment, sum(scores) / len(scores), activities=activities)


# ---------------------------------------------------------------------- the rows (pure)


def test_rows_in_the_reports_order_with_back_and_leg_pain() -> None:
    lines = measure_lines(
        [
            _m(NPRS, END, 3, back=3, leg=2),
            _m(Instrument.ODI, INTAKE, 34, total=34),
            _m(NPRS, INTAKE, 7, back=7, leg=4),
            _m(QBPDS, INTAKE, 59, items=[]),
            _m(QBPDS, END, 39, items=[]),
            _psk(INTAKE, 8, 6, 7),
            _psk(END, 4, 3, 5),
        ]
    )
    rows = [(line.instrument, line.part) for line in lines]
    assert rows == [(PSK, ""), (QBPDS, ""), (NPRS, BACK), (NPRS, LEG), (Instrument.ODI, "")]
    psk, qbpds, back, leg, odi = lines
    assert (psk.intake, psk.latest, psk.change) == (7, 4, Change(-3, True))
    assert psk.activities == ("Tuinieren & <bukken>", "Fietsen", "Sokken aantrekken")
    assert (qbpds.intake, qbpds.latest, qbpds.latest_moment) == (59, 39, END)
    assert (back.intake, back.latest, back.change) == (7, 3, Change(-4, True))
    assert (leg.intake, leg.latest, leg.change) == (4, 2, Change(-2, True))
    assert (odi.intake, odi.latest, odi.latest_moment, odi.change) == (34, None, None, None)
    assert back.points == ((INTAKE, 7), (END, 3))


def test_without_an_end_the_latest_moment_after_the_intake_counts() -> None:
    lines = measure_lines(
        [
            _m(NPRS, INTAKE, 6, back=6, leg=None),
            _m(NPRS, MID, 7, back=7, leg=None),
            _m(QBPDS, END, None, items=[None] * 20),  # too much missing: no score
            _m(QBPDS, INTAKE, 40, items=[2] * 20),
            _m(QBPDS, MID, 30, items=[]),
        ]
    )
    assert [(line.instrument, line.part) for line in lines] == [(QBPDS, ""), (NPRS, BACK)]
    qbpds, back = lines
    assert (qbpds.latest, qbpds.latest_moment, qbpds.change) == (30, MID, Change(-10, True))
    assert (back.latest, back.latest_moment, back.change) == (7, MID, Change(1, False))


def test_tests_where_higher_is_better_and_two_units() -> None:
    lines = measure_lines(
        [
            _m(Instrument.EXTENSOR_ENDURANCE, INTAKE, 45, value=45),
            _m(Instrument.EXTENSOR_ENDURANCE, END, 80, value=80),
            _m(Instrument.SIT_TO_STAND, INTAKE, 11, value=11, unit="reps"),
            _m(Instrument.SIT_TO_STAND, END, 9.5, value=9.5, unit=SECONDS),
            _m(Instrument.FABQ_PA, INTAKE, 12, total=12),
            _m(Instrument.FABQ_PA, END, 12, total=12),
        ]
    )
    fabq, endurance, sit = lines
    assert endurance.change == Change(35, True)
    assert fabq.change == Change(0, None)
    # Repetitions at the intake, seconds at the end: the two cannot be compared.
    assert (sit.intake, sit.latest, sit.change) == (11, 9.5, None)
    assert (sit.intake_unit, sit.unit) == ("reps", SECONDS)


def test_nothing_measured_gives_no_rows() -> None:
    assert measure_lines([]) == ()
    assert measure_lines([_m(QBPDS, INTAKE, None, items=[None] * 20)]) == ()


# ---------------------------------------------------------------------- numbers in words


def test_numbers_and_changes_in_words() -> None:
    set_language("en")
    assert number_text(7.0) == "7"
    assert number_text(6.333) == "6.3"
    assert number_text(-1.2) == f"{MINUS}1.2"
    assert number_text(-0.04) == "0"
    assert change_text(Change(-3, True)) == f"{MINUS}3 (better)"
    assert change_text(Change(1.5, False)) == "+1.5 (worse)"
    assert change_text(Change(0, None)) == "0 (no change)"
    assert change_text(GroupChange(7, 6.9, 4.3, -2.6, True)) == f"{MINUS}2.6 (better)"
    assert change_text(None) == "\N{EN DASH}"
    assert count_text(1730) == "1,730"
    assert percent_text(5, 10) == "50%"
    assert moment_short(Moment.FOLLOW_UP_6) == "6 months"


def test_dutch_numbers_have_a_decimal_comma() -> None:
    assert number_text(-6.5) == f"{MINUS}6,5"
    assert count_text(1730) == "1.730"


# ---------------------------------------------------------------------- what is read


def _group_id(services: Services) -> int:
    return services.groups.rows()[0].id


def _clear(services: Services, group_id: int) -> None:
    """The demo's own measures away: these tests record their own."""
    measures = MeasureService(services.db)
    for e in services.groups.enrollments(group_id):
        for row in measures.for_enrollment(e.id):
            measures.remove(e.id, row.instrument, row.moment)


def _record(services: Services, enrollment_id: int, moment: Moment, back: int, leg: int) -> None:
    measures = MeasureService(services.db)
    measures.record(enrollment_id, NPRS, moment, {"back": back, "leg": leg}, DAY)
    activities = [["Tuinieren", 8 if moment is INTAKE else 4], ["Fietsen", 6]]
    measures.record(enrollment_id, PSK, moment, {"activities": activities}, DAY)
    items = [3 if moment is INTAKE else 1] * 20
    measures.record(enrollment_id, QBPDS, moment, {"items": items}, DAY)


def test_end_report_data_reads_the_measures(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    _clear(services, group_id)
    enrollment = services.groups.enrollments(group_id)[0]
    pid = enrollment.participant_id
    assert end_report_data(demo_db, pid, group_id).measures == ()
    with counted_queries(demo_db) as before:
        end_report_data(demo_db, pid, group_id)
    _record(services, enrollment.id, INTAKE, 7, 3)
    _record(services, enrollment.id, END, 3, 1)
    with counted_queries(demo_db) as after:
        data = end_report_data(demo_db, pid, group_id)
    assert len(after) == len(before)  # one query for the measures, however many
    by_row = {(line.instrument, line.part): line for line in data.measures}
    assert list(by_row) == [(PSK, ""), (QBPDS, ""), (NPRS, BACK), (NPRS, LEG)]
    assert (by_row[(NPRS, BACK)].intake, by_row[(NPRS, BACK)].latest) == (7, 3)
    assert (by_row[(NPRS, LEG)].intake, by_row[(NPRS, LEG)].latest) == (3, 1)
    assert (by_row[(QBPDS, "")].intake, by_row[(QBPDS, "")].latest) == (60, 20)
    assert by_row[(PSK, "")].change == Change(-2, True)
    assert by_row[(PSK, "")].activities == ("Tuinieren", "Fietsen")


def test_group_report_data_reuses_the_group_changes(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    _clear(services, group_id)
    assert group_report_data(demo_db, group_id).outcomes == ()
    people = services.groups.enrollments(group_id)
    for n, e in enumerate(people[:4]):
        _record(services, e.id, INTAKE, 6 + n % 2, 2)
        _record(services, e.id, END, 4, 2)
    data = group_report_data(demo_db, group_id)
    changes = MeasureService(demo_db).group_changes(group_id)
    assert data.outcomes == tuple(changes.items())
    outcomes = dict(data.outcomes)
    assert outcomes[NPRS] == GroupChange(4, 6.5, 4.0, -2.5, True)
    assert outcomes[QBPDS].n == 4


def test_attendance_share_counts_most_sessions(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    share = group_report_data(demo_db, group_id).attendance_share
    assert share is not None
    assert (share.people, share.most, share.sessions, share.finished) == (10, 0, 16, False)
    people = [e.participant_id for e in services.groups.enrollments(group_id)]
    sessions = [x for x in services.schedule.sessions(group_id) if x.kind == "exercise"]
    recording = services.recording()
    for x in sessions[4:]:  # the demo records 1 to 4
        for pid in people[:3]:
            recording.check_in(x.id, pid)
        recording.check_in(x.id, people[3], present=x.number < 9)  # 8 of 16: not most
    # One more for the fourth person, made up in another group, makes it 9 of 16.
    other = services.groups.create(GroupInput(name="Donderdag", start_date=DAY))
    services.schedule.create_sessions(other.id)
    visit = next(x for x in services.schedule.sessions(other.id) if x.kind == "exercise")
    share = group_report_data(demo_db, group_id).attendance_share
    assert share is not None and share.most == 3
    recording.check_in(visit.id, people[3], catch_up=True)
    share = group_report_data(demo_db, group_id).attendance_share
    assert share is not None and share.most == 4


def test_group_report_queries_stay_fixed(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    with counted_queries(demo_db) as small:
        group_report_data(demo_db, group_id)
    for e in services.groups.enrollments(group_id):
        _record(services, e.id, INTAKE, 6, 2)
        _record(services, e.id, END, 4, 1)
    with counted_queries(demo_db) as big:
        group_report_data(demo_db, group_id)
    assert len(big) == len(small) <= 10
