"""The paper side of one session: the registration form (registratieformulier) to fill in
with a pen when the laptop cannot be used, and the session summary (sessieverslag) the
clinic keeps. Plain data, no ReportLab.

Each is gathered in one transaction with a fixed number of queries, however many people
the group has. The rules that shape what is gathered (who is on the list, planned levels,
attendance, attention points) are in rugschool.services.session_report_rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from rugschool.errors import NotFound
from rugschool.i18n import _
from rugschool.models import (
    Attendance,
    CatchUp,
    CoreMessage,
    Database,
    DayTheme,
    EducationTheme,
    Enrollment,
    ExerciseLevel,
    ExerciseResult,
    GroupSession,
    MessageCoverage,
    Participant,
    ProgrammeExercise,
    ProgrammeVersion,
    SessionKind,
)
from rugschool.services.course_flags import CourseFlagService
from rugschool.services.progression import PainBands
from rugschool.services.recording import session_results
from rugschool.services.session_report_rules import (
    DEFAULT_BANDS,
    CoveredMessage,
    DayThemeInfo,
    ExerciseColumn,
    Membership,
    Person,
    ResultRow,
    SessionInfo,
    SheetData,
    SheetRow,
    SummaryData,
    attention_points,
    expected,
    listed_people,
    missed_previous,
    planned_levels,
    previous_sessions,
    result_cells,
    summary_row,
)
from rugschool.services.settings import SettingsService
from rugschool.settings import LANGUAGE, REGION

# ------------------------------------------------------------------ gathering


@dataclass(frozen=True)
class _Basics:
    info: SessionInfo
    warmup: str | None
    exercises: tuple[ExerciseColumn, ...]
    people: tuple[Person, ...]
    checks: Mapping[int, Attendance]


def _session(s: Session, session_id: int) -> GroupSession:
    session = s.scalars(
        select(GroupSession)
        .where(GroupSession.id == session_id)
        .options(
            joinedload(GroupSession.group),
            joinedload(GroupSession.lead),
            joinedload(GroupSession.assistant),
        )
    ).one_or_none()
    if session is None:
        raise NotFound(_("There is no session with number {id}.").format(id=session_id))
    return session


def _info(x: GroupSession) -> SessionInfo:
    return SessionInfo(
        id=x.id,
        group_id=x.group_id,
        group=x.group.name,
        location=x.group.location,
        kind=x.kind,
        number=x.number,
        starts_at=x.starts_at,
        minutes=x.minutes,
        lead=x.lead.name if x.lead else None,
        assistant=x.assistant.name if x.assistant else None,
        notes=x.notes,
    )


def _version_id(s: Session, own: int | None, language: str) -> int | None:
    """The group's programme version, or (a group made before it had one) the newest in
    the practice's language, or the newest of all."""
    if own is not None:
        return own
    newest = select(ProgrammeVersion.id).order_by(ProgrammeVersion.id.desc()).limit(1)
    found = s.scalar(newest.where(ProgrammeVersion.language == language))
    return found if found is not None else s.scalar(newest)


def _columns(s: Session, version_id: int | None) -> tuple[str | None, tuple[ExerciseColumn, ...]]:
    """The warm-up's name and the exercises in order, each with its number of levels."""
    if version_id is None:
        return None, ()
    query = (
        select(
            ProgrammeExercise.key,
            ProgrammeExercise.kind,
            ProgrammeExercise.position,
            ProgrammeExercise.name,
            func.count(ExerciseLevel.id),
        )
        .outerjoin(ExerciseLevel, ExerciseLevel.exercise_id == ProgrammeExercise.id)
        .where(ProgrammeExercise.version_id == version_id)
        .group_by(ProgrammeExercise.id)
        .order_by(ProgrammeExercise.position, ProgrammeExercise.id)
    )
    warmup: str | None = None
    columns: list[ExerciseColumn] = []
    for key, kind, position, name, levels in s.execute(query):
        if kind == "warmup":
            warmup = warmup or name
        elif levels:
            columns.append(ExerciseColumn(key, position, name, levels))
    return warmup, tuple(columns)


def _checks(s: Session, session_id: int) -> dict[int, Attendance]:
    rows = s.scalars(select(Attendance).where(Attendance.session_id == session_id))
    return {row.participant_id: row for row in rows}


def _people(
    s: Session, x: GroupSession, checks: Mapping[int, Attendance], region: str, also: Iterable[int]
) -> tuple[Person, ...]:
    enrolled: dict[int, Membership] = {
        pid: (start, status, levels)
        for pid, start, status, levels in s.execute(
            select(
                Enrollment.participant_id,
                Enrollment.start_date,
                Enrollment.status,
                Enrollment.starting_levels,
            ).where(Enrollment.group_id == x.group_id)
        )
    }
    catching_up = set(s.scalars(select(CatchUp.participant_id).where(CatchUp.session_id == x.id)))
    ids = expected(enrolled, x.starts_at.date()) | catching_up | set(checks) | set(also)
    names = s.execute(
        select(
            Participant.id, Participant.first_name, Participant.name_prefix, Participant.last_name
        ).where(Participant.id.in_(ids))
    ).all()
    guests = catching_up | {pid for pid, check in checks.items() if check.catch_up}
    return listed_people(names, enrolled, guests, x.group.start_date, region)


