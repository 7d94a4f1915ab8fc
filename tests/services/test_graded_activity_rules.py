"""Graded activity on its own, without a database: baseline, start, weekly step, the week
schedule and planned against done (seed 003's worked examples)."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugschool.errors import ValidationError
from rugschool.i18n import set_language
from rugschool.services import graded_activity_rules as rules
from rugschool.services.graded_activity_rules import PlanFigures, WeekState

START = dt.date(2026, 3, 2)  # a Monday
PAST, CURRENT, COMING = WeekState.PAST, WeekState.CURRENT, WeekState.COMING


def day(week: int, weekday: int = 1) -> dt.date:
    """A day of the plan: week 1 day 1 is the start date."""
    return START + dt.timedelta(days=7 * (week - 1) + weekday - 1)


# -------------------------------------------------------------- the seed's examples


def test_the_baseline_is_the_mean_of_three_measurements() -> None:
    assert rules.baseline([25, 30, 35]) == 30


def test_the_start_is_25_percent_below_the_baseline_by_default() -> None:
    assert rules.start_level(30) == 22.5
    assert rules.start_level(30, 20) == 24
    assert rules.start_level(30, 0) == 30


def test_20_to_40_minutes_in_5_weeks_is_4_more_each_week() -> None:
    assert rules.weekly_step(20, 40, 5) == 4


def test_week_1_is_the_start_and_the_goal_comes_in_week_weeks_plus_one() -> None:
    figures = rules.plan_figures([20, 25, 30], goal=40, weeks=5, reduction_percent=20)
    assert (figures.baseline, figures.start, figures.step) == (25, 20, 4)
    assert figures.targets == (20.0, 24.0, 28.0, 32.0, 36.0, 40.0)
    assert figures.goal_week == 6
    assert figures.target(1) == 20
    assert figures.target(5) == 36
    assert figures.target(6) == figures.target(30) == 40  # after the build-up: maintain
    with pytest.raises(ValueError, match="from 1"):
        figures.target(0)


def test_the_seed_s_plan_with_the_default_reduction() -> None:
    figures = rules.plan_figures([25, 30, 35], goal=42.5, weeks=4)
    assert figures.start == 22.5
    assert figures.step == 5
    assert figures.targets == (22.5, 27.5, 32.5, 37.5, 42.5)


# -------------------------------------------------------------- refusals and warnings


@pytest.mark.parametrize("measurements", [[], [30, 30], [30, 30, 30, 30]])
def test_the_baseline_needs_exactly_three_measurements(measurements: list[float]) -> None:
    with pytest.raises(ValidationError):
        rules.baseline(measurements)


@pytest.mark.parametrize("measurements", [[0, 30, 30], [30, -5, 30], [30, 30, math.nan]])
def test_every_baseline_measurement_is_more_than_0(measurements: list[float]) -> None:
    with pytest.raises(ValidationError):
        rules.baseline(measurements)


@pytest.mark.parametrize("reduction", [-1, 90.5, 100, math.nan])
def test_the_reduction_is_0_to_90_percent(reduction: float) -> None:
    with pytest.raises(ValidationError):
        rules.start_level(30, reduction)


@pytest.mark.parametrize("reduction", [0, 10, 35, 90])
def test_a_reduction_outside_20_to_30_is_allowed_with_a_warning(reduction: float) -> None:
    rules.start_level(30, reduction)
    assert len(rules.plan_warnings(reduction, 3)) == 1


@pytest.mark.parametrize("reduction", [20, 25, 30])
def test_the_advised_reduction_gives_no_warning(reduction: float) -> None:
    assert rules.plan_warnings(reduction, 3) == []


def test_fewer_than_three_times_a_week_is_allowed_with_a_warning() -> None:
    set_language("en")
    assert rules.plan_warnings(25, 2) == [
        "The advice is to do the activity at least three times a week."
    ]
    assert rules.plan_warnings(15, 3) == [
        "The advice is to start 20 to 30 percent below the baseline; 15 percent is outside that."
    ]
    assert rules.check_times_per_week(1) == 1
    for times in (0, 15):
        with pytest.raises(ValidationError, match="1 to 14 times"):
            rules.check_times_per_week(times)


def test_the_goal_must_be_above_the_start() -> None:
    set_language("en")
    with pytest.raises(ValidationError, match=r"above the start amount \(22.5\)"):
        rules.weekly_step(22.5, 22.5, 4)
    with pytest.raises(ValidationError):
        rules.plan_figures([25, 30, 35], goal=20, weeks=4)


@pytest.mark.parametrize("weeks", [0, -1, 53])
def test_a_plan_runs_1_to_52_weeks(weeks: int) -> None:
    with pytest.raises(ValidationError):
        rules.weekly_step(20, 40, weeks)
    assert rules.weekly_step(20, 40, 1) == 20
    assert rules.weekly_step(20, 72, 52) == 1


@pytest.mark.parametrize("amount", [-0.5, math.nan])
def test_an_amount_is_0_or_more(amount: float) -> None:
    with pytest.raises(ValidationError):
        rules.check_amount(amount)
    assert rules.check_amount(0) == 0


def test_messages_are_dutch_by_default() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.baseline([30, 30])
    assert str(refused.value)  # a message, whatever the catalogue holds yet


def test_amounts_are_written_as_people_write_them() -> None:
    set_language("en")
    assert (rules.amount_text(30), rules.amount_text(22.5), rules.amount_text(4.25)) == (
        "30",
        "22.5",
        "4.2",
    )
    set_language("nl")
    assert rules.amount_text(22.5) == "22,5"


# -------------------------------------------------------------- weeks and planned vs done


def test_weeks_count_seven_days_from_the_start() -> None:
    assert rules.week_number(START, START) == 1
    assert rules.week_number(START, START + dt.timedelta(days=6)) == 1
    assert rules.week_number(START, START + dt.timedelta(days=7)) == 2
    assert rules.week_number(START, START - dt.timedelta(days=1)) == 0
    assert rules.week_dates(START, 2) == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))


def test_planned_against_done_with_some_weeks_logged_and_others_not() -> None:
    figures = PlanFigures(baseline=26.7, start=20, step=4, goal=40, weeks=5)
    logs = [
        (day(1, 1), 20),
        (day(1, 3), 20),
        (day(1, 5), 21),  # week 1: three times, mean 20.33
        (day(3, 2), 26),
        (day(3, 4), 30),  # week 3: twice, mean 28; week 2 nothing at all
        (START - dt.timedelta(days=1), 15),  # before the start: in no week
    ]
    rows = rules.plan_vs_done(figures, START, 3, logs, today=day(4, 3))
    assert [r.week for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.planned for r in rows] == [20, 24, 28, 32, 36, 40]
    assert [r.times for r in rows] == [3, 0, 2, 0, 0, 0]
    assert rows[0].done == pytest.approx(61 / 3)
    assert [r.done for r in rows[1:]] == [None, 28, None, None, None]
    assert [r.state for r in rows] == [PAST, PAST, PAST, CURRENT, COMING, COMING]
    assert [r.too_few_times for r in rows] == [False, True, True, False, False, False]
    assert (rows[2].starts_on, rows[2].ends_on) == (day(3, 1), day(3, 7))
    assert {r.times_planned for r in rows} == {3}


def test_weeks_after_the_goal_are_listed_up_to_the_last_entry_at_the_goal() -> None:
    figures = PlanFigures(baseline=10, start=8, step=1, goal=10, weeks=2)
    rows = rules.plan_vs_done(figures, START, 3, [(day(5, 2), 11)], today=START)
    assert [(r.week, r.planned, r.done, r.times) for r in rows] == [
        (1, 8, None, 0),
        (2, 9, None, 0),
        (3, 10, None, 0),
        (4, 10, None, 0),
        (5, 10, 11, 1),
    ]
    assert [r.state for r in rows] == [CURRENT, COMING, COMING, COMING, COMING]


def test_before_the_start_every_week_is_still_to_come() -> None:
    figures = PlanFigures(baseline=10, start=8, step=1, goal=10, weeks=2)
    rows = rules.plan_vs_done(figures, START, 3, [], today=START - dt.timedelta(days=20))
    assert {r.state for r in rows} == {COMING}
    assert not any(r.too_few_times for r in rows)


# -------------------------------------------------------------- properties

amounts = st.floats(min_value=0.5, max_value=500, allow_nan=False)


@given(
    st.tuples(amounts, amounts, amounts),
    st.floats(min_value=0, max_value=90),
    st.floats(min_value=1, max_value=300),
    st.integers(min_value=1, max_value=52),
)
def test_every_schedule_climbs_evenly_from_the_start_to_the_goal(
    measurements: tuple[float, float, float], reduction: float, extra: float, weeks: int
) -> None:
    base = rules.baseline(measurements)
    start = rules.start_level(base, reduction)
    goal = start + extra
    figures = rules.plan_figures(measurements, goal, weeks, reduction)
    targets = figures.targets
    assert len(targets) == weeks + 1
    assert targets[0] == pytest.approx(start)
    assert targets[-1] == goal
    slack = 1e-9 * base  # the mean of three equal values may differ in its last digit
    assert min(measurements) - slack <= base <= max(measurements) + slack
    assert start <= base
    for before, after in itertools.pairwise(targets):
        assert after - before == pytest.approx(figures.step, rel=1e-6, abs=1e-9)
        assert after > before


@given(st.integers(min_value=-400, max_value=400))
def test_every_day_falls_in_the_week_it_is_numbered(offset: int) -> None:
    some_day = START + dt.timedelta(days=offset)
    week = rules.week_number(START, some_day)
    first, last = rules.week_dates(START, week)
    assert first <= some_day <= last
    assert (last - first).days == 6
    assert (week >= 1) == (some_day >= START)


@given(
    st.lists(
        st.tuples(st.integers(min_value=-10, max_value=80), st.floats(min_value=0, max_value=90)),
        max_size=30,
    ),
    st.integers(min_value=-10, max_value=80),
)
def test_done_counts_every_entry_from_the_start_once(
    entries: list[tuple[int, float]], today_offset: int
) -> None:
    figures = PlanFigures(baseline=30, start=22.5, step=2.5, goal=40, weeks=7)
    logs = [(START + dt.timedelta(days=offset), amount) for offset, amount in entries]
    rows = rules.plan_vs_done(figures, START, 3, logs, START + dt.timedelta(days=today_offset))
    assert [r.week for r in rows] == list(range(1, len(rows) + 1))
    assert len(rows) >= figures.goal_week
    assert sum(r.times for r in rows) == sum(1 for offset, _amount in entries if offset >= 0)
    for row in rows:
        assert (row.done is None) == (row.times == 0)
    assert sum(r.state is WeekState.CURRENT for r in rows) <= 1
