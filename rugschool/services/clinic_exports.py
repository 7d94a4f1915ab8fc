"""What the clinic keeps from the recordings, as text and rows (no PDF, no Qt).

- A journal text per participant per session, to paste into the clinic's record system
  (EPD): a few plain lines in the active language. A line is only written when there is
  something to say, so a paste never carries an empty label.
- Attendance and exercise results of a group as rows, for a CSV export
  (`rugschool.export.csv_export`).

Everything is loaded with a handful of joined queries per operation, never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from rugschool.errors import NotFound
from rugschool.i18n import _
from rugschool.models import (
    Attendance,
    CatchUp,
    CoreMessage,
    Database,
    DayTheme,
    EducationTheme,
    ExerciseLevel,
    ExerciseResult,
    Group,
    GroupSession,
    MessageCoverage,
    Participant,
    ProgrammeExercise,
    SessionKind,
    Therapist,
)
from rugschool.services.names import full_name, sort_key
from rugschool.services.settings import SettingsService
from rugschool.settings import REGION

_Row = TypeVar("_Row")


@dataclass(frozen=True)
class JournalSession:
    """The session a journal text is about."""

    id: int
    group_id: int
    group_name: str
    kind: str  # 'education' or 'exercise'
    number: int
    starts_at: dt.datetime


@dataclass(frozen=True)
class AttendanceRow:
    participant_id: int
    name: str
    date_of_birth: dt.date | None
    date: dt.date
    kind: str
    number: int
    present: bool
    absence_reason: str
    catch_up: bool  # came from another group to make up a missed session


@dataclass(frozen=True)
class RecordingRow:
    group_name: str
    date: dt.date
    kind: str
    number: int
    participant_id: int
    name: str
    exercise_key: str
    exercise_name: str
    level: int
    pain: int | None  # NRS 0-10; None: not asked
    easy: bool
    next_level: int | None  # agreed for the next session
    note: str
    recorded_by: str  # the therapist's name, or "" when nobody was chosen


@dataclass(frozen=True)
class _Stored:
    """Everything recorded for one participant at one session."""

    attendance: Attendance | None
    done: Sequence[tuple[str, int, ExerciseResult]]  # exercise name, level number, result
    theme: str
    messages: Sequence[str]


# ------------------------------------------------------------------ journal texts


def journal_text(db: Database, session_id: int, participant_id: int) -> str:
    """The journal text of one participant at one session."""
    with db.transaction() as s:
        session = _session(s, session_id)
        _participant(s, participant_id)
        stored = _stored(s, [session], participant_id)
        return _journal(session, stored[session.id])


def journal_texts(
    db: Database, group_id: int, participant_id: int
) -> list[tuple[JournalSession, str]]:
    """The journal texts of every session of a group that has an attendance row for the
    participant (present or not), oldest first."""
    query = (
        select(GroupSession)
        .join(Attendance, Attendance.session_id == GroupSession.id)
        .where(GroupSession.group_id == group_id, Attendance.participant_id == participant_id)
        .order_by(GroupSession.starts_at, GroupSession.id)
        .options(selectinload(GroupSession.group))
    )
    with db.transaction() as s:
        _group(s, group_id)
        _participant(s, participant_id)
        sessions = list(s.scalars(query))
        stored = _stored(s, sessions, participant_id)
        return [(_journal_session(x), _journal(x, stored[x.id])) for x in sessions]


def _journal_session(x: GroupSession) -> JournalSession:
    return JournalSession(x.id, x.group_id, x.group.name, x.kind, x.number, x.starts_at)


def _journal(session: GroupSession, stored: _Stored) -> str:
    lines = [_heading(session)]
    attendance = stored.attendance
    lines += _attendance_lines(attendance)
    if attendance is not None and not attendance.present:
        return "\n".join(lines)  # what the group did is not part of an absent person's file
    lines += [_done_line(name, level, r) for name, level, r in stored.done]
    if stored.theme:
        lines.append(_("Theme of the day: {theme}").format(theme=stored.theme))
    if session.notes.strip():
        lines.append(_("Session notes: {notes}").format(notes=session.notes.strip()))
    if stored.messages:
        lines.append(_("Core messages covered:"))
        lines += [f"- {title}" for title in stored.messages]
    return "\n".join(lines)


def _heading(session: GroupSession) -> str:
    if session.kind == SessionKind.EDUCATION.value:
        heading = _("Education session {n}, group {group}, {date}")
    else:
        heading = _("Exercise session {n}, group {group}, {date}")
    return heading.format(n=session.number, group=session.group.name, date=_day(session))


def _attendance_lines(attendance: Attendance | None) -> list[str]:
    if attendance is None:
        return [_("No attendance recorded.")]
    if not attendance.present:
        reason = attendance.absence_reason.strip()
        return [_("Absent: {reason}").format(reason=reason) if reason else _("Absent")]
    lines = [_("Present, catching up from another group") if attendance.catch_up else _("Present")]
    if attendance.pain_settled is True:
        lines.append(_("Pain after the previous session had settled by the next day."))
    elif attendance.pain_settled is False:
        lines.append(_("Pain after the previous session had not settled by the next day."))
    if attendance.warmup_done:
        lines.append(_("Warm-up done."))
    return lines


def _done_line(name: str, level: int, r: ExerciseResult) -> str:
    parts = [_("level {n}").format(n=level)]
    if r.pain is not None:
        parts.append(_("pain {n}").format(n=r.pain))
    if r.easy:
        parts.append(_("went easily"))
    if r.next_level is not None:
        parts.append(_("next time level {n}").format(n=r.next_level))
    if r.note.strip():
        parts.append(r.note.strip())
    return f"- {name}: " + ", ".join(parts)


def _day(session: GroupSession) -> str:
    return session.starts_at.strftime("%d-%m-%Y")


# ------------------------------------------------------------------ loading for the journal


def _stored(
    s: Session, sessions: Sequence[GroupSession], participant_id: int
) -> dict[int, _Stored]:
    """What was recorded for the participant at these sessions, by session id: four
    queries, however many sessions."""
    ids = [x.id for x in sessions]
    present = s.scalars(
        select(Attendance).where(
            Attendance.session_id.in_(ids), Attendance.participant_id == participant_id
        )
    )
    attendance = {a.session_id: a for a in present}
    done = _exercises_done(s, ids, participant_id)
    themes = _day_themes(s, ids)
    messages = _messages_covered(s, ids)
    return {
        x.id: _Stored(
            attendance.get(x.id),
            done.get(x.id, []),
            themes.get(x.id, ""),
            messages.get(x.id, []) if x.kind == SessionKind.EDUCATION.value else [],
        )
        for x in sessions
    }


def _exercises_done(
    s: Session, ids: list[int], participant_id: int
) -> dict[int, list[tuple[str, int, ExerciseResult]]]:
    query = (
        select(ExerciseResult, ProgrammeExercise.name, ExerciseLevel.number)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(ExerciseResult.session_id.in_(ids), ExerciseResult.participant_id == participant_id)
        .order_by(ProgrammeExercise.position, ProgrammeExercise.id)
    )
    found: dict[int, list[tuple[str, int, ExerciseResult]]] = {}
    for r, name, level in s.execute(query):
        found.setdefault(r.session_id, []).append((name, level, r))
    return found


def _day_themes(s: Session, ids: list[int]) -> dict[int, str]:
    """The theme of the day: an education theme's title, the therapist's note, or both."""
    query = (
        select(DayTheme.session_id, EducationTheme.title, DayTheme.note)
        .outerjoin(EducationTheme, DayTheme.theme_id == EducationTheme.id)
        .where(DayTheme.session_id.in_(ids))
    )
    found: dict[int, str] = {}
    for session_id, title, note in s.execute(query):
        title, note = (title or "").strip(), (note or "").strip()
        found[session_id] = f"{title} ({note})" if title and note else title or note
    return found


def _messages_covered(s: Session, ids: list[int]) -> dict[int, list[str]]:
    query = (
        select(MessageCoverage.session_id, CoreMessage.title)
        .join(CoreMessage, MessageCoverage.message_id == CoreMessage.id)
        .where(MessageCoverage.session_id.in_(ids), MessageCoverage.covered.is_(True))
        .order_by(CoreMessage.number, CoreMessage.id)
    )
    found: dict[int, list[str]] = {}
    for session_id, title in s.execute(query):
        found.setdefault(session_id, []).append(title)
    return found


# ------------------------------------------------------------------ rows for CSV


def attendance_rows(db: Database, group_id: int) -> list[AttendanceRow]:
    """Who came to which session of the group, and who did not (with the reason): one row
    per participant and session where attendance was recorded, people catching up from
    another group included. By date, then name."""
    region = SettingsService(db).get(REGION)
    query = (
        select(Attendance, GroupSession, Participant)
        .join(GroupSession, Attendance.session_id == GroupSession.id)
        .join(Participant, Attendance.participant_id == Participant.id)
        .where(GroupSession.group_id == group_id)
    )
    with db.transaction() as s:
        _group(s, group_id)
        visitors = set(
            s.execute(
                select(CatchUp.session_id, CatchUp.participant_id)
                .join(GroupSession, CatchUp.session_id == GroupSession.id)
                .where(GroupSession.group_id == group_id)
            )
        )
        found = [
            (_order(x, p, region), _attendance_row(a, x, p, (x.id, p.id) in visitors))
            for a, x, p in s.execute(query)
        ]
    return [row for _key, row in sorted(found, key=lambda pair: pair[0])]


def _attendance_row(a: Attendance, x: GroupSession, p: Participant, visitor: bool) -> AttendanceRow:
    return AttendanceRow(
        participant_id=p.id,
        name=_name(p),
        date_of_birth=p.date_of_birth,
        date=x.starts_at.date(),
        kind=x.kind,
        number=x.number,
        present=a.present,
        absence_reason=a.absence_reason if not a.present else "",
        catch_up=a.catch_up or visitor,
    )


def recording_rows(db: Database, group_id: int) -> list[RecordingRow]:
    """Every exercise result of the group's sessions: by date, then name, then the
    exercise's place in the programme."""
    region = SettingsService(db).get(REGION)
    query = (
        select(ExerciseResult, GroupSession, Participant, ProgrammeExercise, ExerciseLevel.number)
        .add_columns(Group.name, Therapist.name)
        .join(GroupSession, ExerciseResult.session_id == GroupSession.id)
        .join(Group, GroupSession.group_id == Group.id)
        .join(Participant, ExerciseResult.participant_id == Participant.id)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .outerjoin(Therapist, ExerciseResult.recorded_by_id == Therapist.id)
        .where(GroupSession.group_id == group_id)
    )
    with db.transaction() as s:
        _group(s, group_id)
        found = [
            (
                (*_order(x, p, region), exercise.position),
                _recording_row(r, x, p, exercise, level, group_name, therapist or ""),
            )
            for r, x, p, exercise, level, group_name, therapist in s.execute(query)
        ]
    return [row for _key, row in sorted(found, key=lambda pair: pair[0])]