def _basics(
    s: Session, session_id: int, region: str, language: str, also: Iterable[int] = ()
) -> _Basics:
    x = _session(s, session_id)
    warmup: str | None = None
    exercises: tuple[ExerciseColumn, ...] = ()
    if x.kind == SessionKind.EXERCISE.value:
        warmup, exercises = _columns(s, _version_id(s, x.group.programme_version_id, language))
    checks = _checks(s, session_id)
    people = _people(s, x, checks, region, also)
    return _Basics(_info(x), warmup, exercises, people, checks)


def _earlier(
    s: Session, ids: list[int], before: dt.datetime
) -> tuple[dict[tuple[int, str], int], dict[tuple[int, str], int]]:
    """Per (participant, exercise key), from the sessions before: the level to start at
    next (the agreed one, else the one done) and the level last done."""
    query = (
        select(
            ExerciseResult.participant_id,
            ProgrammeExercise.key,
            ExerciseLevel.number,
            ExerciseResult.next_level,
        )
        .join(GroupSession, ExerciseResult.session_id == GroupSession.id)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(ExerciseResult.participant_id.in_(ids), GroupSession.starts_at < before)
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    planned: dict[tuple[int, str], int] = {}
    done: dict[tuple[int, str], int] = {}
    for pid, key, number, agreed in s.execute(query):
        planned[(pid, key)] = agreed or number  # later sessions overwrite earlier ones
        done[(pid, key)] = number
    return planned, done


def _region_and_language(db: Database) -> tuple[str, str]:
    settings = SettingsService(db)
    return settings.get(REGION), settings.get(LANGUAGE)


def sheet_data(db: Database, session_id: int) -> SheetData:
    """What the registration form of a session prints: who is expected and, per exercise,
    the level each person is planned to do."""
    region, language = _region_and_language(db)
    with db.transaction() as s:
        basics = _basics(s, session_id, region, language)
        earlier, _done = _earlier(s, [p.id for p in basics.people], basics.info.starts_at)
    rows = tuple(
        SheetRow(p.id, p.name, p.catch_up, planned_levels(p, basics.exercises, earlier))
        for p in basics.people
    )
    return SheetData(basics.info, basics.warmup, basics.exercises, rows)


# ------------------------------------------------------------------ the summary


def _results(s: Session, session_id: int) -> list[ResultRow]:
    """This session's cells: participant, exercise key, level, pain, easy, note, agreed."""
    return [
        (pid, key, r.level, r.pain, r.easy, r.note, r.next_level)
        for (pid, key), r in session_results(s, session_id).items()
    ]


def _missed_before(s: Session, info: SessionInfo, people: Iterable[Person]) -> set[int]:
    """The group's own people who missed the session before this one that they were
    expected at (their course had started)."""
    earlier = s.execute(
        select(GroupSession.id, GroupSession.starts_at)
        .where(GroupSession.group_id == info.group_id, GroupSession.starts_at < info.starts_at)
        .order_by(GroupSession.starts_at.desc(), GroupSession.id.desc())
    ).all()
    previous = previous_sessions(people, earlier)
    checks = s.execute(
        select(Attendance.session_id, Attendance.participant_id, Attendance.present).where(
            Attendance.session_id.in_(set(previous.values()))
        )
    ).all()
    return missed_previous(previous, checks)


def _messages(s: Session, session_id: int) -> tuple[CoveredMessage, ...]:
    query = (
        select(CoreMessage.number, CoreMessage.title, MessageCoverage.covered, MessageCoverage.note)
        .join(MessageCoverage, MessageCoverage.message_id == CoreMessage.id)
        .where(MessageCoverage.session_id == session_id)
        .order_by(CoreMessage.number)
    )
    return tuple(CoveredMessage(n, title, bool(c), note) for n, title, c, note in s.execute(query))


def _theme(s: Session, session_id: int) -> DayThemeInfo | None:
    row = s.execute(
        select(EducationTheme.title, DayTheme.note)
        .select_from(DayTheme)
        .outerjoin(EducationTheme, DayTheme.theme_id == EducationTheme.id)
        .where(DayTheme.session_id == session_id)
    ).one_or_none()
    return None if row is None else DayThemeInfo(row[0], row[1])


def summary_data(db: Database, session_id: int, bands: PainBands = DEFAULT_BANDS) -> SummaryData:
    """The clinic's record of a session, of either kind, recorded or not (yet)."""
    region, language = _region_and_language(db)
    with db.transaction() as s:
        results = _results(s, session_id)
        basics = _basics(s, session_id, region, language, also={r[0] for r in results})
        _planned, done = _earlier(s, [p.id for p in basics.people], basics.info.starts_at)
        missed_before = _missed_before(s, basics.info, basics.people)
        theme, messages = _theme(s, session_id), _messages(s, session_id)
        cells = result_cells(results, done)
        rows = tuple(
            summary_row(p, basics.checks.get(p.id), bool(basics.checks), cells.get(p.id, {}))
            for p in basics.people
        )
    attention = attention_points(rows, basics.exercises, bands, missed_before)
    day = basics.info.starts_at.date()
    flags = CourseFlagService(db, bands).for_session(session_id, day)
    return SummaryData(
        basics.info,
        basics.exercises,
        rows,
        attention,
        theme,
        messages,
        bands,
        {pid: tuple(found) for pid, found in flags.items() if found},
    )
