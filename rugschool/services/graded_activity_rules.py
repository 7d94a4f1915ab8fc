"""The rules of graded activity (seed 003) as pure functions, tested without a database.

One activity that can be measured (walking, cycling, swimming) is built up
time-contingently, in small steps:

- **baseline**: the mean of three measurements of how long (far, often) it can be done now,
  stopping when the pain gets too much: 25, 30 and 35 minutes give 30;
- **start**: 20 to 30 percent below the baseline, 25 unless agreed otherwise: 25 percent
  below 30 is 22.5;
- **weekly step**: (goal - start) / weeks, the same increase every week: from 20 to 40
  minutes in 5 weeks is +4 minutes a week;
- **at least three times a week**, keeping to the agreed amount on a bad day and not going
  over it on a good one.

Weeks count from the plan's start date: week 1 is its first seven days, week 2 the next
seven, and so on. Week 1 is done at the start amount and every later week adds one step, so
week n's target is start + step * (n - 1) and the goal is reached in week `weeks + 1`,
after `weeks` weekly increases. The seed's example, 20 to 40 minutes in 5 weeks: 20, 24,
28, 32 and 36 minutes in weeks 1 to 5, and the goal, 40, from week 6 on. A schedule
therefore has `weeks + 1` rows; weeks after that keep the goal (build up, then maintain).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rugschool.errors import ValidationError
from rugschool.i18n import _, current_language

BASELINE_MEASUREMENTS = 3
DEFAULT_REDUCTION = 25.0  # percent below the baseline
ADVISED_REDUCTION = (20.0, 30.0)  # what the seed advises; outside it only gives a warning
MAX_REDUCTION = 90.0  # what the database accepts
MIN_WEEKS, MAX_WEEKS = 1, 52
ADVISED_TIMES_PER_WEEK = 3  # "probeer minimaal drie maal per week te oefenen"
MAX_TIMES_PER_WEEK = 14
WEEK = dt.timedelta(days=7)


def amount_text(value: float) -> str:
    """An amount as a person writes it: 30, 22.5 (22,5 in Dutch), at most one decimal."""
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if current_language() == "nl" else text


def baseline(measurements: Sequence[float]) -> float:
    """The mean of the three measurements, each more than 0: 25, 30, 35 give 30."""
    if len(measurements) != BASELINE_MEASUREMENTS:
        raise ValidationError(_("Enter three baseline measurements."))
    if any(not value > 0 for value in measurements):
        raise ValidationError(_("Each baseline measurement must be more than 0."))
    if any(math.isinf(value) for value in measurements):
        raise ValidationError(_not_a_number(_("the baseline")))
    mean = sum(measurements) / BASELINE_MEASUREMENTS
    if math.isinf(mean):  # three huge numbers: their sum overflows, their mean does not
        mean = sum(value / BASELINE_MEASUREMENTS for value in measurements)
    return mean


def _not_a_number(field: str) -> str:
    return _("Enter a number for {field}, such as 22.5.").format(field=field)


def check_reduction(reduction_percent: float) -> float:
    if not 0 <= reduction_percent <= MAX_REDUCTION:
        raise ValidationError(
            _("Start between 0 and {most} percent below the baseline.").format(
                most=amount_text(MAX_REDUCTION)
            )
        )
    return reduction_percent


def start_level(baseline_value: float, reduction_percent: float = DEFAULT_REDUCTION) -> float:
    """The amount of week 1: the baseline lowered by the reduction (25 percent below 30 is
    22.5). Any reduction from 0 to 90 percent is accepted; `plan_warnings` says when it is
    outside the advised 20 to 30."""
    check_reduction(reduction_percent)
    return baseline_value * (1 - reduction_percent / 100)


def check_weeks(weeks: int) -> int:
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise ValidationError(
            _("Build up over {least} to {most} weeks.").format(least=MIN_WEEKS, most=MAX_WEEKS)
        )
    return weeks


def check_amount(amount: float) -> float:
    """An amount done (or a goal): 0 or more."""
    if not amount >= 0:  # also refuses NaN
        raise ValidationError(_("An amount cannot be below 0."))
    if math.isinf(amount):
        raise ValidationError(_not_a_number(_("the amount")))
    return amount


def weekly_step(start: float, goal: float, weeks: int) -> float:
    """The increase per week: (goal - start) / weeks; 20 to 40 in 5 weeks is +4 a week."""
    check_amount(goal)
    check_weeks(weeks)
    if not goal > start:
        raise ValidationError(
            _("The goal must be above the start amount ({start}).").format(start=amount_text(start))
        )
    return (goal - start) / weeks


def check_times_per_week(times: int) -> int:
    if not 1 <= times <= MAX_TIMES_PER_WEEK:
        raise ValidationError(
            _("Plan the activity 1 to {most} times a week.").format(most=MAX_TIMES_PER_WEEK)
        )
    return times


def plan_warnings(reduction_percent: float, times_per_week: int) -> list[str]:
    """What is allowed but not what the seed advises, in plain language."""
    warnings = []
    low, high = ADVISED_REDUCTION
    if not low <= reduction_percent <= high:
        warnings.append(
            _(
                "The advice is to start 20 to 30 percent below the baseline; "
                "{percent} percent is outside that."
            ).format(percent=amount_text(reduction_percent))
        )
    if times_per_week < ADVISED_TIMES_PER_WEEK:
        warnings.append(_("The advice is to do the activity at least three times a week."))
    return warnings


@dataclass(frozen=True)
class PlanFigures:
    """The numbers of one plan: the week-by-week targets follow from them."""

    baseline: float
    start: float
    step: float
    goal: float
    weeks: int  # weekly increases; the goal is reached in week `weeks + 1`

    @property
    def goal_week(self) -> int:
        return self.weeks + 1

    def target(self, week: int) -> float:
        """Week n's target, start + step * (n - 1); the goal itself from week `weeks + 1`
        on (exactly, without rounding drift)."""
        if week < 1:
            raise ValueError(f"weeks count from 1, not {week}")
        if week >= self.goal_week:
            return self.goal
        return self.start + self.step * (week - 1)

    @property
    def targets(self) -> tuple[float, ...]:
        """Weeks 1 to `weeks + 1`: the start, a step more each week, the goal."""
        return tuple(self.target(week) for week in range(1, self.goal_week + 1))


def plan_figures(
    measurements: Sequence[float],
    goal: float,
    weeks: int,
    reduction_percent: float = DEFAULT_REDUCTION,
) -> PlanFigures:
    """Checks and works out a plan: baseline, start, weekly step (ValidationError on input
    that cannot be a plan)."""
    base = baseline(measurements)
    start = start_level(base, reduction_percent)
    return PlanFigures(base, start, weekly_step(start, goal, weeks), goal, weeks)


def week_number(starts_on: dt.date, day: dt.date) -> int:
    """Which week of the plan a day falls in: 1 for the first seven days; 0 or less before
    the start."""
    return (day - starts_on).days // 7 + 1


def week_dates(starts_on: dt.date, week: int) -> tuple[dt.date, dt.date]:
    """The first and last day of week `week` of a plan (the calendar ends on 31-12-9999)."""
    first = starts_on + WEEK * (week - 1)
    return first, first + min(WEEK - dt.timedelta(days=1), dt.date.max - first)


class WeekState(enum.StrEnum):
    PAST = "past"
    CURRENT = "current"
    COMING = "coming"


@dataclass(frozen=True)
class WeekRow:
    """One week of a plan: what was planned and what the log says was done."""

    week: int
    starts_on: dt.date
    ends_on: dt.date
    planned: float  # the amount each time
    done: float | None  # the mean of the week's log entries; None when nothing was logged
    times: int  # how many log entries the week has
    times_planned: int
    state: WeekState  # past, current or coming, as of the day asked

    @property
    def too_few_times(self) -> bool:
        """A week that is over with fewer times than agreed."""
        return self.state is WeekState.PAST and self.times < self.times_planned


def plan_vs_done(
    figures: PlanFigures,
    starts_on: dt.date,
    times_per_week: int,
    logs: Iterable[tuple[dt.date, float]],
    today: dt.date,
) -> list[WeekRow]:
    """Planned against done, week by week: weeks 1 to `weeks + 1`, and after that every
    week up to the last one with an entry (at the goal). Entries dated before the start
    belong to no week and are left out; so are weeks after the calendar's end (9999)."""
    by_week: dict[int, list[float]] = {}
    for day, amount in logs:
        week = week_number(starts_on, day)
        if week >= 1:
            by_week.setdefault(week, []).append(amount)
    current = week_number(starts_on, today)
    last = min(max([figures.goal_week, *by_week]), week_number(starts_on, dt.date.max))
    rows = []
    for week in range(1, last + 1):
        amounts = by_week.get(week, [])
        first, end = week_dates(starts_on, week)
        done = sum(amounts) / len(amounts) if amounts else None
        planned = figures.target(week)
        state = _state(week, current)
        rows.append(WeekRow(week, first, end, planned, done, len(amounts), times_per_week, state))
    return rows


def _state(week: int, current: int) -> WeekState:
    if week < current:
        return WeekState.PAST
    return WeekState.CURRENT if week == current else WeekState.COMING
