"""What the end of a course is reported from: the end report for one participant's referrer
(their GP) and the group report the clinic keeps. Plain data, no ReportLab.

Both read a fixed handful of queries (the group, its sessions, its people, the attendance,
the exercise results, the programme's exercises), never one per person or per session, so
a report on a big group with a long course stays fast.

- A participant's course is the group's sessions from their own start date on. Attendance
  counts the exercise sessions they came to out of the group's number ("14 of 16"); a
  catch-up session in another group counts as one they came to.
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

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from rugschool.errors import NotFound
from rugschool.i18n import _, current_language
from rugschool.models import (
    Attendance,
    Database,
    Enrollment,
    EnrollmentStatus,
    ExerciseLevel,
    ExerciseResult,
    Group,
    GroupSession,
    Participant,
    ProgrammeExercise,
    ProgrammeVersion,
    SessionKind,
)
from rugschool.services.names import full_name, sort_key

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


# ---------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Presence:
    session: GroupSession
    participant_id: int
    present: bool
    reason: str
    catch_up: bool


@dataclass(frozen=True)
class _Mark:
    session: GroupSession
    participant_id: int
    key: str
    level: int
    pain: int | None
    next_level: int | None


@dataclass(frozen=True)
class _Exercise:
    key: str
    position: int
    name: str
    levels: int


def _sessions(s: Session, group_id: int) -> list[GroupSession]:
    query = select(GroupSession).where(GroupSession.group_id == group_id)
    return list(s.scalars(query.order_by(GroupSession.starts_at, GroupSession.id)))


def _presences(s: Session, where: ColumnElement[bool]) -> list[_Presence]:
    query = (
        select(Attendance, GroupSession)
        .join(GroupSession, Attendance.session_id == GroupSession.id)
        .where(where)
        .order_by(GroupSession.starts_at, Attendance.id)
    )
    return [
        _Presence(x, a.participant_id, a.present, a.absence_reason, a.catch_up)
        for a, x in s.execute(query)
    ]


def _marks(s: Session, where: ColumnElement[bool]) -> list[_Mark]:
    query = (
        select(ExerciseResult, GroupSession, ProgrammeExercise.key, ExerciseLevel.number)
        .join(GroupSession, ExerciseResult.session_id == GroupSession.id)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(where)
        .order_by(GroupSession.starts_at, ExerciseResult.id)
    )
    return [
        _Mark(x, r.participant_id, key, number, r.pain, r.next_level)
        for r, x, key, number in s.execute(query)
    ]


def _exercises(s: Session, own_version: int | None, language: str) -> list[_Exercise]:
    """The exercises named in `language`: from the group's own version when it is in that
    language, else from the newest in that language (the keys are the same), else from
    the group's own version."""
    in_language = ProgrammeVersion.language == language
    version = (
        select(ProgrammeVersion.id)
        .where(or_(ProgrammeVersion.id == own_version, in_language))
        .order_by(in_language.desc(), (ProgrammeVersion.id == own_version).desc())
        .order_by(ProgrammeVersion.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(ProgrammeExercise.key, ProgrammeExercise.position, ProgrammeExercise.name)
        .add_columns(func.count(ExerciseLevel.id))
        .outerjoin(ExerciseLevel, ExerciseLevel.exercise_id == ProgrammeExercise.id)
        .where(ProgrammeExercise.version_id == version, ProgrammeExercise.kind == EXERCISE)
        .group_by(ProgrammeExercise.id)
        .order_by(ProgrammeExercise.position)
    )
    return [_Exercise(*row) for row in s.execute(query)]


def _in_order(sessions: Iterable[GroupSession]) -> list[GroupSession]:
    return sorted({x.id: x for x in sessions}.values(), key=lambda x: (x.starts_at, x.id))


# ---------------------------------------------------------------------- the end report


def end_report_data(
    db: Database,
    participant_id: int,
    group_id: int,
    *,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> EndReportData:
    """What the end report for a participant's referrer says about their course in this
    group. Raises NotFound when they are not enrolled in it."""
    with db.transaction() as s:
        enrollment = s.scalars(
            select(Enrollment)
            .where(Enrollment.participant_id == participant_id, Enrollment.group_id == group_id)
            .options(
                selectinload(Enrollment.participant),
                selectinload(Enrollment.group).selectinload(Group.therapists),
            )
        ).one_or_none()
        if enrollment is None:
            raise NotFound(_("This participant is not enrolled in that group."))
        sessions = _sessions(s, group_id)
        presences = _presences(s, Attendance.participant_id == participant_id)
        marks = _marks(s, ExerciseResult.participant_id == participant_id)
        version = enrollment.group.programme_version_id
        exercises = _exercises(s, version, language or current_language())
        return _end_report(enrollment, sessions, presences, marks, exercises, now)


def _end_report(
    enrollment: Enrollment,
    sessions: list[GroupSession],
    presences: list[_Presence],
    marks: list[_Mark],
    exercises: list[_Exercise],
    now: dt.datetime | None,
) -> EndReportData:
    group, person = enrollment.group, enrollment.participant
    start = enrollment.start_date or group.start_date or dt.date.min
    own = [x for x in sessions if x.starts_at.date() >= start]
    # What belongs to this course: this group's sessions, and catch-ups made elsewhere.
    counted = {x.id for x in own} | {p.session.id for p in presences if p.catch_up}
    presences = [p for p in presences if p.session.id in counted]
    marks = [m for m in marks if m.session.id in counted]
    planned = [x for x in own if x.kind == EXERCISE][: group.exercise_sessions]
    complete = len(planned) == group.exercise_sessions
    now = now or dt.datetime.now()
    return EndReportData(
        participant_id=person.id,
        group_id=group.id,
        name=full_name(person.first_name, person.name_prefix, person.last_name),
        date_of_birth=person.date_of_birth,
        referrer=person.referrer,
        group=group.name,
        therapists=tuple(t.name for t in group.therapists),
        status=enrollment.status,
        first_session=own[0].starts_at.date() if own else None,
        last_session=planned[-1].starts_at.date() if planned and complete else None,
        personal_goal=enrollment.personal_goal,
        goal_outcome=enrollment.goal_outcome,
        exercise_attendance=_count(presences, own, EXERCISE, group.exercise_sessions, now),
        education_attendance=_count(presences, own, EDUCATION, group.education_sessions, now),
        exercises=_person_levels(exercises, enrollment.starting_levels or {}, marks),
        pain=_pain(presences, marks),
        conclusion=enrollment.conclusion,
        recorded=bool(presences or marks),
    )


def _count(
    presences: Iterable[_Presence],
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


def _person_levels(
    exercises: Iterable[_Exercise], starting: dict[str, int], marks: Iterable[_Mark]
) -> tuple[ExerciseLevels, ...]:
    done: dict[str, list[_Mark]] = defaultdict(list)
    for mark in marks:  # in date order
        done[mark.key].append(mark)
    rows = []
    for e in exercises:
        first, last = (done[e.key][0], done[e.key][-1]) if done[e.key] else (None, None)
        start = starting.get(e.key) or (first.level if first else None)
        now, agreed = (last.level, last.next_level) if last else (None, None)
        rows.append(ExerciseLevels(e.key, e.position, e.name, e.levels, start, now, agreed))
    return tuple(rows)


def _pain(presences: Iterable[_Presence], marks: Iterable[_Mark]) -> tuple[PainPoint, ...]:
    """Per exercise session they were checked in for or have results in, in date order."""
    checked = {p.session.id: p for p in presences if p.session.kind == EXERCISE}
    scores: dict[int, list[int]] = defaultdict(list)
    for m in marks:
        scores[m.session.id] += [] if m.pain is None else [m.pain]
    sessions = [p.session for p in checked.values()] + [m.session for m in marks]
    points = []
    for number, x in enumerate(_in_order(sessions), start=1):
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


@dataclass(frozen=True)
class _Member:
    participant_id: int
    name: str
    order: str
    start: dt.date
    status: str
    starting_levels: dict[str, int]


def group_report_data(
    db: Database,
    group_id: int,
    *,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> GroupReportData:
    """Attendance per session and the group's level progression per exercise."""
    with db.transaction() as s:
        group = s.get(Group, group_id, options=[selectinload(Group.therapists)])
        if group is None:
            raise NotFound(_("There is no group with number {id}.").format(id=group_id))
        sessions = _sessions(s, group_id)
        members = _members(s, group)
        presences = _presences(s, GroupSession.group_id == group_id)
        marks = _marks(s, GroupSession.group_id == group_id)
        exercises = _exercises(s, group.programme_version_id, language or current_language())
        marks = [m for m in marks if m.participant_id in members]  # not visitors
        columns = _in_order(m.session for m in marks if m.session.kind == EXERCISE)
        return GroupReportData(
            group_id=group.id,
            group=group.name,
            location=group.location,
            start_date=group.start_date,
            therapists=tuple(t.name for t in group.therapists),
            participants=len(members),
            sessions=_attendance(group, sessions, members, presences, now or dt.datetime.now()),
            level_sessions=tuple(x.number for x in columns),
            progression=_progression(exercises, members, marks, columns),
        )


def _members(s: Session, group: Group) -> dict[int, _Member]:
    """Everyone in the group who is not on the waiting list, by participant id."""
    query = (
        select(Enrollment, Participant)
        .join(Participant, Enrollment.participant_id == Participant.id)
        .where(Enrollment.group_id == group.id)
        .where(Enrollment.status != EnrollmentStatus.WAITING.value)
    )
    return {
        p.id: _Member(
            p.id,
            full_name(p.first_name, p.name_prefix, p.last_name),
            sort_key(p.first_name, p.name_prefix, p.last_name),
            e.start_date or group.start_date or dt.date.min,
            e.status,
            dict(e.starting_levels or {}),
        )
        for e, p in s.execute(query)
    }


def _expected(
    group: Group, sessions: Sequence[GroupSession], members: dict[int, _Member]
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


def _attendance(
    group: Group,
    sessions: Sequence[GroupSession],
    members: dict[int, _Member],
    presences: Sequence[_Presence],
    now: dt.datetime,
) -> tuple[SessionAttendance, ...]:
    expected = _expected(group, sessions, members)
    per_session: dict[int, list[_Presence]] = defaultdict(list)
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


def _progression(
    exercises: Iterable[_Exercise],
    members: dict[int, _Member],
    marks: Sequence[_Mark],
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
