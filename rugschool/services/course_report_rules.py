"""The end-of-course counts, as pure functions tested without a database: attendance, the
level per exercise at the start and now, pain per session, and the group's mean levels.
rugschool.services.course_report reads what these count.

- Attendance counts the exercise sessions someone came to out of the group's number
  ("14 of 16"); a catch-up session in another group counts as one they came to.
- The level at the start of an exercise is the starting level agreed at the intake, else
  the first level recorded; the level now is the last one recorded, with the level the
  therapist agreed for the next session.
- Pain is the NRS (0-10) scored with the exercises: per session the highest score and the
  mean, None when none was scored.
- An outcome measure is compared between the intake and the end, or the latest moment
  after the intake when the end is not measured yet; NPRS gives two rows, back and leg.
- Attending "most" sessions (the Danish GLA:D Back figure) is counted as more than half of
  the course's exercise sessions, catch-ups included.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from rugschool.i18n import _
from rugschool.models import EnrollmentStatus, Group, GroupSession, Instrument, Moment, SessionKind
from rugschool.services.measures import GroupChange
from rugschool.services.scoring import REPS, Change, change

EXERCISE, EDUCATION = SessionKind.EXERCISE.value, SessionKind.EDUCATION.value
BACK, LEG = "back", "leg"  # the two rows of the NPRS
# The end report's rows in this order: the Dutch guideline's measures (PSK, QBPDS), pain,
# then the GLA:D registry's questionnaires and the clinician's tests.
MEASURE_ROWS: tuple[tuple[Instrument, str], ...] = (
    (Instrument.PSK, ""),
    (Instrument.QBPDS, ""),
    (Instrument.NPRS, BACK),
    (Instrument.NPRS, LEG),
    *((x, "") for x in Instrument if x not in (Instrument.NPRS, Instrument.PSK, Instrument.QBPDS)),
)


@dataclass(frozen=True)
class Count:
    """Sessions come to out of the course's sessions ("14 of 16"), and how many of the
    course's sessions have been held so far."""

    attended: int
    total: int
    held: int

    @property
    def label(self) -> str:
        return _("{done} of {total}").format(done=self.attended, total=self.total)


@dataclass(frozen=True)
class ExerciseLevels:
    key: str
    position: int
    name: str
    levels: int  # how many levels the exercise has
    start: int | None  # agreed at the intake, else the first recorded; None: neither
    now: int | None  # the last level recorded
    next: int | None  # the level agreed for the next session

    @property
    def moved_up(self) -> bool:
        return self.start is not None and self.now is not None and self.now > self.start


@dataclass(frozen=True)
class PainPoint:
    """One exercise session of someone's course, in date order (`number` counts from 1)."""

    number: int
    day: dt.date
    present: bool
    highest: int | None
    mean: float | None
    catch_up: bool = False  # made up in another group


@dataclass(frozen=True)
class MeasureLine:
    """One row of the end report's outcome measures."""

    instrument: Instrument
    part: str  # NPRS: BACK or LEG; "" for every other instrument
    points: tuple[tuple[Moment, float], ...]  # every moment with a value, in moment order
    intake: float | None
    latest: float | None  # at the end, else at the latest moment after the intake
    latest_moment: Moment | None
    change: Change | None  # latest - intake; None without both, or in two units
    unit: str = ""  # sit-to-stand: "reps" or "seconds" of the latest value (else the intake's)
    intake_unit: str = ""  # sit-to-stand: the intake's unit
    activities: tuple[str, ...] = ()  # PSK: the activities, as named at the intake


