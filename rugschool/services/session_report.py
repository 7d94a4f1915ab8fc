"""The paper side of one session: the registration form (registratieformulier) to fill in
with a pen when the laptop cannot be used, and the session summary (sessieverslag) the
clinic keeps. Plain data, no ReportLab.

Each is gathered in one transaction with a fixed number of queries, however many people
the group has.

Who is on the list: the group's active participants whose own course had started by the
day of the session (as at check-in), the people catching up here from another group, and
anyone already checked in or recorded (so someone who has stopped since still appears in
the summary of a session they came to). The group's own people come first, in the order of
the group list, then the catch-ups.

The planned level per exercise is where the recording screen starts: the level done last
time (or the level agreed then for next time), else the starting level, else 1.

Attendance: someone without a check-in at a session where others were checked in was not
ticked present, so counts as absent (without a reason); at a session where nobody has been
checked in yet, attendance is not recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

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
    EnrollmentStatus,
    ExerciseLevel,
    ExerciseResult,
    GroupSession,
    MessageCoverage,
    Participant,
    ProgrammeExercise,
    ProgrammeVersion,
    SessionKind,
)
from rugschool.services.names import full_name, sort_key
from rugschool.services.progression import PainBands
from rugschool.services.settings import SettingsService
from rugschool.settings import LANGUAGE, REGION

Presence = Literal["present", "absent", "not_recorded"]
AttentionKind = Literal["pain_too_high", "pain_not_settled", "absent_twice"]
Change = Literal["up", "down"]

DEFAULT_BANDS = PainBands()


@dataclass(frozen=True)
class SessionInfo:
    id: int
    group_id: int
    group: str
    location: str
    kind: str  # SessionKind: "education" or "exercise"
    number: int
    starts_at: dt.datetime
    minutes: int
    lead: str | None  # the therapists' names
    assistant: str | None
    notes: str

    @property
    def is_exercise(self) -> bool:
        return self.kind == SessionKind.EXERCISE.value

    @property
    def therapists(self) -> tuple[str, ...]:
        return tuple(name for name in (self.lead, self.assistant) if name)

    def label(self) -> str:
        """ "Exercise session 3, 17-11-2026 at 19:00", in the active language."""
        if self.is_exercise:
            text = _("Exercise session {number}, {day} at {time}")
        else:
            text = _("Education session {number}, {day} at {time}")
        day, time = self.starts_at.strftime("%d-%m-%Y"), self.starts_at.strftime("%H:%M")
        return text.format(number=self.number, day=day, time=time)


@dataclass(frozen=True)
class ExerciseColumn:
    key: str
    position: int  # 1, 2, ... as the therapist numbers them
    name: str
    levels: int  # how many levels it has


@dataclass(frozen=True)
class SheetRow:
    participant_id: int
    name: str
    catch_up: bool  # from another group, making up a missed session here
    planned: Mapping[str, int]  # exercise key -> planned level


class _OfSession:
    session: SessionInfo

    @property
    def group(self) -> str:
        return self.session.group

    @property
    def starts_at(self) -> dt.datetime:
        return self.session.starts_at


@dataclass(frozen=True)
class SheetData(_OfSession):
    session: SessionInfo
    warmup: str | None  # the warm-up's name; None: the programme has none
    exercises: tuple[ExerciseColumn, ...]  # empty for an education session
    participants: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Cell:
    """One exercise of one participant in this session."""

    level: int
    pain: int | None  # NRS 0-10; None: not asked
    easy: bool
    note: str
    next_level: int | None  # agreed for next time
    previous: int | None  # the level done the time before; None: first time

    @property
    def change(self) -> Change | None:
        if self.previous is None or self.previous == self.level:
            return None
        return "up" if self.level > self.previous else "down"


@dataclass(frozen=True)
class SummaryRow:
    participant_id: int
    name: str
    catch_up: bool
    presence: Presence
    absence_reason: str
    warmup_done: bool
    pain_settled: bool | None  # after the previous session, by the next day; None: not asked
    cells: Mapping[str, Cell]  # exercise key -> what was done


@dataclass(frozen=True)
class AttentionPoint:
    kind: AttentionKind
    participant_id: int
    name: str
    exercise: str = ""  # the exercise's name, for pain
    pain: int | None = None

    def text(self, bands: PainBands = DEFAULT_BANDS) -> str:
        """What to look at, without the name, in the active language."""
        if self.kind == "pain_too_high":
            return _("pain {pain} during {exercise}, above {max}").format(
                pain=self.pain, exercise=self.exercise, max=bands.acceptable_max
            )
        if self.kind == "pain_not_settled":
            return _("pain after the previous session had not settled by the next day")
        return _("absent twice in a row (this session and the one before)")


@dataclass(frozen=True)
class CoveredMessage:
    number: int
    title: str
    covered: bool
    note: str


@dataclass(frozen=True)
class DayThemeInfo:
    title: str | None  # None: the participants' own experiences
    note: str


@dataclass(frozen=True)
class SummaryData(_OfSession):
    session: SessionInfo
    exercises: tuple[ExerciseColumn, ...]  # empty for an education session
    participants: tuple[SummaryRow, ...]
    attention: tuple[AttentionPoint, ...]
    theme: DayThemeInfo | None
    messages: tuple[CoveredMessage, ...]
    bands: PainBands = DEFAULT_BANDS

    @property
    def recorded(self) -> bool:
        """Whether anything at all was recorded for the session."""
        people = any(p.presence != "not_recorded" or p.cells for p in self.participants)
        return people or self.theme is not None or bool(self.messages)


# ------------------------------------------------------------------ gathering


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    catch_up: bool
    start: dt.date | None  # of their own course in this group; None: not a member
    starting_levels: Mapping[str, int]


@dataclass(frozen=True)
class _Basics:
    info: SessionInfo
    warmup: str | None
    exercises: tuple[ExerciseColumn, ...]
    people: tuple[_Person, ...]
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
) -> tuple[_Person, ...]:
    enrolled = {
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
    day = x.starts_at.date()
    expected = {
        pid
        for pid, (start, status, _levels) in enrolled.items()
        if status == EnrollmentStatus.ACTIVE.value and (start is None or start <= day)
    }
    ids = expected | catching_up | set(checks) | set(also)
    names = s.execute(
        select(
            Participant.id, Participant.first_name, Participant.name_prefix, Participant.last_name
        ).where(Participant.id.in_(ids))
    ).all()
    people = []
    for pid, first, prefix, last in names:
        own = enrolled.get(pid)
        check = checks.get(pid)
        guest = own is None or pid in catching_up or (check is not None and check.catch_up)
        start = (own[0] or x.group.start_date or dt.date.min) if own else None
        person = _Person(pid, full_name(first, prefix, last), guest, start, own[2] if own else {})
        people.append(((guest, sort_key(first, prefix, last, region), pid), person))
    return tuple(person for _order, person in sorted(people, key=lambda item: item[0]))


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


def _planned(
    person: _Person, exercises: Iterable[ExerciseColumn], earlier: Mapping[tuple[int, str], int]
) -> dict[str, int]:
    found = {}
    for e in exercises:
        level = earlier.get((person.id, e.key)) or person.starting_levels.get(e.key) or 1
        found[e.key] = min(max(level, 1), e.levels)
    return found


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
        SheetRow(p.id, p.name, p.catch_up, _planned(p, basics.exercises, earlier))
        for p in basics.people
    )
    return SheetData(basics.info, basics.warmup, basics.exercises, rows)


# ------------------------------------------------------------------ the summary

_Done = tuple[int, str, int, int | None, bool, str, int | None]


def _results(s: Session, session_id: int) -> list[_Done]:
    """This session's cells: participant, exercise key, level, pain, easy, note, agreed."""
    query = (
        select(
            ExerciseResult.participant_id,
            ProgrammeExercise.key,
            ExerciseLevel.number,
            ExerciseResult.pain,
            ExerciseResult.easy,
            ExerciseResult.note,
            ExerciseResult.next_level,
        )
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(ExerciseResult.session_id == session_id)
    )
    return [
        (p, k, n, pain, bool(easy), note, agreed)
        for p, k, n, pain, easy, note, agreed in s.execute(query)
    ]


