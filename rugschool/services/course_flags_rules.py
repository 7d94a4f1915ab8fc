"""Course flags: the signs in one person's course that ask the therapist to act, as pure
rules tested without a database. rugschool.services.course_flags gathers what they read.

A flag does not judge; it points at something to look at or talk over. Each rule raises at
most one flag, its latest occurrence dated where it arose (overdue measures: one each). A
flag stays, as a record of the course so far; an overdue measure goes once it is done.

1. Deviating course (KNGF guideline on low back pain): activities and participation should
   have increased within three weeks; when they have not, the therapist consults the
   referrer. Three weeks after the person's course start (their first exercise session) we
   read that from the PSK, the activities they find hard (mean 0-10, lower is better): the
   latest PSK taken three weeks in or later has not gone down from the intake. With a
   graded-activity plan the logged amount must also not have risen over the first three
   weeks (days 0-20: the mean of the latest week with logs is not above the mean of the
   earliest); any one plan that rose shows activities did increase. A plan without logs in
   two of those weeks shows no rise. Without an intake PSK or a PSK three weeks in there is
   nothing to compare: no flag (the overdue mid-course measure asks for it).
2. Pain above the acceptable band in two of their sessions in a row, reading the highest
   pain of each session. The pain-monitoring model (GLA:D knee and hip, our configurable
   default for the back) allows pain during exercise, so one session above the band is a
   topic for that day (the session summary shows it); twice running, the load is too high.
   Sessions without a pain score count for nothing: they neither break nor extend a run.
3. Pain not settled by the next day twice in the course, not necessarily in a row. The same
   model asks that pain be back at its usual level by the next day and not build up over
   weeks. One time is common after a step up; a second time, however far apart, means the
   load outran the recovery again. Asking for two in a row would miss it whenever a session
   between was missed or the question was not asked.
4. Absent twice in a row: their sessions (their own course in the group, education and
   exercise, and catch-ups made elsewhere) in date order. Missing sessions is how dropping
   out starts; a catch-up in between breaks the run. A session where nobody was checked in
   was not recorded: it breaks the run too, as it does in the session summary.
5. A measure overdue: an individual appointment (intake, final visit, follow-ups) still not
   done 14 days after it was due; or the mid-course PSK or NPRS, needed to judge the course
   of recovery, not recorded by the end of week 4 (overdue from day 28 of their course on).
   Once the end measure of that instrument is in, the mid one is moot: no flag.

A level that stays the same, even late in the course, is no flag: levels are chosen with the
participant, and doing an exercise with control and confidence at any level is the aim, not
reaching level 4. No rule here reads levels.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import fmean
from typing import Literal, get_args

from rugschool.i18n import N_, _, current_language
from rugschool.models import Instrument, Moment
from rugschool.services.progression import PainBands
from rugschool.services.schedule_rules import APPOINTMENT_NAMES

# In the order flags are listed in: what asks for action outside the room first.
FlagKind = Literal[
    "deviating_course", "pain_above_band", "pain_not_settled", "absent_twice", "measure_overdue"
]
Presence = Literal["present", "absent", "not_recorded"]

KINDS: tuple[FlagKind, ...] = get_args(FlagKind)
THREE_WEEKS = dt.timedelta(weeks=3)
WEEK_FOUR_ENDS = dt.timedelta(weeks=4)  # day 28 of the course is the first day of week 5
APPOINTMENT_GRACE = dt.timedelta(days=14)
ONE_DAY = dt.timedelta(days=1)
NOT_SETTLED_TIMES = 2
MID_COURSE = (Instrument.PSK.value, Instrument.NPRS.value)
DEFAULT_BANDS = PainBands()

TITLES: dict[FlagKind, str] = {
    "deviating_course": N_("Deviating course: consult the referrer"),
    "pain_above_band": N_("Pain above the acceptable band"),
    "pain_not_settled": N_("Pain not settled by the next day"),
    "absent_twice": N_("Absent twice in a row"),
    "measure_overdue": N_("Measure overdue"),
}
INSTRUMENT_NAMES = {Instrument.PSK.value: "PSK", Instrument.NPRS.value: "NPRS"}


# ------------------------------------------------------------------ what the rules read


@dataclass(frozen=True)
class SessionRecord:
    """One session of someone's course, as far as it was recorded."""

    session_id: int
    starts_at: dt.datetime
    kind: str  # SessionKind
    presence: Presence
    pain_settled: bool | None = None  # asked at check-in; None: not asked
    highest_pain: int | None = None  # the highest NRS scored with the exercises
    catch_up: bool = False  # made up in another group
    checked_in: bool = False  # their own check-in (or results) at this session

    @property
    def day(self) -> dt.date:
        return self.starts_at.date()


@dataclass(frozen=True)
class Measure:
    instrument: str
    moment: str
    taken_on: dt.date
    score: float | None