@dataclass(frozen=True)
class EndReportData:
    participant_id: int
    group_id: int
    name: str
    date_of_birth: dt.date | None
    referrer: str
    group: str
    therapists: tuple[str, ...]
    status: str
    first_session: dt.date | None
    last_session: dt.date | None  # None while the course is not planned to its end
    personal_goal: str
    goal_outcome: str | None
    exercise_attendance: Count
    education_attendance: Count
    exercises: tuple[ExerciseLevels, ...]
    pain: tuple[PainPoint, ...]
    conclusion: str
    recorded: bool  # anything at all recorded for this person in this course
    measures: tuple[MeasureLine, ...] = ()  # in MEASURE_ROWS order; only what was measured

    @property
    def pain_scored(self) -> bool:
        return any(p.highest is not None for p in self.pain)


@dataclass(frozen=True)
class Absentee:
    name: str
    reason: str


@dataclass(frozen=True)
class SessionAttendance:
    session_id: int
    kind: str
    number: int
    starts_at: dt.datetime
    present: int  # of the group's own people
    expected: int
    absent: tuple[Absentee, ...]
    catch_ups: int  # people from other groups making up a session here
    recorded: bool  # False: held, but nobody was checked in


@dataclass(frozen=True)
class LevelProgression:
    key: str
    position: int
    name: str
    levels: int
    means: tuple[float | None, ...]  # per column of GroupReportData.level_sessions
    moved_up: int  # people whose last level is above their start
    tracked: int  # people with a level recorded in this exercise


@dataclass(frozen=True)
class GroupReportData:
    group_id: int
    group: str  # its name
    location: str
    start_date: dt.date | None
    therapists: tuple[str, ...]
    participants: int  # everyone enrolled who is not on the waiting list
    sessions: tuple[SessionAttendance, ...]  # held or recorded, in date order
    level_sessions: tuple[int, ...]  # the exercise sessions with levels recorded, by number
    progression: tuple[LevelProgression, ...]
    # Intake to end per instrument, as MeasureService.group_changes counts it.
    outcomes: tuple[tuple[Instrument, GroupChange], ...] = ()
    attendance_share: AttendanceShare | None = None


@dataclass(frozen=True)
class AttendanceShare:
    """How many of the group came to most (more than half) of their course's exercise
    sessions: the Danish GLA:D Back figure is 52%."""

    people: int  # everyone who started the course (stopped people included)
    most: int
    sessions: int  # the course's exercise sessions
    finished: bool  # every course in the group has been held to its end


# ---------------------------------------------------------------------- what is read


@dataclass(frozen=True)
class Presence:
    """A check-in (or its absence) for one session."""

    session: GroupSession
    participant_id: int
    present: bool
    reason: str
    catch_up: bool


@dataclass(frozen=True)
class Mark:
    """A level (and pain score) recorded for one exercise at one session."""

    session: GroupSession
    participant_id: int
    key: str
    level: int
    pain: int | None
    next_level: int | None


@dataclass(frozen=True)
class NamedExercise:
    """An exercise of the programme, named in the report's language."""

    key: str
    position: int
    name: str
    levels: int


@dataclass(frozen=True)
class Measured:
    """One instrument measured at one moment, as read."""

    instrument: Instrument
    moment: Moment
    score: float | None
    answers: dict[str, object]


@dataclass(frozen=True)
class Member:
    """Someone in the group who is not on the waiting list."""

    participant_id: int
    name: str
    order: str
    start: dt.date
    status: str
    starting_levels: dict[str, int]


def in_order(sessions: Iterable[GroupSession]) -> list[GroupSession]:
    return sorted({x.id: x for x in sessions}.values(), key=lambda x: (x.starts_at, x.id))


# ---------------------------------------------------------------------- the end report


def attendance(
    presences: Iterable[Presence],
    own: Sequence[GroupSession],
    kind: str,
    total: int,
    now: dt.datetime,
) -> Count:
    presences = [p for p in presences if p.session.kind == kind]
    came = {p.session.id for p in presences if p.present}
    # Held: passed, or already checked in for (a session recorded ahead of its time).
    checked = {p.session.id for p in presences}
    held = [x for x in own if x.kind == kind and (x.starts_at < now or x.id in checked)]
    attended = min(len(came), total)
    return Count(attended, total, held=max(len(held[:total]), attended))


