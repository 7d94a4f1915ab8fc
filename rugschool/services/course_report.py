"""What the end of a course is reported from: the end report for one participant's referrer
(their GP) and the group report the clinic keeps. Plain data, no ReportLab.

Both read a fixed handful of queries (the group, its sessions, its people, the attendance,
the exercise results, the programme's exercises, the outcome measures), never one per person
or per session, so
a report on a big group with a long course stays fast. What they count from these, and the
data they return, is in rugschool.services.course_report_rules.

A participant's course is the group's sessions from their own start date on, and the
catch-up sessions they made up in another group.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import ColumnElement, and_, func, or_, select
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
    Instrument,
    Measurement,
    Moment,
    Participant,
    ProgrammeExercise,
    ProgrammeVersion,
)
from rugschool.services.course_report_rules import (
    EDUCATION,
    EXERCISE,
    EndReportData,
    GroupReportData,
    Mark,
    Measured,
    Member,
    NamedExercise,
    Presence,
    attendance,
    attendance_share,
    in_order,
    level_progression,
    measure_lines,
    pain_points,
    person_levels,
    session_attendance,
)
from rugschool.services.groups import load_enrollment
from rugschool.services.measures import MeasureService
from rugschool.services.names import full_name, sort_key

# ---------------------------------------------------------------------- reading


def load_sessions(s: Session, group_id: int) -> list[GroupSession]:
    query = select(GroupSession).where(GroupSession.group_id == group_id)
    return list(s.scalars(query.order_by(GroupSession.starts_at, GroupSession.id)))


def load_presences(s: Session, where: ColumnElement[bool]) -> list[Presence]:
    query = (
        select(Attendance, GroupSession)
        .join(GroupSession, Attendance.session_id == GroupSession.id)
        .where(where)
        .order_by(GroupSession.starts_at, Attendance.id)
    )
    return [
        Presence(x, a.participant_id, a.present, a.absence_reason, a.catch_up)
        for a, x in s.execute(query)
    ]


def load_marks(s: Session, where: ColumnElement[bool]) -> list[Mark]:
    query = (
        select(ExerciseResult, GroupSession, ProgrammeExercise.key, ExerciseLevel.number)
        .join(GroupSession, ExerciseResult.session_id == GroupSession.id)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(where)
        .order_by(GroupSession.starts_at, ExerciseResult.id)
    )
    return [
        Mark(x, r.participant_id, key, number, r.pain, r.next_level)
        for r, x, key, number in s.execute(query)
    ]


def load_measured(s: Session, enrollment_id: int) -> list[Measured]:
    query = select(
        Measurement.instrument, Measurement.moment, Measurement.score, Measurement.answers
    ).where(Measurement.enrollment_id == enrollment_id)
    return [
        Measured(Instrument(x), Moment(moment), score, dict(answers or {}))
        for x, moment, score, answers in s.execute(query)
    ]


def load_exercises(s: Session, own_version: int | None, language: str) -> list[NamedExercise]:
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
    return [NamedExercise(*row) for row in s.execute(query)]


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
        enrollment = load_enrollment(s, participant_id, group_id)
        sessions = load_sessions(s, group_id)
        presences = load_presences(s, Attendance.participant_id == participant_id)
        marks = load_marks(s, ExerciseResult.participant_id == participant_id)
        version = enrollment.group.programme_version_id
        exercises = load_exercises(s, version, language or current_language())
        report = _end_report(enrollment, sessions, presences, marks, exercises, now)
        measures = measure_lines(load_measured(s, enrollment.id))
    return dataclasses.replace(report, measures=measures)


def _end_report(
    enrollment: Enrollment,
    sessions: list[GroupSession],
    presences: list[Presence],
    marks: list[Mark],
    exercises: list[NamedExercise],
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
        exercise_attendance=attendance(presences, own, EXERCISE, group.exercise_sessions, now),
        education_attendance=attendance(presences, own, EDUCATION, group.education_sessions, now),
        exercises=person_levels(exercises, enrollment.starting_levels or {}, marks),
        pain=pain_points(presences, marks),
        conclusion=enrollment.conclusion,
        recorded=bool(presences or marks),
    )


# ---------------------------------------------------------------------- the group report


def group_report_data(
    db: Database,
    group_id: int,
    *,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> GroupReportData:
    """Attendance per session, the group's level progression per exercise, and its
    outcome measures from the intake to the end."""
    outcomes = MeasureService(db).group_changes(group_id)  # NotFound without the group
    with db.transaction() as s:
        group = s.get(Group, group_id, options=[selectinload(Group.therapists)])
        if group is None:
            raise NotFound(_("There is no group with number {id}.").format(id=group_id))
        sessions = load_sessions(s, group_id)
        members = _members(s, group)
        presences = load_presences(s, GroupSession.group_id == group_id)
        marks = load_marks(s, GroupSession.group_id == group_id)
        exercises = load_exercises(s, group.programme_version_id, language or current_language())
        marks = [m for m in marks if m.participant_id in members]  # not visitors
        columns = in_order(m.session for m in marks if m.session.kind == EXERCISE)
        elsewhere = load_presences(
            s,
            and_(
                Attendance.catch_up,
                Attendance.participant_id.in_(list(members)),
                GroupSession.group_id != group_id,
            ),
        )
        now = now or dt.datetime.now()
        return GroupReportData(
            group_id=group.id,
            group=group.name,
            location=group.location,
            start_date=group.start_date,
            therapists=tuple(t.name for t in group.therapists),
            participants=len(members),
            sessions=session_attendance(group, sessions, members, presences, now),
            level_sessions=tuple(x.number for x in columns),
            progression=level_progression(exercises, members, marks, columns),
            outcomes=tuple(outcomes.items()),
            attendance_share=attendance_share(
                group, sessions, members, [*presences, *elsewhere], now
            ),
        )


def _members(s: Session, group: Group) -> dict[int, Member]:
    """Everyone in the group who is not on the waiting list, by participant id."""
    query = (
        select(Enrollment, Participant)
        .join(Participant, Enrollment.participant_id == Participant.id)
        .where(Enrollment.group_id == group.id)
        .where(Enrollment.status != EnrollmentStatus.WAITING.value)
    )
    return {
        p.id: Member(
            p.id,
            full_name(p.first_name, p.name_prefix, p.last_name),
            sort_key(p.first_name, p.name_prefix, p.last_name),
            e.start_date or group.start_date or dt.date.min,
            e.status,
            dict(e.starting_levels or {}),
        )
        for e, p in s.execute(query)
    }
