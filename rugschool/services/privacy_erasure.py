"""Erasing a person: what goes with them (for the confirmation), and finding their whole name
in other people's notes and in session notes, where it is replaced.

Everything that is theirs hangs off the participant row with ON DELETE CASCADE (enrollments,
and through them appointments, measures and self-management tools; check-ins, grid entries,
catch-ups): deleting that one row takes it all. tests/services/test_privacy.py walks the
schema to keep it so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from rugschool.i18n import ngettext
from rugschool.models import (
    Appointment,
    Attendance,
    CatchUp,
    DayTheme,
    Enrollment,
    ExerciseResult,
    ExposureItem,
    GradedActivityLog,
    GradedActivityPlan,
    GroupSession,
    Measurement,
    MessageCoverage,
    PacingEntry,
    Participant,
    SmartGoal,
)
from rugschool.services import privacy_rules as rules
from rugschool.services.names import full_name

# What an erasure empties, for PostgreSQL's VACUUM FULL (SQLite rewrites the whole file).
ERASED_TABLES = tuple(
    model.__tablename__
    for model in (
        Participant,
        Enrollment,
        Appointment,
        Attendance,
        ExerciseResult,
        CatchUp,
        Measurement,
        SmartGoal,
        GradedActivityPlan,
        GradedActivityLog,
        ExposureItem,
        PacingEntry,
        GroupSession,
        DayTheme,
        MessageCoverage,
    )
)


@dataclass(frozen=True)
class ErasurePreview:
    """Whom erasing removes, and how much is stored about them."""

    participant_id: int
    full_name: str
    enrollments: int
    attendance: int  # check-ins: sessions attended or missed
    exercise_results: int
    measurements: int
    self_management: int  # SMART goals, graded-activity plans and logs, exposure, pacing
    appointments: int
    catch_ups: int
    mentions: int  # notes of others and of sessions naming them (the name is replaced)

    def lines(self) -> list[str]:
        """What goes with them, in words; only what there is."""
        texts = [
            ngettext("{n} group enrollment", "{n} group enrollments", self.enrollments),
            ngettext("{n} session check-in", "{n} session check-ins", self.attendance),
            ngettext("{n} exercise result", "{n} exercise results", self.exercise_results),
            ngettext("{n} measurement", "{n} measurements", self.measurements),
            ngettext(
                "{n} self-management entry", "{n} self-management entries", self.self_management
            ),
            ngettext("{n} appointment", "{n} appointments", self.appointments),
            ngettext("{n} catch-up session", "{n} catch-up sessions", self.catch_ups),
            ngettext(
                "{n} note of others naming them (the name is replaced)",
                "{n} notes of others naming them (the name is replaced)",
                self.mentions,
            ),
        ]
        numbers = (
            self.enrollments,
            self.attendance,
            self.exercise_results,
            self.measurements,
            self.self_management,
            self.appointments,
            self.catch_ups,
            self.mentions,
        )
        return [text.format(n=n) for text, n in zip(texts, numbers, strict=True) if n]


def _count(s: Session, query: Any) -> int:
    return int(s.scalar(query) or 0)


def preview(s: Session, person: Participant) -> ErasurePreview:
    pid = person.id
    theirs = select(Enrollment.id).where(Enrollment.participant_id == pid)

    def of_enrollments(model: Any) -> int:
        where = model.enrollment_id.in_(theirs)
        return _count(s, select(func.count()).select_from(model).where(where))

    def of_person(model: Any) -> int:
        where = model.participant_id == pid
        return _count(s, select(func.count()).select_from(model).where(where))

    logs = _count(
        s,
        select(func.count())
        .select_from(GradedActivityLog)
        .join(GradedActivityPlan, GradedActivityPlan.id == GradedActivityLog.plan_id)
        .where(GradedActivityPlan.enrollment_id.in_(theirs)),
    )
    tools = sum(of_enrollments(m) for m in (SmartGoal, GradedActivityPlan, ExposureItem))
    return ErasurePreview(
        participant_id=pid,
        full_name=full_name(person.first_name, person.name_prefix, person.last_name),
        enrollments=of_person(Enrollment),
        attendance=of_person(Attendance),
        exercise_results=of_person(ExerciseResult),
        measurements=of_enrollments(Measurement),
        self_management=tools + logs + of_enrollments(PacingEntry),
        appointments=of_enrollments(Appointment),
        catch_ups=of_person(CatchUp),
        mentions=len(mentioning(s, person)),
    )


def _shared_texts(pid: int) -> list[tuple[Any, str, ColumnElement[bool]]]:
    """Free text that is not the person's own (theirs goes with them): session notes, and
    other people's notes, goals and conclusions."""
    theirs = select(Enrollment.id).where(Enrollment.participant_id == pid)
    return [
        (GroupSession, "notes", true()),
        (DayTheme, "note", true()),
        (MessageCoverage, "note", true()),
        (Participant, "notes", Participant.id != pid),
        (Enrollment, "personal_goal", Enrollment.participant_id != pid),
        (Enrollment, "conclusion", Enrollment.participant_id != pid),
        (Appointment, "notes", Appointment.enrollment_id.not_in(theirs)),
        (Measurement, "notes", Measurement.enrollment_id.not_in(theirs)),
        (ExerciseResult, "note", ExerciseResult.participant_id != pid),
    ]


def mentioning(s: Session, person: Participant) -> list[tuple[Any, str, list[Any]]]:
    """(row, attribute, name patterns) for each text elsewhere with their whole name in it."""
    patterns = rules.name_patterns(person.first_name, person.name_prefix, person.last_name)
    if not patterns:
        return []
    escaped = person.last_name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    found = []
    for model, attribute, others in _shared_texts(person.id):
        column = getattr(model, attribute)
        query = select(model).where(others, column.ilike(f"%{escaped}%", escape="\\"))
        found += [
            (row, attribute, patterns)
            for row in s.scalars(query)
            if rules.mentions(getattr(row, attribute), patterns)
        ]
    return found