def person_levels(
    exercises: Iterable[NamedExercise], starting: dict[str, int], marks: Iterable[Mark]
) -> tuple[ExerciseLevels, ...]:
    done: dict[str, list[Mark]] = defaultdict(list)
    for mark in marks:  # in date order
        done[mark.key].append(mark)
    rows = []
    for e in exercises:
        first, last = (done[e.key][0], done[e.key][-1]) if done[e.key] else (None, None)
        start = starting.get(e.key) or (first.level if first else None)
        now, agreed = (last.level, last.next_level) if last else (None, None)
        rows.append(ExerciseLevels(e.key, e.position, e.name, e.levels, start, now, agreed))
    return tuple(rows)


def pain_points(presences: Iterable[Presence], marks: Iterable[Mark]) -> tuple[PainPoint, ...]:
    """Per exercise session they were checked in for or have results in, in date order."""
    checked = {p.session.id: p for p in presences if p.session.kind == EXERCISE}
    scores: dict[int, list[int]] = defaultdict(list)
    for m in marks:
        scores[m.session.id] += [] if m.pain is None else [m.pain]
    sessions = [p.session for p in checked.values()] + [m.session for m in marks]
    points = []
    for number, x in enumerate(in_order(sessions), start=1):
        found, check = scores[x.id], checked.get(x.id)
        points.append(
            PainPoint(
                number,
                x.starts_at.date(),
                present=check.present if check else True,  # results, no check-in: there
                highest=max(found) if found else None,
                mean=fmean(found) if found else None,
                catch_up=check.catch_up if check else False,
            )
        )
    return tuple(points)


def measure_lines(measured: Iterable[Measured]) -> tuple[MeasureLine, ...]:
    """The rows of the end report's outcome measures, in MEASURE_ROWS order; an instrument
    (or the leg pain) without any value is left out."""
    found: dict[Instrument, dict[Moment, Measured]] = defaultdict(dict)
    for m in measured:
        found[m.instrument][m.moment] = m
    lines = (_measure_line(x, part, found[x]) for x, part in MEASURE_ROWS if x in found)
    return tuple(line for line in lines if line.points)


def _value(m: Measured, part: str) -> float | None:
    """The score; for the leg row of the NPRS the leg pain, kept with the answers."""
    if part != LEG:
        return m.score
    leg = m.answers.get(LEG)
    return float(leg) if isinstance(leg, int | float) else None


def _measure_line(x: Instrument, part: str, found: dict[Moment, Measured]) -> MeasureLine:
    values = {mo: v for mo in Moment if mo in found and (v := _value(found[mo], part)) is not None}
    after = [mo for mo in values if mo is not Moment.INTAKE]
    latest = Moment.END if Moment.END in values else (after[-1] if after else None)
    intake, last = values.get(Moment.INTAKE), values[latest] if latest else None
    # Sit-to-stand in repetitions at one moment and in seconds at another: no change.
    first_unit = _unit(found.get(Moment.INTAKE))
    unit = _unit(found[latest]) if latest else first_unit
    difference = None
    if intake is not None and last is not None and first_unit == unit:
        difference = change(x, intake, last, unit or REPS)
    named = found.get(Moment.INTAKE) or next(iter(found.values()))
    return MeasureLine(
        *(x, part, tuple(values.items()), intake, last, latest, difference),
        unit=unit,
        intake_unit=first_unit,
        activities=_activities(named) if x is Instrument.PSK else (),
    )


def _unit(m: Measured | None) -> str:
    return str(m.answers.get("unit") or "") if m else ""


def _activities(m: Measured) -> tuple[str, ...]:
    entries = m.answers.get("activities")
    return tuple(str(e[0]) for e in entries) if isinstance(entries, list) else ()


# ---------------------------------------------------------------------- the group report


