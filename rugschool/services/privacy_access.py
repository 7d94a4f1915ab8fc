"""Everything stored about one participant, as plain JSON-able data: the answer to a request
for access (GDPR art. 15). Values are as stored (codes such as "active" or "follow_up_3"
stay codes; the PDF turns them into words), dates and times as ISO text.

A fixed number of queries, however long the person's history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from rugschool.models import (
    Attendance,
    AuditEntry,
    CatchUp,
    DayPart,
    Enrollment,
    ExerciseLevel,
    ExerciseResult,
    ExposureItem,
    GradedActivityPlan,
    Group,
    GroupSession,
    Measurement,
    PacingEntry,
    Participant,
    ProgrammeExercise,
    SmartGoal,
    Therapist,
)
from rugschool.services.names import full_name

FORMAT = "rugschool-access"
FORMAT_VERSION = 1

Row = dict[str, Any]


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def utc_iso(value: dt.datetime | None) -> str | None:
    """A time the database keeps in UTC, with its offset."""
    return value.replace(tzinfo=dt.UTC).isoformat() if value is not None else None


def access_data(s: Session, person: Participant, now: dt.datetime) -> dict[str, Any]:
    therapists = dict(s.execute(select(Therapist.id, Therapist.name)).all())
    enrollments = list(
        s.scalars(
            select(Enrollment)
            .where(Enrollment.participant_id == person.id)
            .options(selectinload(Enrollment.group), selectinload(Enrollment.appointments))
            .order_by(Enrollment.id)
        )
    )
    groups = {e.id: e.group.name for e in enrollments}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": now.isoformat(timespec="seconds"),
        "participant": _person(person),
        "enrollments": _enrollments(s, enrollments),
        "attendance": _attendance(s, person.id, therapists),
        "catch_ups": _catch_ups(s, person.id),
        "exercise_results": _results(s, person.id, therapists),
        "measurements": _measurements(s, groups, therapists),
        "smart_goals": _smart_goals(s, groups),
        "graded_activity": _plans(s, groups),
        "exposure": _exposure(s, groups),
        "pacing": _pacing(s, groups),
        "audit": _audit(s, person.id, therapists),
    }


def _person(p: Participant) -> Row:
    return {
        "id": p.id,
        "first_name": p.first_name,
        "name_prefix": p.name_prefix,
        "last_name": p.last_name,
        "full_name": full_name(p.first_name, p.name_prefix, p.last_name),
        "date_of_birth": iso(p.date_of_birth),
        "phone": p.phone,
        "email": p.email,
        "referrer": p.referrer,
        "notes": p.notes,
        "language": p.language,
        "archived": p.archived,
        "consent_report_on": iso(p.consent_report_on),
        "consent_media_on": iso(p.consent_media_on),
        "consent_research_on": iso(p.consent_research_on),
        "created_at": utc_iso(p.created_at),
    }


def _exercise_names(s: Session, versions: set[int]) -> dict[tuple[int, str], str]:
    query = select(ProgrammeExercise.version_id, ProgrammeExercise.key, ProgrammeExercise.name)
    rows = s.execute(query.where(ProgrammeExercise.version_id.in_(versions)))
    return {(version, key): name for version, key, name in rows}


def _enrollments(s: Session, enrollments: Sequence[Enrollment]) -> list[Row]:
    versions = {e.group.programme_version_id for e in enrollments} - {None}
    names = _exercise_names(s, {v for v in versions if v is not None})
    out = []
    for e in enrollments:
        version = e.group.programme_version_id or 0
        out.append(
            {
                "id": e.id,
                "group": e.group.name,
                "group_id": e.group_id,
                "start_date": iso(e.start_date),
                "status": e.status,
                "personal_goal": e.personal_goal,
                "starting_levels": [
                    {"exercise": names.get((version, key), key), "key": key, "level": level}
                    for key, level in sorted(e.starting_levels.items())
                ],
                "conclusion": e.conclusion,
                "goal_outcome": e.goal_outcome,
                "appointments": [
                    {
                        "kind": a.kind,
                        "due_on": iso(a.due_on),
                        "done_on": iso(a.done_on),
                        "notes": a.notes,
                    }
                    for a in e.appointments
                ],
            }
        )
    return out


def _session_fields(x: GroupSession, group: str) -> Row:
    return {
        "date": iso(x.starts_at.date()),
        "time": x.starts_at.strftime("%H:%M"),
        "group": group,
        "session_kind": x.kind,
        "session_number": x.number,
    }


def _attendance(s: Session, pid: int, therapists: dict[int, str]) -> list[Row]:
    query = (
        select(Attendance, GroupSession, Group.name)
        .join(GroupSession, GroupSession.id == Attendance.session_id)
        .join(Group, Group.id == GroupSession.group_id)
        .where(Attendance.participant_id == pid)
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    return [
        {
            **_session_fields(x, group),
            "present": a.present,
            "absence_reason": a.absence_reason,
            "catch_up": a.catch_up,
            "pain_settled": a.pain_settled,
            "warmup_done": a.warmup_done,
            "recorded_by": therapists.get(a.recorded_by_id or 0),
        }
        for a, x, group in s.execute(query)
    ]


def _catch_ups(s: Session, pid: int) -> list[Row]:
    query = (
        select(GroupSession, Group.name)
        .join(CatchUp, CatchUp.session_id == GroupSession.id)
        .join(Group, Group.id == GroupSession.group_id)
        .where(CatchUp.participant_id == pid)
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    return [_session_fields(x, group) for x, group in s.execute(query)]


def _results(s: Session, pid: int, therapists: dict[int, str]) -> list[Row]:
    query = (
        select(ExerciseResult, GroupSession, Group.name, ProgrammeExercise, ExerciseLevel.number)
        .join(GroupSession, GroupSession.id == ExerciseResult.session_id)
        .join(Group, Group.id == GroupSession.group_id)
        .join(ProgrammeExercise, ProgrammeExercise.id == ExerciseResult.exercise_id)
        .join(ExerciseLevel, ExerciseLevel.id == ExerciseResult.level_id)
        .where(ExerciseResult.participant_id == pid)
        .order_by(GroupSession.starts_at, GroupSession.id, ProgrammeExercise.position)
    )
    return [
        {
            **_session_fields(x, group),
            "exercise": exercise.name,
            "exercise_key": exercise.key,
            "level": level,
            "pain": r.pain,
            "easy": r.easy,
            "note": r.note,
            "next_level": r.next_level,
            "recorded_by": therapists.get(r.recorded_by_id or 0),
        }
        for r, x, group, exercise, level in s.execute(query)
    ]


def _measurements(s: Session, groups: dict[int, str], therapists: dict[int, str]) -> list[Row]:
    query = (
        select(Measurement)
        .where(Measurement.enrollment_id.in_(groups))
        .order_by(Measurement.enrollment_id, Measurement.taken_on, Measurement.id)
    )
    return [
        {
            "group": groups[m.enrollment_id],
            "instrument": m.instrument,
            "moment": m.moment,
            "taken_on": iso(m.taken_on),
            "answers": m.answers,
            "score": m.score,
            "notes": m.notes,
            "recorded_by": therapists.get(m.recorded_by_id or 0),
        }
        for m in s.scalars(query)
    ]


def _smart_goals(s: Session, groups: dict[int, str]) -> list[Row]:
    query = select(SmartGoal).where(SmartGoal.enrollment_id.in_(groups))
    return [
        {
            "group": groups[g.enrollment_id],
            "specific": g.specific,
            "measurable": g.measurable,
            "acceptable": g.acceptable,
            "realistic": g.realistic,
            "time_bound": g.time_bound,
            "value": g.value,
        }
        for g in s.scalars(query.order_by(SmartGoal.enrollment_id))
    ]


def _plans(s: Session, groups: dict[int, str]) -> list[Row]:
    query = (
        select(GradedActivityPlan)
        .where(GradedActivityPlan.enrollment_id.in_(groups))
        .options(selectinload(GradedActivityPlan.logs))
        .order_by(GradedActivityPlan.enrollment_id, GradedActivityPlan.id)
    )
    return [
        {
            "group": groups[p.enrollment_id],
            "activity": p.activity,
            "unit": p.unit,
            "baselines": [p.baseline_1, p.baseline_2, p.baseline_3],
            "reduction_percent": p.reduction_percent,
            "goal": p.goal,
            "weeks": p.weeks,
            "times_per_week": p.times_per_week,
            "starts_on": iso(p.starts_on),
            "logs": [
                {"done_on": iso(log.done_on), "amount": log.amount, "note": log.note}
                for log in p.logs
            ],
        }
        for p in s.scalars(query)
    ]


def _exposure(s: Session, groups: dict[int, str]) -> list[Row]:
    query = (
        select(ExposureItem)
        .where(ExposureItem.enrollment_id.in_(groups))
        .order_by(ExposureItem.enrollment_id, ExposureItem.rank)
    )
    return [
        {
            "group": groups[x.enrollment_id],
            "rank": x.rank,
            "description": x.description,
            "fear": x.fear,
            "done_on": iso(x.done_on),
        }
        for x in s.scalars(query)
    ]


def _pacing(s: Session, groups: dict[int, str]) -> list[Row]:
    parts = [part.value for part in DayPart]
    entries = sorted(
        s.scalars(select(PacingEntry).where(PacingEntry.enrollment_id.in_(groups))),
        key=lambda x: (x.enrollment_id, x.weekday, parts.index(x.day_part), x.position),
    )
    return [
        {
            "group": groups[x.enrollment_id],
            "weekday": x.weekday,
            "day_part": x.day_part,
            "position": x.position,
            "activity": x.activity,
            "kind": x.kind,
            "need": x.need,
        }
        for x in entries
    ]


def _audit(s: Session, pid: int, therapists: dict[int, str]) -> list[Row]:
    query = (
        select(AuditEntry)
        .where(AuditEntry.participant_id == pid)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [
        {
            "at": utc_iso(e.at),
            "therapist": therapists.get(e.therapist_id or 0),
            "action": e.action,
            "detail": e.detail,
        }
        for e in s.scalars(query)
    ]
