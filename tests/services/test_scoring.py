"""The scoring rules on their own, without a database: every instrument against examples
worked out by hand, the direction of a change, and the moments with their due window."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugschool.errors import ValidationError
from rugschool.i18n import set_language
from rugschool.models import Instrument, Moment
from rugschool.services import scoring
from rugschool.services.scoring import (
    ASKED,
    REPS,
    SECONDS,
    Change,
    MomentStatus,
    assess,
    change,
    moment_status,
    score,
)

I_ = Instrument  # short: the tables below read better

# ---------------------------------------------------------------------- NPRS


def test_nprs_scores_the_back_pain_and_keeps_the_leg() -> None:
    assessed = assess(I_.NPRS, {"back": 6, "leg": 2})
    assert assessed.score == 6.0
    assert assessed.answers == {"back": 6, "leg": 2}
    # Leg pain may be left out (not asked): kept as None. 7.0 from a JSON file counts as 7.
    assert assess("nprs", {"back": 7.0}).answers == {"back": 7, "leg": None}
    assert score(I_.NPRS, {"back": 0, "leg": 10}) == 0.0


@pytest.mark.parametrize(
    "answers",
    [
        {"back": 11, "leg": 0},
        {"back": -1, "leg": 0},
        {"back": 5.5, "leg": 0},
        {"back": True, "leg": 0},
        {"back": "5", "leg": 0},
        {"back": math.nan},
        {"leg": 3},
        {"back": 5, "leg": 11},
    ],
)
def test_nprs_refuses_what_is_not_0_to_10(answers: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        score(I_.NPRS, answers)


# ---------------------------------------------------------------------- PSK


def test_psk_scores_the_mean_of_the_scored_activities() -> None:
    # (7 + 4 + 8) / 3 = 19 / 3 = 6.33...
    activities = [["walking the dog", 7], ["gardening", 4], ["lifting a child", 8]]
    assert score(I_.PSK, {"activities": activities}) == pytest.approx(19 / 3)
    # One named but not scored this time: the mean of the other, 7.
    assert score(I_.PSK, {"activities": [["walking", 7], ["cycling", None]]}) == 7.0
    # None scored: no score.
    assert score(I_.PSK, {"activities": [["walking", None]]}) is None


def test_psk_tidies_the_names() -> None:
    assessed = assess(I_.PSK, {"activities": [("  walk   the dog ", 3)]})
    assert assessed.answers == {"activities": [["walk the dog", 3]]}
    assert assessed.score == 3.0


@pytest.mark.parametrize(
    "activities",
    [
        [],
        [["a", 1], ["b", 1], ["c", 1], ["d", 1]],
        [["", 5]],
        [["   ", 5]],
        [[None, 5]],
        [["walking", 11]],
        [["walking", -1]],
        [["walking", 6.5]],
        [["Walking", 5], ["walking ", 6]],
        [["walking", 5, "extra"]],
        ["walking"],
        "walking",
        None,
    ],
)
def test_psk_refuses_bad_activities(activities: object) -> None:
    with pytest.raises(ValidationError):
        score(I_.PSK, {"activities": activities})


# ---------------------------------------------------------------------- QBPDS


def test_qbpds_totals_all_20_items() -> None:
    # 0+1+2+3+4+5 = 15, three times = 45, plus 2 + 3 = 50.
    items = [0, 1, 2, 3, 4, 5] * 3 + [2, 3]
    assert score(I_.QBPDS, {"items": items}) == 50.0
    assert score(I_.QBPDS, {"items": [5] * 20}) == 100.0
    assert score(I_.QBPDS, {"items": [0] * 20}) == 0.0


def test_qbpds_prorates_one_or_two_missing_items() -> None:
    # One missing: 19 answered. 10 × 5 = 50; 50 × 20 / 19 = 52.63 → 53.
    assert score(I_.QBPDS, {"items": [5] * 10 + [0] * 9 + [None]}) == 53.0
    # 19 × 2 = 38; 38 × 20 / 19 = 40 exactly.
    assert score(I_.QBPDS, {"items": [2] * 19 + [None]}) == 40.0
    # Two missing: 18 answered. 17 × 1 + 2 = 19; 19 × 20 / 18 = 21.11 → 21.
    assert score(I_.QBPDS, {"items": [1] * 17 + [2, None, None]}) == 21.0
    # 18 × 3 = 54; 54 × 20 / 18 = 60 exactly.
    assert score(I_.QBPDS, {"items": [None, 3, None, *[3] * 17]}) == 60.0


def test_qbpds_has_no_total_with_three_items_missing() -> None:
    assessed = assess(I_.QBPDS, {"items": [4] * 17 + [None] * 3})
    assert assessed.score is None
    assert assessed.answers == {"items": [4] * 17 + [None] * 3}  # kept as entered


@pytest.mark.parametrize(
    "items", [[1] * 19, [1] * 21, [1] * 19 + [6], [1] * 19 + [-1], [1] * 19 + [2.5], "1" * 20]
)
def test_qbpds_refuses_bad_items(items: object) -> None:
    with pytest.raises(ValidationError):
        score(I_.QBPDS, {"items": items})


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=20, max_size=20))
def test_qbpds_total_is_0_to_100_or_none_with_three_missing(items: list[int | None]) -> None:
    total = score(I_.QBPDS, {"items": items})
    missing = items.count(None)
    if missing > 2:
        assert total is None
    else:
        assert total is not None and 0 <= total <= 100 and total.is_integer()
        if missing == 0:
            assert total == sum(i for i in items if i is not None)


# ---------------------------------------------------------------------- totals and tests


def test_odi_and_fabq_take_the_total_only() -> None:
    assert score(I_.ODI, {"total": 42}) == 42.0
    assert score(I_.ODI, {"total": 42.2}) == 42.2  # a percentage with items left out
    assert score(I_.FABQ_PA, {"total": 24}) == 24.0
    assert assess(I_.FABQ_PA, {"total": 0}).answers == {"total": 0}


@pytest.mark.parametrize(
    ("instrument", "total"),
    [(I_.ODI, 101), (I_.ODI, -1), (I_.ODI, None), (I_.FABQ_PA, 25), (I_.FABQ_PA, 12.5)],
)
def test_odi_and_fabq_refuse_totals_out_of_range(instrument: Instrument, total: object) -> None:
    with pytest.raises(ValidationError):
        score(instrument, {"total": total})


def test_the_clinicians_tests_score_their_value() -> None:
    assert score(I_.FORWARD_BEND, {"value": 12.5}) == 12.5
    assert score(I_.FORWARD_BEND, {"value": 0}) == 0.0  # fingertips on the floor
    assert score(I_.EXTENSOR_ENDURANCE, {"value": 95}) == 95.0
    assert score(I_.FLEXOR_ENDURANCE, {"value": 600}) == 600.0
    reps = assess(I_.SIT_TO_STAND, {"value": 12, "unit": REPS})
    assert (reps.score, reps.answers) == (12.0, {"value": 12, "unit": "reps"})
    assert score(I_.SIT_TO_STAND, {"value": 11.4, "unit": SECONDS}) == 11.4


@pytest.mark.parametrize(
    ("instrument", "answers"),
    [
        (I_.FORWARD_BEND, {"value": -1}),
        (I_.FORWARD_BEND, {"value": 101}),
        (I_.EXTENSOR_ENDURANCE, {"value": 601}),
        (I_.FLEXOR_ENDURANCE, {"value": -0.5}),
        (I_.FLEXOR_ENDURANCE, {"value": math.inf}),
        (I_.SIT_TO_STAND, {"value": 12, "unit": "minutes"}),
        (I_.SIT_TO_STAND, {"value": 12}),
        (I_.SIT_TO_STAND, {"value": 12.5, "unit": REPS}),
        (I_.SIT_TO_STAND, {"value": 61, "unit": REPS}),
        (I_.SIT_TO_STAND, {"value": 0, "unit": SECONDS}),
    ],
)
def test_the_tests_refuse_values_out_of_range(
    instrument: Instrument, answers: dict[str, object]
) -> None:
    with pytest.raises(ValidationError):
        score(instrument, answers)


def test_an_unknown_instrument_or_moment_is_a_clear_user_error() -> None:
    set_language("en")
    with pytest.raises(ValidationError, match="There is no measure sf36"):
        score("sf36", {})
    with pytest.raises(ValidationError, match="There is no measuring moment week_9"):
        scoring.moment_of("week_9")
    with pytest.raises(ValidationError, match="from 0 to 10"):
        score(I_.NPRS, {"back": 12})


# ---------------------------------------------------------------------- change


@pytest.mark.parametrize(
    ("instrument", "before", "after", "unit", "expected"),
    [
        (I_.NPRS, 6, 4, REPS, Change(-2, True)),  # less pain
        (I_.NPRS, 4, 6, REPS, Change(2, False)),
        (I_.PSK, 7, 3.5, REPS, Change(-3.5, True)),
        (I_.QBPDS, 40, 52, REPS, Change(12, False)),  # more disability
        (I_.ODI, 30, 24, REPS, Change(-6, True)),
        (I_.FABQ_PA, 18, 12, REPS, Change(-6, True)),
        (I_.FORWARD_BEND, 20, 10, REPS, Change(-10, True)),  # closer to the floor
        (I_.EXTENSOR_ENDURANCE, 60, 90, REPS, Change(30, True)),  # held longer
        (I_.FLEXOR_ENDURANCE, 90, 60, REPS, Change(-30, False)),
        (I_.SIT_TO_STAND, 10, 14, REPS, Change(4, True)),  # more repetitions
        (I_.SIT_TO_STAND, 14, 11, SECONDS, Change(-3, True)),  # five done faster
        (I_.SIT_TO_STAND, 11, 14, SECONDS, Change(3, False)),
        (I_.NPRS, 5, 5, REPS, Change(0, None)),  # no change is neither
    ],
)
def test_change_knows_which_direction_is_better(
    instrument: Instrument, before: float, after: float, unit: str, expected: Change
) -> None:
    assert change(instrument, before, after, unit) == expected


def test_change_refuses_an_unknown_sit_to_stand_unit() -> None:
    with pytest.raises(ValidationError):
        change(I_.SIT_TO_STAND, 10, 12, "minutes")


@given(
    st.sampled_from(list(Instrument)),
    st.floats(0, 100, allow_nan=False),
    st.floats(0, 100, allow_nan=False),
)
def test_change_turned_around_is_the_opposite(instrument: Instrument, a: float, b: float) -> None:
    there, back = change(instrument, a, b), change(instrument, b, a)
    if there.improved is None:
        assert back.improved is None
    else:
        assert back.improved is (not there.improved)
        assert there.difference == pytest.approx(-back.difference)


# ---------------------------------------------------------------------- moments


def test_each_moment_asks_its_instruments() -> None:
    assert set(ASKED[Moment.INTAKE]) == set(Instrument)
    assert ASKED[Moment.MID] == (I_.NPRS, I_.PSK)
    tests = {I_.FORWARD_BEND, I_.EXTENSOR_ENDURANCE, I_.FLEXOR_ENDURANCE, I_.SIT_TO_STAND}
    assert set(ASKED[Moment.END]) == {I_.NPRS, I_.PSK, I_.QBPDS, I_.ODI, I_.FABQ_PA} | tests
    for follow_up in (Moment.FOLLOW_UP_3, Moment.FOLLOW_UP_6, Moment.FOLLOW_UP_12):
        assert ASKED[follow_up] == (I_.NPRS, I_.PSK, I_.QBPDS, I_.ODI)


DUE = dt.date(2026, 3, 16)


@pytest.mark.parametrize(
    ("today", "done", "expected"),
    [
        (DUE - dt.timedelta(days=15), False, MomentStatus.NOT_YET),
        (DUE - dt.timedelta(days=14), False, MomentStatus.DUE),  # the window opens
        (DUE, False, MomentStatus.DUE),
        (DUE + dt.timedelta(days=14), False, MomentStatus.DUE),  # its last day
        (DUE + dt.timedelta(days=15), False, MomentStatus.OVERDUE),
        (DUE + dt.timedelta(days=15), True, MomentStatus.DONE),
        (DUE - dt.timedelta(days=100), True, MomentStatus.DONE),
    ],
)
def test_moment_status_at_the_window_edges(
    today: dt.date, done: bool, expected: MomentStatus
) -> None:
    assert moment_status(DUE, today, done) == expected


def test_a_moment_without_a_due_date_is_not_yet_due() -> None:
    assert moment_status(None, DUE, False) == "not_yet"
    assert moment_status(None, DUE, True) == "done"


@pytest.mark.parametrize(
    "first",
    [dt.date(2026, 9, 7), dt.date(2026, 9, 8), dt.date(2026, 9, 13)],  # Monday, Tuesday, Sunday
)
def test_mid_course_is_due_on_the_monday_of_week_3(first: dt.date) -> None:
    # Week 1 is the week of 7 September 2026; week 3 starts on Monday 21 September.
    assert scoring.mid_course_due(first) == dt.date(2026, 9, 21)


def test_moment_dues_come_from_the_appointments_and_the_course() -> None:
    appointments = {"intake": dt.date(2026, 8, 25), "final": dt.date(2026, 11, 3)}
    dues = scoring.moment_dues(appointments, dt.date(2026, 9, 8))
    assert list(dues) == list(Moment)
    assert dues[Moment.INTAKE] == dt.date(2026, 8, 25)
    assert dues[Moment.MID] == dt.date(2026, 9, 21)
    assert dues[Moment.END] == dt.date(2026, 11, 3)
    assert dues[Moment.FOLLOW_UP_3] is None  # not planned yet
    assert scoring.moment_dues({}, None)[Moment.MID] is None


# ---------------------------------------------------------------------- labels


def test_questionnaires_keep_their_short_names_in_every_language() -> None:
    names = [scoring.instrument_name(x) for x in (I_.NPRS, I_.PSK, I_.QBPDS, I_.ODI, I_.FABQ_PA)]
    assert names == ["NPRS", "PSK", "QBPDS", "ODI", "FABQ-PA"]
    set_language("en")
    assert scoring.instrument_name(I_.FORWARD_BEND) == "Forward bend"
    assert scoring.instrument_name(I_.NPRS) == "NPRS"
    assert scoring.moment_name(Moment.MID) == "Mid-course"
    assert scoring.moment_name(Moment.FOLLOW_UP_6) == "Follow-up after 6 months"
    assert scoring.status_name(MomentStatus.OVERDUE) == "overdue"
    assert scoring.unit_name(SECONDS) == "seconds for five"
    assert "0-100" in scoring.instrument_description(I_.QBPDS)


def test_qbpds_has_twenty_distinct_item_labels() -> None:
    labels = scoring.qbpds_item_labels()
    assert len(labels) == scoring.QBPDS_ITEMS == len(set(labels))
    assert all(label.strip() for label in labels)
    assert all(scoring.instrument_description(x) for x in Instrument)
