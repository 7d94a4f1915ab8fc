"""Course flags per participant: for one enrollment, for a whole group (the group's list) and
for one session as things stood on its date (the runner and the session summary). The
rules are in rugschool.services.course_flags_rules.

Everything for a group is read at once: a fixed handful of queries (the enrollments, the
group's sessions, attendance, the highest pain per session, appointments, the PSK and NPRS
measurements, graded-activity logs), never one per person or per session.

Whose flags: the group's members whose course is under way or done (active, completed). On
the waiting list nothing has started; someone who stopped has left the course, and the
therapist has already spoken with them. A session's view also shows anyone checked in or
recorded there, whatever their status now. Catch-up visitors from other groups are left out:
their flags belong to their own group.

A person's course is the group's sessions they are expected at (from their own start date:
the education sessions and their number of exercise sessions), the sessions of the group
they were checked in at anyway, and the catch-up sessions they came to in another group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, func, select, union
from sqlalchemy.orm import Session

from rugschool.errors import NotFound
from rugschool.i18n import _
from rugschool.models import (
    Appointment,
    Attendance,
    Database,
    Enrollment,
    EnrollmentStatus,
    ExerciseResult,
    GradedActivityLog,
    GradedActivityPlan,
    Group,
    GroupSession,
    Measurement,
    SessionKind,
)
from rugschool.services.course_flags_rules import (
    DEFAULT_BANDS,
    MID_COURSE,
    ActivityLog,
    Course,
    Due,
    Flag,
    Measure,
    Presence,
    SessionRecord,
    course_flags,
)
from rugschool.services.progression import PainBands

TRACKED = frozenset({EnrollmentStatus.ACTIVE.value, EnrollmentStatus.COMPLETED.value})


@dataclass(frozen=True)
class Planned:
    """A session of the group, as scheduled."""

    session_id: int
    starts_at: dt.datetime
    kind: str


@dataclass(frozen=True)
class _Member:
    enrollment_id: int
    participant_id: int
    group_id: int
    status: str
    start: dt.date  # their own start date, else the group's
    exercise_sessions: int


@dataclass(frozen=True)
class _Check:
    present: bool
    pain_settled: bool | None
    catch_up: bool


@dataclass
class _Loaded:
    """What was read for some enrollments of one group."""

    members: list[_Member]
    sessions: list[Planned]  # the group's, in date order
    checks: dict[tuple[int, int], _Check] = field(default_factory=dict)  # (session, person)
    checked: set[int] = field(default_factory=set)  # sessions with anyone checked in
    visits: dict[int, list[Planned]] = field(default_factory=dict)  # catch-ups elsewhere
    pain: dict[tuple[int, int], int | None] = field(default_factory=dict)  # (session, person)
    measures: dict[int, list[Measure]] = field(default_factory=dict)  # by enrollment
    dues: dict[int, list[Due]] = field(default_factory=dict)
    plans: dict[int, list[int]] = field(default_factory=dict)
    logs: dict[int, list[ActivityLog]] = field(default_factory=dict)


class CourseFlagService:
    def __init__(self, db: Database, bands: PainBands = DEFAULT_BANDS) -> None:
        self._db = db
        self.bands = bands

    def for_enrollment(self, enrollment_id: int, today: dt.date) -> list[Flag]:
        """The flags of one person's course in one group as they stand on `today`."""
        with self._db.transaction() as s:
            if s.get(Enrollment, enrollment_id) is None:
                raise NotFound(_("That enrollment no longer exists."))
            course = _courses(_load(s, Enrollment.id == enrollment_id))[0]
        return course_flags(course, today, self.bands) if course.status in TRACKED else []

    def for_group(self, group_id: int, today: dt.date) -> dict[int, list[Flag]]:
        """Per participant whose course is under way or done: their flags (maybe none)."""
        with self._db.transaction() as s:
            if s.get(Group, group_id) is None:
                raise NotFound(_("There is no group with number {id}.").format(id=group_id))
            courses = _courses(_load(s, Enrollment.group_id == group_id))
        return {
            c.participant_id: course_flags(c, today, self.bands)
            for c in courses
            if c.status in TRACKED
        }

    def for_session(self, session_id: int, today: dt.date) -> dict[int, list[Flag]]:
        """Per member of the group expected, checked in or recorded at a session: the flags as
        they stood on its date (or on `today`, for a session still to come), from what was
        known up to and including that session."""
        with self._db.transaction() as s:
            session = s.get(GroupSession, session_id)
            if session is None:
                raise NotFound(_("There is no session with number {id}.").format(id=session_id))
            until = session.starts_at
            courses = _courses(_load(s, Enrollment.group_id == session.group_id))
        day = min(today, until.date())
        return {
            c.participant_id: course_flags(c, day, self.bands, until)
            for c in courses
            if _at_session(c, session_id)
        }


