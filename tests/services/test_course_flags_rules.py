"""The course-flag rules on their own, with hand-made courses and no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from rugschool.i18n import set_language
from rugschool.services import course_flags_rules as rules
from rugschool.services.course_flags_rules import (
    ActivityLog,
    Course,
    Due,
    Flag,
    Measure,
    Presence,
    SessionRecord,
)
from rugschool.services.progression import PainBands

START = dt.date(2026, 3, 3)  # a Tuesday: the first exercise session
THREE_WEEKS = START + dt.timedelta(weeks=3)
WEEK_FIVE = START + dt.timedelta(weeks=4)  # the first day after week 4


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def at(offset: int) -> dt.datetime:
    return dt.datetime.combine(day(offset), dt.time(19, 0))


def session(
    sid: int,
    offset: int,
    presence: Presence = "present",
    pain: int | None = None,
    settled: bool | None = None,
    kind: str = "exercise",
    catch_up: bool = False,
) -> SessionRecord:
    return SessionRecord(
        sid, at(offset), kind, presence, settled, pain, catch_up, presence != "not_recorded"
    )


def course(**fields: object) -> Course:
    base = Course(enrollment_id=7, participant_id=3, status="active", start=START)
    return replace(base, **fields)  # type: ignore[arg-type]


def psk(moment: str, offset: int, score: float | None) -> Measure:
    return Measure("psk", moment, day(offset), score)


def kinds(flags: list[Flag]) -> list[str]:
    return [f.kind for f in flags]


# ---------------------------------------------------------------------- deviating course

STUCK = (psk("intake", -7, 6.0), psk("mid", 21, 6.0))


def test_a_psk_that_has_not_gone_down_three_weeks_in_is_a_deviating_course() -> None:
    flag = rules.deviating_course(course(measures=STUCK), THREE_WEEKS)
    assert flag is not None
    assert (flag.kind, flag.arose_on, flag.session_id) == ("deviating_course", THREE_WEEKS, None)
    assert flag.scores == (6.0, 6.0)
    assert flag.days == (day(-7), THREE_WEEKS)
    assert not flag.activity_checked
    worse = (psk("intake", -7, 5.0), psk("mid", 24, 7.5))
    assert rules.deviating_course(course(measures=worse), day(30)) is not None


def test_a_lower_psk_is_better_and_raises_nothing() -> None:
    better = (psk("intake", -7, 6.0), psk("mid", 21, 5.9))
    assert rules.deviating_course(course(measures=better), day(40)) is None


def test_exactly_three_weeks_counts_a_day_less_does_not() -> None:
    early = (psk("intake", -7, 6.0), psk("mid", 20, 6.0))
    assert rules.deviating_course(course(measures=early), day(40)) is None
    assert rules.deviating_course(course(measures=STUCK), THREE_WEEKS) is not None
    assert rules.deviating_course(course(measures=STUCK), THREE_WEEKS - dt.timedelta(1)) is None


def test_the_latest_psk_three_weeks_in_decides() -> None:
    recovered = (*STUCK, psk("end", 56, 3.0))
    assert rules.deviating_course(course(measures=recovered), day(60)) is None
    relapsed = (psk("intake", -7, 6.0), psk("mid", 21, 4.0), psk("end", 56, 6.0))
    flag = rules.deviating_course(course(measures=relapsed), day(60))
    assert flag is not None and flag.arose_on == day(56) and flag.scores == (6.0, 6.0)


@pytest.mark.parametrize(
    "measures",
    [
        (),  # nothing measured
        (psk("mid", 21, 6.0),),  # no intake
        (psk("intake", -7, None), psk("mid", 21, 6.0)),  # intake not scored
        (psk("intake", -7, 6.0),),  # nothing three weeks in: the overdue flag asks for it
        (psk("intake", -7, 6.0), psk("mid", 22, None)),  # not scored
        (Measure("nprs", "intake", day(-7), 6), Measure("nprs", "mid", day(21), 6)),  # not PSK
    ],
)
def test_no_deviating_course_without_two_psk_scores_to_compare(
    measures: tuple[Measure, ...],
) -> None:
    assert rules.deviating_course(course(measures=measures), day(60)) is None


def test_no_deviating_course_without_a_course_start() -> None:
    assert rules.deviating_course(course(start=None, measures=STUCK), day(60)) is None


def log(plan: int, offset: int, amount: float) -> ActivityLog:
    return ActivityLog(plan, day(offset), amount)


def test_graded_activity_that_rose_means_activities_did_increase() -> None:
    rising = (log(1, 0, 20), log(1, 2, 20), log(1, 8, 24), log(1, 15, 28), log(1, 18, 28))
    assert rules.deviating_course(course(measures=STUCK, plans=(1,), logs=rising), day(30)) is None


@pytest.mark.parametrize(
    "logs",
    [
        (),  # a plan and no logs: nothing shows a rise
        (log(1, 0, 20), log(1, 3, 25)),  # one week only
        (log(1, 0, 20), log(1, 15, 20)),  # flat
        (log(1, 0, 20), log(1, 1, 30), log(1, 15, 24)),  # week means 25 then 24: down
        (log(1, 0, 20), log(1, 21, 40)),  # day 21 is past the first three weeks
        (log(1, -3, 10), log(1, 0, 20)),  # before the course start does not count
    ],
)
def test_graded_activity_that_did_not_rise_adds_to_the_flag(logs: tuple[ActivityLog, ...]) -> None:
    flag = rules.deviating_course(course(measures=STUCK, plans=(1,), logs=logs), day(30))
    assert flag is not None and flag.activity_checked


def test_one_plan_that_rose_is_enough() -> None:
    logs = (log(1, 0, 20), log(1, 15, 20), log(2, 1, 1000), log(2, 16, 1200))
    assert rules.deviating_course(course(measures=STUCK, plans=(1, 2), logs=logs), day(30)) is None


def test_activity_rose_compares_the_means_of_the_earliest_and_latest_weeks() -> None:
    assert rules.activity_rose([log(1, 0, 10), log(1, 9, 11)], START)
    assert not rules.activity_rose([log(1, 0, 10), log(1, 6, 30), log(1, 9, 19)], START)
    assert not rules.activity_rose([], START)


def test_a_psk_that_improved_outweighs_graded_activity_that_did_not() -> None:
    better = (psk("intake", -7, 6.0), psk("mid", 21, 4.0))
    flat = (log(1, 0, 20), log(1, 15, 20))
    assert rules.deviating_course(course(measures=better, plans=(1,), logs=flat), day(30)) is None


# ---------------------------------------------------------------------- pain above the band


def test_pain_above_the_band_in_two_sessions_in_a_row() -> None:
    sessions = (session(1, 0, pain=4), session(2, 2, pain=6), session(3, 7, pain=8))
    flag = rules.pain_above_band(course(sessions=sessions))
    assert flag is not None
    assert (flag.kind, flag.arose_on, flag.session_id) == ("pain_above_band", day(7), 3)
    assert (flag.days, flag.scores, flag.limit) == ((day(2), day(7)), (6.0, 8.0), 5)


def test_pain_at_the_top_of_the_acceptable_band_is_not_above_it() -> None:
    sessions = (session(1, 0, pain=6), session(2, 2, pain=5), session(3, 7, pain=6))
    assert rules.pain_above_band(course(sessions=sessions)) is None


def test_a_session_without_pain_scored_neither_breaks_nor_makes_a_run() -> None:
    sessions = (
        session(1, 0, pain=7),
        session(2, 2, pain=None),
        session(3, 5, "absent"),
        session(4, 7, pain=6),
    )
    flag = rules.pain_above_band(course(sessions=sessions))
    assert flag is not None and flag.session_id == 4 and flag.days == (day(0), day(7))
    assert rules.pain_above_band(course(sessions=sessions[:3])) is None


def test_the_latest_run_of_high_pain_is_the_one_flagged() -> None:
    pains = [6, 7, 2, 3, 9, 6, 8]
    sessions = tuple(session(n, 2 * n, pain=p) for n, p in enumerate(pains, start=1))
    flag = rules.pain_above_band(course(sessions=sessions))
    assert flag is not None and flag.session_id == 7 and flag.scores == (6.0, 8.0)


def test_pain_is_read_against_the_bands_in_use() -> None:
    sessions = (session(1, 0, pain=5), session(2, 2, pain=5))
    assert rules.pain_above_band(course(sessions=sessions)) is None
    flag = rules.pain_above_band(course(sessions=sessions), PainBands(2, 4))
    assert flag is not None and flag.limit == 4


# ---------------------------------------------------------------------- pain not settled


def test_pain_not_settled_twice_need_not_be_in_a_row() -> None:
    sessions = (
        session(1, 0, settled=None),
        session(2, 2, settled=False),
        session(3, 7, settled=True),
        session(4, 9, settled=None),
        session(5, 14, settled=False),
        session(6, 16, settled=True),
    )
    flag = rules.pain_not_settled(course(sessions=sessions))
    assert flag is not None
    assert (flag.kind, flag.arose_on, flag.session_id) == ("pain_not_settled", day(14), 5)
    assert flag.days == (day(2), day(14))
    assert rules.pain_not_settled(course(sessions=sessions[:4])) is None


def test_only_answers_given_while_present_count() -> None:
    sessions = (session(1, 0, settled=False), session(2, 2, "absent", settled=False))
    assert rules.pain_not_settled(course(sessions=sessions)) is None


def test_every_time_pain_did_not_settle_is_named() -> None:
    sessions = tuple(session(n, 2 * n, settled=False) for n in range(1, 4))
    flag = rules.pain_not_settled(course(sessions=sessions))
    assert flag is not None and len(flag.days) == 3 and flag.session_id == 3


# ---------------------------------------------------------------------- absent twice


def test_absent_twice_in_a_row() -> None:
    sessions = (
        session(1, 0, kind="education"),
        session(2, 2, "absent", kind="education"),
        session(3, 7, "absent"),
        session(4, 9),
    )
    flag = rules.absent_twice(course(sessions=sessions))
    assert flag is not None
    assert (flag.kind, flag.arose_on, flag.session_id) == ("absent_twice", day(7), 3)
    assert flag.days == (day(2), day(7))


@pytest.mark.parametrize(
    "between",
    [
        session(2, 4),  # came
        session(2, 4, catch_up=True),  # made one up in another group
        session(2, 4, "not_recorded"),  # nobody checked in: not known
    ],
)
def test_a_session_between_two_absences_breaks_the_run(between: SessionRecord) -> None:
    sessions = (session(1, 2, "absent"), between, session(3, 7, "absent"))
    assert rules.absent_twice(course(sessions=sessions)) is None


# ---------------------------------------------------------------------- measures overdue

INTAKE_DUE = day(-7)


def test_an_appointment_is_overdue_fourteen_days_after_it_was_due() -> None:
    dues = (Due("intake", INTAKE_DUE, None),)
    assert rules.overdue_measures(course(appointments=dues), INTAKE_DUE + dt.timedelta(14)) == []
    [flag] = rules.overdue_measures(course(appointments=dues), INTAKE_DUE + dt.timedelta(15))
    assert (flag.kind, flag.measure, flag.session_id) == ("measure_overdue", "intake", None)
    assert (flag.arose_on, flag.days) == (INTAKE_DUE + dt.timedelta(15), (INTAKE_DUE,))


def test_an_appointment_done_is_not_overdue_nor_one_done_late() -> None:
    dues = (
        Due("intake", INTAKE_DUE, INTAKE_DUE),
        Due("final", day(60), day(90)),
        Due("follow_up_3", day(150), None),
    )
    assert rules.overdue_measures(course(start=None, appointments=dues), day(100)) == []


def test_the_mid_course_measures_are_due_by_the_end_of_week_four() -> None:
    last_day = WEEK_FIVE - dt.timedelta(days=1)
    assert rules.overdue_measures(course(), last_day) == []
    flags = rules.overdue_measures(course(), WEEK_FIVE)
    assert [(f.measure, f.arose_on, f.days) for f in flags] == [
        ("psk", WEEK_FIVE, (last_day,)),
        ("nprs", WEEK_FIVE, (last_day,)),
    ]


def test_a_mid_course_measure_recorded_even_late_is_no_longer_overdue() -> None:
    recorded = (psk("mid", 30, 4.0),)
    assert [f.measure for f in rules.overdue_measures(course(measures=recorded), day(40))] == [
        "nprs"
    ]
    ended = (Measure("nprs", "end", day(56), 2), psk("end", 56, 2.0))
    assert rules.overdue_measures(course(measures=ended), day(60)) == []


def test_no_mid_course_measure_is_due_without_a_course_start() -> None:
    assert rules.overdue_measures(course(start=None), day(100)) == []


# ---------------------------------------------------------------------- together


def test_a_quiet_course_raises_nothing() -> None:
    """Sixteen sessions all present, low pain, pain settled, measures on time. No rule reads
    levels, so a level kept the same to the end cannot raise a flag either (the service
    tests show it with levels recorded)."""
    sessions = tuple(
        session(n, 3 * n, pain=2, settled=True if n > 1 else None) for n in range(1, 17)
    )
    measures = (
        psk("intake", -7, 6.0),
        psk("mid", 24, 4.0),
        Measure("nprs", "mid", day(24), 3),
        psk("end", 55, 3.0),
    )
    dues = (Due("intake", day(-7), day(-7)), Due("final", day(55), None))
    quiet = course(sessions=sessions, measures=measures, appointments=dues)
    assert rules.course_flags(quiet, day(60)) == []


def test_flags_come_in_a_fixed_order_and_only_from_what_was_known() -> None:
    sessions = (
        session(1, 0, "absent"),
        session(2, 2, "absent"),
        session(3, 7, pain=7, settled=False),
        session(4, 9, pain=8, settled=False),
        session(5, 40, pain=9, settled=False),
    )
    messy = course(sessions=sessions, measures=STUCK)
    found = rules.course_flags(messy, day(30))
    assert kinds(found) == [
        "deviating_course",
        "pain_above_band",
        "pain_not_settled",
        "absent_twice",
        "measure_overdue",  # the NPRS: the PSK was taken
    ]
    assert found[1].session_id == 4 and found[2].days == (day(7), day(9))  # not session 5
    until_two = rules.course_flags(messy, day(30), until=at(2))
    assert kinds(until_two) == ["deviating_course", "absent_twice", "measure_overdue"]
    # On the day of session 2, the PSK of day 21 was not yet taken.
    assert kinds(rules.course_flags(messy, day(2))) == ["absent_twice"]


def test_as_of_forgets_what_was_done_later() -> None:
    dues = (Due("intake", INTAKE_DUE, day(30)),)
    logs = (log(1, 0, 20), log(1, 40, 40))
    later = rules.as_of(course(appointments=dues, logs=logs, measures=STUCK), day(20))
    assert later.appointments == (Due("intake", INTAKE_DUE, None),)
    assert later.logs == (log(1, 0, 20),)
    assert later.measures == STUCK[:1]


# ---------------------------------------------------------------------- what the therapist reads


def test_every_flag_has_a_title_and_a_one_sentence_explanation() -> None:
    set_language("en")
    flags = [
        Flag("deviating_course", day(21), days=(day(-7), day(21)), scores=(6.0, 6.5)),
        Flag(
            "deviating_course",
            day(21),
            days=(day(-7), day(21)),
            scores=(6.0, 6.0),
            activity_checked=True,
        ),
        Flag("pain_above_band", day(9), 4, (day(7), day(9)), (6.0, 8.0), limit=5),
        Flag("pain_not_settled", day(9), 4, (day(2), day(7), day(9))),
        Flag("absent_twice", day(9), 4, (day(7), day(9))),
        Flag("measure_overdue", day(8), days=(day(-7),), measure="intake"),
        Flag("measure_overdue", WEEK_FIVE, days=(day(27),), measure="psk"),
    ]
    texts = [(f.title, f.explanation) for f in flags]
    assert texts[0][0] == "Deviating course: consult the referrer"
    assert "(6 then, 6.5 on 24-03-2026)" in texts[0][1] and "referrer" in texts[0][1]
    assert "graded activity" in texts[1][1] and "graded activity" not in texts[0][1]
    assert "above 5" in texts[2][1] and "8 on 12-03-2026" in texts[2][1]
    assert texts[3][1].startswith("3 times")
    assert "10-03-2026 and 12-03-2026" in texts[4][1]
    assert texts[5][1].startswith("Intake was due on 24-02-2026")
    assert "mid-course PSK" in texts[6][1] and "30-03-2026" in texts[6][1]
    for title, explanation in texts:
        assert title and explanation.endswith(".") and explanation.count(". ") == 0


def test_dutch_scores_are_written_with_a_decimal_comma() -> None:
    flag = Flag("deviating_course", day(21), days=(day(-7), day(21)), scores=(6.0, 6.5))
    assert "6,5" in flag.explanation
