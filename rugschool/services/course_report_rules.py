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
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from rugschool.i18n import _
from rugschool.models import EnrollmentStatus, Group, GroupSession, SessionKind

EXERCISE, EDUCATION = SessionKind.EXERCISE.value, SessionKind.EDUCATION.value


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


# ---------------------------------------------------------------------- the group report


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