def _at_session(course: Course, session_id: int) -> bool:
    """Someone belongs in a session's view when it is in their course and they are followed,
    or when they were checked in or recorded there."""
    here = next((r for r in course.sessions if r.session_id == session_id), None)
    return here is not None and (course.status in TRACKED or here.checked_in)


# ------------------------------------------------------------------ reading


def _load(s: Session, which: ColumnElement[bool]) -> _Loaded:
    """Everything the rules read for the enrollments `which` selects (all in one group)."""
    enrollments = select(Enrollment.id).where(which)
    people = select(Enrollment.participant_id).where(which)
    groups = select(Enrollment.group_id).where(which)
    loaded = _Loaded(_members(s, which), _group_sessions(s, groups))
    _read_checks(s, loaded, groups, people)
    _read_pain(s, loaded, people)
    _read_measures(s, loaded, enrollments)
    return loaded


def _members(s: Session, which: ColumnElement[bool]) -> list[_Member]:
    query = (
        select(
            Enrollment.id,
            Enrollment.participant_id,
            Enrollment.group_id,
            Enrollment.status,
            Enrollment.start_date,
            Group.start_date,
            Group.exercise_sessions,
        )
        .join(Group, Enrollment.group_id == Group.id)
        .where(which)
        .order_by(Enrollment.id)
    )
    return [
        _Member(eid, pid, gid, status, own or start or dt.date.min, count)
        for eid, pid, gid, status, own, start, count in s.execute(query)
    ]