@dataclass(frozen=True)
class Due:
    """An individual appointment: when it was due and when it was done."""

    kind: str
    due_on: dt.date
    done_on: dt.date | None


@dataclass(frozen=True)
class ActivityLog:
    plan_id: int
    done_on: dt.date
    amount: float


@dataclass(frozen=True)
class Course:
    """What the rules read about one person in one group."""

    enrollment_id: int
    participant_id: int
    status: str
    start: dt.date | None  # their first exercise session; None: none planned
    sessions: tuple[SessionRecord, ...] = ()  # in date order
    measures: tuple[Measure, ...] = ()
    appointments: tuple[Due, ...] = ()
    plans: tuple[int, ...] = ()  # graded-activity plans
    logs: tuple[ActivityLog, ...] = ()


# ------------------------------------------------------------------ the flag


def _day(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _score(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if current_language() == "nl" else text


@dataclass(frozen=True)
class Flag:
    """Something in a course to act on. Title and explanation are made when read, in the
    language active then."""

    kind: FlagKind
    arose_on: dt.date
    session_id: int | None = None  # the session it refers to
    days: tuple[dt.date, ...] = ()  # the days it is about, oldest first
    scores: tuple[float, ...] = ()  # pain per day; PSK at intake and latest
    limit: int | None = None  # pain above the band: the band's top
    measure: str = ""  # overdue: the appointment kind or the instrument
    activity_checked: bool = False  # deviating course: graded activity was read too

    @property
    def title(self) -> str:
        return _(TITLES[self.kind])

    @property
    def explanation(self) -> str:
        """One sentence for a tooltip."""
        return _EXPLAIN[self.kind](self)


def _explain_deviating(f: Flag) -> str:
    if f.activity_checked:
        text = _(
            "Three weeks or more into the course the PSK score has not gone down since the "
            "intake ({intake} then, {latest} on {day}) and the graded activity did not "
            "increase in the first three weeks; the KNGF guideline calls this a deviating "
            "course: consult the referrer."
        )
    else:
        text = _(
            "Three weeks or more into the course the PSK score has not gone down since the "
            "intake ({intake} then, {latest} on {day}); the KNGF guideline calls this a "
            "deviating course: consult the referrer."
        )
    intake, latest = (_score(s) for s in f.scores)
    return text.format(intake=intake, latest=latest, day=_day(f.arose_on))


def _explain_pain(f: Flag) -> str:
    return _(
        "The highest pain was above {max} in two sessions in a row ({first_pain} on {first}, "
        "{second_pain} on {second}); talk the load over with the participant."
    ).format(
        max=f.limit,
        first_pain=_score(f.scores[0]),
        first=_day(f.days[0]),
        second_pain=_score(f.scores[1]),
        second=_day(f.days[1]),
    )


def _explain_not_settled(f: Flag) -> str:
    return _(
        "{count} times the pain after a session had not settled by the next day (last "
        "reported on {day}); check with the participant whether the load is too high."
    ).format(count=len(f.days), day=_day(f.arose_on))


def _explain_absent(f: Flag) -> str:
    return _(
        "Absent from two sessions in a row ({first} and {second}); ask the participant how "
        "things are going."
    ).format(first=_day(f.days[0]), second=_day(f.days[1]))


def _explain_overdue(f: Flag) -> str:
    if f.measure in INSTRUMENT_NAMES:
        return _(
            "The mid-course {instrument} was not recorded by the end of week 4 ({day}): "
            "without it the course of recovery cannot be judged."
        ).format(instrument=INSTRUMENT_NAMES[f.measure], day=_day(f.days[0]))
    return _("{appointment} was due on {day} and is still not marked as done.").format(
        appointment=_(APPOINTMENT_NAMES[f.measure]), day=_day(f.days[0])
    )


_EXPLAIN: dict[FlagKind, Callable[[Flag], str]] = {
    "deviating_course": _explain_deviating,
    "pain_above_band": _explain_pain,
    "pain_not_settled": _explain_not_settled,
    "absent_twice": _explain_absent,
    "measure_overdue": _explain_overdue,
}


# ------------------------------------------------------------------ the rules


def deviating_course(course: Course, today: dt.date) -> Flag | None:
    """Rule 1: no rise in activities three weeks after the course start."""
    if course.start is None or today < course.start + THREE_WEEKS:
        return None
    psk = [m for m in course.measures if m.instrument == Instrument.PSK.value]
    intake = next((m for m in psk if m.moment == Moment.INTAKE.value), None)
    later = [
        (m.taken_on, m.score)
        for m in psk
        if m.moment != Moment.INTAKE.value
        and m.score is not None
        and m.taken_on >= course.start + THREE_WEEKS
    ]
    if intake is None or intake.score is None or not later:
        return None
    taken_on, score = max(later)  # the latest (on one day, the higher score)
    if score < intake.score:
        return None
    if course.plans and activity_rose(course.logs, course.start):
        return None
    return Flag(
        "deviating_course",
        taken_on,
        days=(intake.taken_on, taken_on),
        scores=(intake.score, score),
        activity_checked=bool(course.plans),
    )


def activity_rose(logs: Sequence[ActivityLog], start: dt.date) -> bool:
    """Whether any plan's logged amount rose over the first three weeks from `start`: the
    mean of its latest week with logs above the mean of its earliest."""
    weeks: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for log in logs:
        day = (log.done_on - start).days
        if 0 <= day < THREE_WEEKS.days:
            weeks[log.plan_id][day // 7].append(log.amount)
    return any(
        len(per_week) >= 2 and fmean(per_week[max(per_week)]) > fmean(per_week[min(per_week)])
        for per_week in weeks.values()
    )


def pain_above_band(course: Course, bands: PainBands = DEFAULT_BANDS) -> Flag | None:
    """Rule 2: the highest pain above the acceptable band in two scored sessions in a row."""
    scored = [(r, r.highest_pain) for r in course.sessions if r.highest_pain is not None]
    latest = None
    for (before, pain_before), (this, pain) in pairwise(scored):
        if bands.band(pain_before) == bands.band(pain) == "too_high":
            latest = (before, this, float(pain_before), float(pain))
    if latest is None:
        return None
    before, this, *scores = latest
    return Flag(
        "pain_above_band",
        this.day,
        this.session_id,
        days=(before.day, this.day),
        scores=tuple(scores),
        limit=bands.acceptable_max,
    )


def pain_not_settled(course: Course) -> Flag | None:
    """Rule 3: twice (or more) in the course, the pain after a session had not settled by
    the next day; dated at the session where it was last reported."""
    marked = [r for r in course.sessions if r.presence == "present" and r.pain_settled is False]
    if len(marked) < NOT_SETTLED_TIMES:
        return None
    last = marked[-1]
    return Flag("pain_not_settled", last.day, last.session_id, days=tuple(r.day for r in marked))


def absent_twice(course: Course) -> Flag | None:
    """Rule 4: absent from two of their sessions in a row."""
    latest = None
    for before, this in pairwise(course.sessions):
        if before.presence == this.presence == "absent":
            latest = (before, this)
    if latest is None:
        return None
    before, this = latest
    return Flag("absent_twice", this.day, this.session_id, days=(before.day, this.day))


def overdue_measures(course: Course, today: dt.date) -> list[Flag]:
    """Rule 5: appointments not done 14 days after they were due, and the mid-course PSK
    and NPRS not recorded by the end of week 4. Dated the first day they were overdue."""
    flags = [
        _overdue(a.kind, a.due_on, a.due_on + APPOINTMENT_GRACE + ONE_DAY)
        for a in sorted(course.appointments, key=lambda a: a.due_on)
        if a.done_on is None and today > a.due_on + APPOINTMENT_GRACE
    ]
    if course.start is None or today < course.start + WEEK_FOUR_ENDS:
        return flags
    taken = {(m.instrument, m.moment) for m in course.measures}
    for instrument in MID_COURSE:
        if not taken & {(instrument, Moment.MID.value), (instrument, Moment.END.value)}:
            week_four_ends = course.start + WEEK_FOUR_ENDS
            flags.append(_overdue(instrument, week_four_ends - ONE_DAY, week_four_ends))
    return flags


def _overdue(measure: str, due: dt.date, arose_on: dt.date) -> Flag:
    return Flag("measure_overdue", arose_on, days=(due,), measure=measure)


# ------------------------------------------------------------------ putting them together


def as_of(course: Course, day: dt.date, until: dt.datetime | None = None) -> Course:
    """The course as it stood on `day`, and (for a session's view) only the sessions up to
    and including the one starting at `until`: nothing later, nothing done later."""
    return replace(
        course,
        sessions=tuple(
            r for r in course.sessions if r.day <= day and (until is None or r.starts_at <= until)
        ),
        measures=tuple(m for m in course.measures if m.taken_on <= day),
        appointments=tuple(
            a if a.done_on is None or a.done_on <= day else replace(a, done_on=None)
            for a in course.appointments
        ),
        logs=tuple(log for log in course.logs if log.done_on <= day),
    )


def course_flags(
    course: Course,
    today: dt.date,
    bands: PainBands = DEFAULT_BANDS,
    until: dt.datetime | None = None,
) -> list[Flag]:
    """Every flag of a course as it stands on `today` (see `as_of` for `until`), in the
    order of KINDS, then by date."""
    course = as_of(course, today, until)
    found = [
        deviating_course(course, today),
        pain_above_band(course, bands),
        pain_not_settled(course),
        absent_twice(course),
        *overdue_measures(course, today),
    ]
    flags = [f for f in found if f is not None]
    return sorted(flags, key=lambda f: (KINDS.index(f.kind), f.arose_on))