def _cells(
    results: Iterable[_Done], before: Mapping[tuple[int, str], int]
) -> dict[int, dict[str, Cell]]:
    cells: dict[int, dict[str, Cell]] = {}
    for pid, key, level, pain, easy, note, agreed in results:
        previous = before.get((pid, key))
        cells.setdefault(pid, {})[key] = Cell(level, pain, easy, note, agreed, previous)
    return cells


def _missed_before(s: Session, info: SessionInfo, people: Iterable[_Person]) -> set[int]:
    """The group's own people who missed the session before this one that they were
    expected at (their course had started)."""
    earlier = s.execute(
        select(GroupSession.id, GroupSession.starts_at)
        .where(GroupSession.group_id == info.group_id, GroupSession.starts_at < info.starts_at)
        .order_by(GroupSession.starts_at.desc(), GroupSession.id.desc())
    ).all()
    previous: dict[int, int] = {}
    for p in people:
        if p.start is not None and not p.catch_up:
            found = next((sid for sid, starts in earlier if starts.date() >= p.start), None)
            if found is not None:
                previous[p.id] = found
    rows = s.execute(
        select(Attendance.session_id, Attendance.participant_id, Attendance.present).where(
            Attendance.session_id.in_(set(previous.values()))
        )
    ).all()
    present = {(sid, pid): bool(here) for sid, pid, here in rows}
    checked = {sid for sid, _pid, _here in rows}
    return {
        pid
        for pid, sid in previous.items()
        if sid in checked and not present.get((sid, pid), False)
    }


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