def _group_sessions(s: Session, groups: Select[int]) -> list[Planned]:
    query = (
        select(GroupSession.id, GroupSession.starts_at, GroupSession.kind)
        .where(GroupSession.group_id.in_(groups))
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    return [Planned(*row) for row in s.execute(query)]


def _read_checks(s: Session, loaded: _Loaded, groups: Select[int], people: Select[int]) -> None:
    """Every check-in at the group's sessions (to know which were recorded), and the
    members' catch-ups in other groups."""
    checks = (
        select(Attendance.session_id, Attendance.participant_id, Attendance.present)
        .add_columns(Attendance.pain_settled, Attendance.catch_up)
        .add_columns(GroupSession.starts_at, GroupSession.kind, GroupSession.group_id)
        .join(GroupSession, Attendance.session_id == GroupSession.id)
    )
    # Two queries in one (a UNION, not an OR): each half uses its own index instead of
    # SQLite scanning every check-in of the practice.
    query = union(
        checks.where(GroupSession.group_id.in_(groups)),
        checks.where(Attendance.catch_up.is_(True), Attendance.participant_id.in_(people)),
    )
    own_groups = {m.group_id for m in loaded.members}
    for sid, pid, present, settled, catch_up, starts_at, kind, group_id in s.execute(query):
        loaded.checks[(sid, pid)] = _Check(present, settled, catch_up)
        if group_id in own_groups:
            loaded.checked.add(sid)
        else:
            loaded.visits.setdefault(pid, []).append(Planned(sid, starts_at, kind))


def _read_pain(s: Session, loaded: _Loaded, people: Select[int]) -> None:
    query = (
        select(
            ExerciseResult.session_id, ExerciseResult.participant_id, func.max(ExerciseResult.pain)
        )
        .where(ExerciseResult.participant_id.in_(people))
        .group_by(ExerciseResult.session_id, ExerciseResult.participant_id)
    )
    loaded.pain = {(sid, pid): highest for sid, pid, highest in s.execute(query)}


def _read_measures(s: Session, loaded: _Loaded, enrollments: Select[int]) -> None:
    """The PSK and NPRS measurements, the appointments, the graded-activity plans and logs."""
    measures = select(
        Measurement.enrollment_id,
        Measurement.instrument,
        Measurement.moment,
        Measurement.taken_on,
        Measurement.score,
    ).where(Measurement.enrollment_id.in_(enrollments), Measurement.instrument.in_(MID_COURSE))
    for eid, instrument, moment, taken_on, score in s.execute(measures):
        loaded.measures.setdefault(eid, []).append(Measure(instrument, moment, taken_on, score))
    dues = select(
        Appointment.enrollment_id, Appointment.kind, Appointment.due_on, Appointment.done_on
    ).where(Appointment.enrollment_id.in_(enrollments))
    for eid, kind, due_on, done_on in s.execute(dues):
        loaded.dues.setdefault(eid, []).append(Due(kind, due_on, done_on))
    logs = (
        select(
            GradedActivityPlan.enrollment_id,
            GradedActivityPlan.id,
            GradedActivityLog.done_on,
            GradedActivityLog.amount,
        )
        .outerjoin(GradedActivityLog, GradedActivityLog.plan_id == GradedActivityPlan.id)
        .where(GradedActivityPlan.enrollment_id.in_(enrollments))
    )
    for eid, plan_id, done_on, amount in s.execute(logs):
        plans = loaded.plans.setdefault(eid, [])
        if plan_id not in plans:
            plans.append(plan_id)
        if done_on is not None:
            loaded.logs.setdefault(eid, []).append(ActivityLog(plan_id, done_on, amount))


# ------------------------------------------------------------------ shaping


def _courses(loaded: _Loaded) -> list[Course]:
    return [_course(m, loaded) for m in loaded.members]


def _course(m: _Member, loaded: _Loaded) -> Course:
    expected = _own_sessions(loaded.sessions, m.start, m.exercise_sessions)
    exercise = [x for x in expected if x.kind == SessionKind.EXERCISE.value]
    came_anyway = [
        x
        for x in loaded.sessions
        if (x.session_id, m.participant_id) in loaded.checks
        or (x.session_id, m.participant_id) in loaded.pain
    ]
    sessions = _in_order([*expected, *came_anyway, *loaded.visits.get(m.participant_id, [])])
    return Course(
        enrollment_id=m.enrollment_id,
        participant_id=m.participant_id,
        status=m.status,
        start=exercise[0].starts_at.date() if exercise else None,
        sessions=tuple(_record(x, m.participant_id, loaded) for x in sessions),
        measures=tuple(loaded.measures.get(m.enrollment_id, ())),
        appointments=tuple(loaded.dues.get(m.enrollment_id, ())),
        plans=tuple(loaded.plans.get(m.enrollment_id, ())),
        logs=tuple(loaded.logs.get(m.enrollment_id, ())),
    )


def _in_order(sessions: Iterable[Planned]) -> list[Planned]:
    unique = {x.session_id: x for x in sessions}
    return sorted(unique.values(), key=lambda x: (x.starts_at, x.session_id))


def _record(x: Planned, participant_id: int, loaded: _Loaded) -> SessionRecord:
    key = (x.session_id, participant_id)
    check = loaded.checks.get(key)
    results = key in loaded.pain
    here = _presence(check.present if check else None, results, x.session_id in loaded.checked)
    return SessionRecord(
        x.session_id,
        x.starts_at,
        x.kind,
        here,
        pain_settled=check.pain_settled if check and check.present else None,
        highest_pain=loaded.pain.get(key),
        catch_up=check.catch_up if check else False,
        checked_in=check is not None or results,
    )


def _presence(own: bool | None, results: bool, anyone_checked: bool) -> Presence:
    """How someone's attendance at a session reads. `own`: their check-in (present or not),
    None without one. Results without a check-in: they were there. No check-in where others
    were checked in: absent. Nobody checked in: not recorded."""
    if own is not None:
        return "present" if own else "absent"
    if results:
        return "present"
    return "absent" if anyone_checked else "not_recorded"


def _own_sessions(
    sessions: Sequence[Planned], start: dt.date, exercise_sessions: int
) -> list[Planned]:
    """The group's sessions someone is expected at: every education session from their
    start date on, and the first `exercise_sessions` exercise sessions from then; in order."""
    own = sorted(
        (x for x in sessions if x.starts_at.date() >= start),
        key=lambda x: (x.starts_at, x.session_id),
    )
    exercise = [x for x in own if x.kind == SessionKind.EXERCISE.value][:exercise_sessions]
    kept = {x.session_id for x in exercise}
    return [x for x in own if x.session_id in kept or x.kind == SessionKind.EDUCATION.value]