def _recording_row(
    r: ExerciseResult,
    x: GroupSession,
    p: Participant,
    exercise: ProgrammeExercise,
    level: int,
    group_name: str,
    therapist: str,
) -> RecordingRow:
    return RecordingRow(
        group_name=group_name,
        date=x.starts_at.date(),
        kind=x.kind,
        number=x.number,
        participant_id=p.id,
        name=_name(p),
        exercise_key=exercise.key,
        exercise_name=exercise.name,
        level=level,
        pain=r.pain,
        easy=r.easy,
        next_level=r.next_level,
        note=r.note,
        recorded_by=therapist,
    )


def _order(x: GroupSession, p: Participant, region: str) -> tuple[dt.datetime, int, str, int]:
    return (x.starts_at, x.id, sort_key(p.first_name, p.name_prefix, p.last_name, region), p.id)


def _name(p: Participant) -> str:
    return full_name(p.first_name, p.name_prefix, p.last_name)


# ------------------------------------------------------------------ lookups


def _session(s: Session, session_id: int) -> GroupSession:
    missing = _("There is no session with number {id}.").format(id=session_id)
    return _load(s, GroupSession, session_id, missing)


def _participant(s: Session, participant_id: int) -> Participant:
    missing = _("There is no participant with number {id}.").format(id=participant_id)
    return _load(s, Participant, participant_id, missing)


def _group(s: Session, group_id: int) -> Group:
    missing = _("There is no group with number {id}.").format(id=group_id)
    return _load(s, Group, group_id, missing)


def _load(s: Session, model: type[_Row], key: int, missing: str) -> _Row:
    row = s.get(model, key)
    if row is None:
        raise NotFound(missing)
    return row