def _summary_row(
    p: _Person, check: Attendance | None, anyone_checked: bool, cells: Mapping[str, Cell]
) -> SummaryRow:
    presence: Presence
    if check is not None:
        presence = "present" if check.present else "absent"
    else:  # not ticked present where others were: absent, reason unknown
        presence = "absent" if anyone_checked else "not_recorded"
    if check is None or not check.present:  # what was ticked before they left no longer counts
        reason = check.absence_reason if check is not None else ""
        return SummaryRow(p.id, p.name, p.catch_up, presence, reason, False, None, cells)
    warmup, settled = check.warmup_done, check.pain_settled
    return SummaryRow(p.id, p.name, p.catch_up, presence, "", warmup, settled, cells)


def _attention(
    rows: Iterable[SummaryRow],
    exercises: Iterable[ExerciseColumn],
    bands: PainBands,
    missed_before: set[int],
) -> tuple[AttentionPoint, ...]:
    """Pain above the acceptable band first, then pain that had not settled, then
    absence twice in a row; within each, in the order of the list."""
    rows, exercises = list(rows), list(exercises)
    pain = [
        AttentionPoint("pain_too_high", r.participant_id, r.name, e.name, r.cells[e.key].pain)
        for r in rows
        for e in exercises
        if e.key in r.cells and bands.band(r.cells[e.key].pain) == "too_high"
    ]
    settled = [
        AttentionPoint("pain_not_settled", r.participant_id, r.name)
        for r in rows
        if r.pain_settled is False
    ]
    absent = [
        AttentionPoint("absent_twice", r.participant_id, r.name)
        for r in rows
        if r.presence == "absent" and r.participant_id in missed_before
    ]
    return (*pain, *settled, *absent)


def summary_data(db: Database, session_id: int, bands: PainBands = DEFAULT_BANDS) -> SummaryData:
    """The clinic's record of a session, of either kind, recorded or not (yet)."""
    region, language = _region_and_language(db)
    with db.transaction() as s:
        results = _results(s, session_id)
        basics = _basics(s, session_id, region, language, also={r[0] for r in results})
        _planned, done = _earlier(s, [p.id for p in basics.people], basics.info.starts_at)
        missed_before = _missed_before(s, basics.info, basics.people)
        theme, messages = _theme(s, session_id), _messages(s, session_id)
        cells = _cells(results, done)
        rows = tuple(
            _summary_row(p, basics.checks.get(p.id), bool(basics.checks), cells.get(p.id, {}))
            for p in basics.people
        )
    attention = _attention(rows, basics.exercises, bands, missed_before)
    return SummaryData(basics.info, basics.exercises, rows, attention, theme, messages, bands)