def attendance_share(
    group: Group,
    sessions: Sequence[GroupSession],
    members: dict[int, Member],
    presences: Iterable[Presence],
    now: dt.datetime,
) -> AttendanceShare:
    """Who came to more than half of their own course's exercise sessions; `presences`
    holds the group's check-ins and its members' catch-ups elsewhere."""
    mine: dict[int, list[Presence]] = defaultdict(list)
    for p in presences:
        mine[p.participant_id].append(p)
    total, most, finished = group.exercise_sessions, 0, True
    for m in members.values():
        own = [x for x in sessions if x.starts_at.date() >= m.start]
        ids = {x.id for x in own}
        came = [p for p in mine[m.participant_id] if p.session.id in ids or p.catch_up]
        count = attendance(came, own, EXERCISE, total, now)
        most += count.attended * 2 > total
        finished &= count.held >= total or m.status == EnrollmentStatus.STOPPED.value
    return AttendanceShare(len(members), most, total, finished and bool(members))


def expected_people(
    group: Group, sessions: Sequence[GroupSession], members: dict[int, Member]
) -> dict[int, set[int]]:
    """Per session, who was expected: each member at the sessions of their own course
    (from their start, as many exercise sessions as a course has). Someone who stopped is
    expected only where they were checked in."""
    expected: dict[int, set[int]] = defaultdict(set)
    for m in members.values():
        if m.status == EnrollmentStatus.STOPPED.value:
            continue
        own = [x for x in sessions if x.starts_at.date() >= m.start]
        course = [x for x in own if x.kind == EXERCISE][: group.exercise_sessions]
        for x in [*(x for x in own if x.kind == EDUCATION), *course]:
            expected[x.id].add(m.participant_id)
    return expected


def session_attendance(
    group: Group,
    sessions: Sequence[GroupSession],
    members: dict[int, Member],
    presences: Sequence[Presence],
    now: dt.datetime,
) -> tuple[SessionAttendance, ...]:
    expected = expected_people(group, sessions, members)
    per_session: dict[int, list[Presence]] = defaultdict(list)
    for p in presences:
        per_session[p.session.id].append(p)
    rows = []
    for x in sessions:
        here = per_session[x.id]
        if not here and x.starts_at >= now:
            continue  # still to come
        own = {p.participant_id: p for p in here if not p.catch_up and p.participant_id in members}
        came = {pid for pid, p in own.items() if p.present}
        # Nobody checked in at all: the session was not recorded, not missed by everyone.
        away = sorted((expected[x.id] | set(own)) - came, key=lambda pid: members[pid].order)
        absent = [
            Absentee(members[pid].name, own[pid].reason if pid in own else "") for pid in away
        ]
        rows.append(
            SessionAttendance(
                *(x.id, x.kind, x.number, x.starts_at),
                present=len(came),
                expected=len(expected[x.id] | set(own)),
                absent=tuple(absent) if here else (),
                catch_ups=sum(p.catch_up and p.present for p in here),
                recorded=bool(here),
            )
        )
    return tuple(rows)


def level_progression(
    exercises: Iterable[NamedExercise],
    members: dict[int, Member],
    marks: Sequence[Mark],
    columns: Sequence[GroupSession],
) -> tuple[LevelProgression, ...]:
    per_session: dict[tuple[str, int], list[int]] = defaultdict(list)
    per_person: dict[tuple[str, int], list[int]] = defaultdict(list)
    for m in marks:  # in date order
        per_session[(m.key, m.session.id)].append(m.level)
        per_person[(m.key, m.participant_id)].append(m.level)
    rows = []
    for e in exercises:
        found = [per_session.get((e.key, x.id)) for x in columns]
        means = tuple(fmean(levels) if levels else None for levels in found)
        done = {pid: per_person[(e.key, pid)] for pid in members if (e.key, pid) in per_person}
        moved = sum(
            levels[-1] > (members[pid].starting_levels.get(e.key) or levels[0])
            for pid, levels in done.items()
        )
        rows.append(LevelProgression(e.key, e.position, e.name, e.levels, means, moved, len(done)))
    return tuple(rows)
