"""How a record changed on both sides is put to the therapist: which record (whose, which
session) and which of its fields differ, in words rather than table and column names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from rugschool.i18n import N_, _
from rugschool.models import Enrollment, GroupSession, Participant, ProgrammeExercise
from rugschool.services.names import full_name
from rugschool.services.take_along import compared_columns

RECORD_NAMES = {
    "therapists": N_("Therapist"),
    "groups": N_("Group"),
    "participants": N_("Participant"),
    "enrollments": N_("Enrollment"),
    "group_sessions": N_("Session"),
    "group_therapists": N_("Therapist of the group"),
    "appointments": N_("Appointment"),
    "attendance": N_("Attendance"),
    "catch_ups": N_("Catch-up"),
    "day_themes": N_("Theme of the day"),
    "exercise_results": N_("Exercise result"),
    "exposure_items": N_("Exposure ladder step"),
    "graded_activity_plans": N_("Graded activity plan"),
    "measurements": N_("Measurement"),
    "message_coverage": N_("Core message covered"),
    "pacing_entries": N_("Pacing plan entry"),
    "smart_goals": N_("Goal"),
    "graded_activity_logs": N_("Graded activity log"),
    "audit_log": N_("Audit log entry"),
}

FIELD_NAMES = {
    "first_name": N_("first name"),
    "name_prefix": N_("name prefix"),
    "last_name": N_("last name"),
    "date_of_birth": N_("date of birth"),
    "phone": N_("phone"),
    "email": N_("e-mail"),
    "referrer": N_("referrer"),
    "notes": N_("notes"),
    "note": N_("note"),
    "archived": N_("archived"),
    "status": N_("status"),
    "start_date": N_("start date"),
    "personal_goal": N_("personal goal"),
    "conclusion": N_("conclusion"),
    "level_id": N_("level"),
    "pain": N_("pain"),
    "easy": N_("went easily"),
    "present": N_("present"),
    "absence_reason": N_("reason for absence"),
    "pain_settled": N_("pain settled"),
    "warmup_done": N_("warm-up done"),
    "starts_at": N_("time"),
    "lead_id": N_("lead therapist"),
    "assistant_id": N_("assistant"),
    "name": N_("name"),
    "location": N_("location"),
    "due_on": N_("due"),
    "done_on": N_("done"),
    "score": N_("score"),
    "answers": N_("answers"),
}

# Bookkeeping columns that differ whenever anything does; not worth showing on their own.
UNSHOWN = {"changed_by_id", "recorded_by_id", "recorded_at", "name_key", "created_at"}


def moment_text(iso: str) -> str:
    """When a file was taken along ("2026-11-25T19:21:22") as the therapist reads it."""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return iso


def shown_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def differences(
    table: Table, clinic: Mapping[str, Any] | None, taken: Mapping[str, Any] | None
) -> list[tuple[str, str, str]]:
    """(field, clinic's value, the file's value) for every field that differs; a side that
    deleted the record shows "deleted"."""
    if clinic is None or taken is None:
        return [(_("the record"), _("deleted") if clinic is None else _("kept"),
                 _("deleted") if taken is None else _("kept"))]  # fmt: skip
    found = []
    for name in compared_columns(table):
        if name in UNSHOWN or clinic.get(name) == taken.get(name):
            continue
        label = _(FIELD_NAMES[name]) if name in FIELD_NAMES else name.replace("_", " ")
        found.append((label, shown_value(clinic.get(name)), shown_value(taken.get(name))))
    return found


def breakdown(counts: Mapping[str, int]) -> str:
    """ "Exercise result × 80, Attendance × 10": what a count is made of, most first."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(
        f"{_(RECORD_NAMES.get(name, name))} × {count}" for name, count in ordered if count
    )


def describe(s: Session, table: Table, values: Mapping[str, Any]) -> str:
    """ "Exercise result: Anna de Vries, session 3 (exercise), Bridge"."""
    parts = [_person(s, table, values), _session(s, values), _exercise(s, values)]
    if table.name == "therapists" or table.name == "groups":
        parts = [str(values.get("name", ""))]
    detail = ", ".join(p for p in parts if p)
    record = _(RECORD_NAMES.get(table.name, table.name))
    return f"{record}: {detail}" if detail else record


def _person(s: Session, table: Table, values: Mapping[str, Any]) -> str:
    person: Participant | None = None
    if table.name == "participants":
        return full_name(
            values.get("first_name", ""), values.get("name_prefix", ""), values.get("last_name", "")
        )
    if values.get("participant_id") is not None:
        person = s.get(Participant, values["participant_id"])
    elif values.get("enrollment_id") is not None:
        enrollment = s.get(Enrollment, values["enrollment_id"])
        person = enrollment.participant if enrollment else None
    if person is None:
        return ""
    return full_name(person.first_name, person.name_prefix, person.last_name)


def _session(s: Session, values: Mapping[str, Any]) -> str:
    if values.get("session_id") is None:
        return ""
    session = s.get(GroupSession, values["session_id"])
    if session is None:
        return ""
    return _("session of {day}").format(day=session.starts_at.strftime("%d-%m-%Y"))


def _exercise(s: Session, values: Mapping[str, Any]) -> str:
    if values.get("exercise_id") is None:
        return ""
    name = s.execute(
        select(ProgrammeExercise.name).where(ProgrammeExercise.id == values["exercise_id"])
    ).scalar()
    return name or ""
