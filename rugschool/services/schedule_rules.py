"""The schedule's date rules, as pure functions tested without a database: when a group
meets, which session falls on which day, how closed days push a course on, a participant's
own count, and when their appointments are due. rugschool.services.schedule stores what
these plan."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rugschool.errors import ValidationError
from rugschool.i18n import N_, _
from rugschool.models import AppointmentKind, SessionKind

ONE_DAY = dt.timedelta(days=1)
ROLLING_HORIZON = dt.timedelta(weeks=12)
# The intake is due a week before someone's first session, the final visit within a week
# after their last exercise session, the follow-ups in calendar months after that session.
INTAKE_BEFORE = dt.timedelta(days=7)
FINAL_AFTER = dt.timedelta(days=7)
FOLLOW_UPS = (
    (AppointmentKind.FOLLOW_UP_3, 3),
    (AppointmentKind.FOLLOW_UP_6, 6),
    (AppointmentKind.FOLLOW_UP_12, 12),
)

Slot = tuple[str, int]  # (kind, number): which session, not yet when


@dataclass(frozen=True)
class PlannedSession:
    kind: str
    number: int
    starts_at: dt.datetime


@dataclass(frozen=True)
class EnrollmentProgress:
    done: int  # sessions passed; attendance will refine this
    total: int
    first: dt.date | None
    last: dt.date | None  # None until their last session is planned

    @property
    def label(self) -> str:
        return _("{done} of {total}").format(done=self.done, total=self.total)


def meeting_days(
    start: dt.date, weekdays: Collection[int], closed: Collection[dt.date]
) -> Iterator[dt.date]:
    """Every day from `start` on that the group meets: one of its ISO weekdays, not closed.
    Endless; the caller decides where to stop."""
    days = frozenset(weekdays)
    if not days or not days <= frozenset(range(1, 8)):
        raise ValidationError(_("Choose the days the group meets."))
    every_day = (start + dt.timedelta(days=n) for n in itertools.count())
    return (d for d in every_day if d.isoweekday() in days and d not in closed)


def course_slots(education: int, exercise: int | None) -> Iterator[Slot]:
    """The sessions in the order they are held; `exercise=None`: on without end (rolling)."""
    for number in range(1, education + 1):
        yield SessionKind.EDUCATION.value, number
    numbers = itertools.count(1) if exercise is None else range(1, exercise + 1)
    for number in numbers:
        yield SessionKind.EXERCISE.value, number


def lay_out(slots: Iterable[Slot], days: Iterable[dt.date], at: dt.time) -> list[PlannedSession]:
    # zip ends with the shorter: a course with its last session, a rolling group at the
    # horizon. At least one of the two must be finite.
    pairs = zip(slots, days, strict=False)
    return [PlannedSession(kind, n, dt.datetime.combine(day, at)) for (kind, n), day in pairs]


def plan_sessions(
    start: dt.date,
    weekdays: Sequence[int],
    at: dt.time,
    education: int,
    exercise: int,
    closed: Collection[dt.date],
) -> list[PlannedSession]:
    """A course: `education` sessions on the first meeting days, then `exercise` sessions."""
    return lay_out(course_slots(education, exercise), meeting_days(start, weekdays, closed), at)


def shift_slots(
    starts: Sequence[dt.datetime],
    weekdays: Collection[int],
    closed: Collection[dt.date],
    at: dt.time | None = None,
) -> list[dt.datetime]:
    """New starts for sessions shifted on by one meeting: each takes the slot (day and time)
    of the one after it, so sessions moved by hand keep their place in the rhythm; the last
    goes to the next meeting day after its own, at `at` (or its own time)."""
    last = starts[-1]
    day = next(meeting_days(last.date() + ONE_DAY, weekdays, closed))
    return [*starts[1:], dt.datetime.combine(day, at or last.time())]


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months: the same day of the month, or the last day of a shorter month
    (31 August + 6 months = 28 or 29 February)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def progress(
    exercise_starts: Iterable[dt.datetime], start: dt.date, total: int, now: dt.datetime
) -> EnrollmentProgress:
    """Someone's own course: the first `total` exercise sessions on or after their start."""
    own = sorted(t for t in exercise_starts if t.date() >= start)[:total]
    return EnrollmentProgress(
        done=sum(t < now for t in own),
        total=total,
        first=own[0].date() if own else None,
        last=own[-1].date() if len(own) == total else None,
    )


# The appointments of one person's course, by kind, in words (translated where shown).
APPOINTMENT_NAMES = {
    "intake": N_("Intake"),
    "final": N_("Final visit"),
    "follow_up_3": N_("Follow-up after 3 months"),
    "follow_up_6": N_("Follow-up after 6 months"),
    "follow_up_12": N_("Follow-up after 12 months"),
}


def appointment_dues(first: dt.date | None, last: dt.date | None) -> dict[str, dt.date]:
    """When each appointment is due, for what can be known: no final visit or follow-ups
    before someone's last session is planned."""
    dues: dict[str, dt.date] = {}
    if first is not None:
        dues[AppointmentKind.INTAKE.value] = first - INTAKE_BEFORE
    if last is not None:
        dues[AppointmentKind.FINAL.value] = last + FINAL_AFTER
        for kind, months in FOLLOW_UPS:
            dues[kind.value] = add_months(last, months)
    return dues


# ------------------------------------------------------------------ helpers on rows
