"""Recording a session as it happens: check-in, the theme of the day, the exercise grid
(level, pain, "went easily"), core messages covered. Every entry is its own transaction,
committed at once; there is no Save button. Each change returns what was there before, so
the screen can undo it (Ctrl+Z) by writing that back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import _
from rugschool.models import (
    Attendance,
    CoreMessage,
    Database,
    DayTheme,
    EducationSession,
    EducationTheme,
    Enrollment,
    EnrollmentStatus,
    ExerciseLevel,
    ExerciseResult,
    GroupSession,
    MessageCoverage,
    ProgrammeExercise,
    ProgrammeVersion,
)
from rugschool.services.progression import Attempt
from rugschool.services.settings import SettingsService
from rugschool.settings import LANGUAGE

_UNCHANGED = object()


@dataclass(frozen=True)
class Result:
    """One cell of the grid as stored."""

    level: int
    pain: int | None = None
    easy: bool = False
    note: str = ""
    next_level: int | None = None  # agreed for the next session


@dataclass(frozen=True)
class _Exercise:
    id: int
    levels: dict[int, int]  # level number -> level row id


class RecordingService:
    def __init__(self, db: Database, therapist_id: int | None = None) -> None:
        self._db = db
        self.therapist_id = therapist_id  # who records: switched with one action
        # (version id, exercise key) -> ids: the programme does not change during a session,
        # and looking it up at every keystroke would cost a query each.
        self._exercises: dict[tuple[int, str], _Exercise] = {}

    # -------------------------------------------------------------- check-in

    def check_in(
        self,
        session_id: int,
        participant_id: int,
        *,
        present: bool = True,
        reason: str = "",
        catch_up: bool = False,
    ) -> None:
        with self._db.transaction() as s:
            row = self._attendance(s, session_id, participant_id)
            row.present, row.absence_reason = present, "" if present else reason.strip()
            row.catch_up = catch_up
            row.recorded_by_id = self.therapist_id

    def set_pain_settled(self, session_id: int, participant_id: int, settled: bool | None) -> None:
        """Whether their pain after the previous session had settled by the next day."""
        with self._db.transaction() as s:
            self._attendance(s, session_id, participant_id).pain_settled = settled

    def pain_settled(self, session_id: int) -> dict[int, bool | None]:
        """Participant id -> whether their pain had settled (None: not asked)."""
        with self._db.transaction() as s:
            rows = s.scalars(select(Attendance).where(Attendance.session_id == session_id))
            return {r.participant_id: r.pain_settled for r in rows}

    def set_warmup(self, session_id: int, participant_id: int, done: bool) -> None:
        with self._db.transaction() as s:
            self._attendance(s, session_id, participant_id).warmup_done = done

    def attendance(self, session_id: int) -> dict[int, tuple[bool, str]]:
        """Who was checked in: participant id -> (present, absence reason)."""
        with self._db.transaction() as s:
            rows = s.scalars(select(Attendance).where(Attendance.session_id == session_id))
            return {r.participant_id: (r.present, r.absence_reason) for r in rows}

    def present(self, session_id: int) -> list[int]:
        with self._db.transaction() as s:
            query = (
                select(Attendance.participant_id)
                .where(Attendance.session_id == session_id, Attendance.present.is_(True))
                .order_by(Attendance.id)
            )
            return list(s.scalars(query))

    @staticmethod
    def _attendance(s: Session, session_id: int, participant_id: int) -> Attendance:
        row = s.scalars(
            select(Attendance).where(
                Attendance.session_id == session_id, Attendance.participant_id == participant_id
            )
        ).one_or_none()
        if row is None:
            row = Attendance(session_id=session_id, participant_id=participant_id)
            s.add(row)
        return row

    # -------------------------------------------------------------- the grid

    def record(
        self,
        session_id: int,
        participant_id: int,
        exercise_key: str,
        *,
        level: int | None = None,
        pain: int | object | None = _UNCHANGED,
        easy: bool | None = None,
        note: str | None = None,
        next_level: int | object | None = _UNCHANGED,
    ) -> Result | None:
        """Stores one cell (only the parts given); returns what was there before."""
        if isinstance(pain, int) and not 0 <= pain <= 10:
            raise ValidationError(_("Pain is scored from 0 to 10."))
        with self._db.transaction() as s:
            exercise = self._exercise(s, session_id, exercise_key)
            row = self._result(s, session_id, participant_id, exercise.id)
            before = _as_result(row, exercise)
            if row is None:
                if level is None:
                    raise ValidationError(_("Choose a level first."))
                row = ExerciseResult(
                    session_id=session_id,
                    participant_id=participant_id,
                    exercise_id=exercise.id,
                    easy=False,
                    note="",
                )
                s.add(row)
            if level is not None:
                row.level_id = _level_id(exercise, level)
            if pain is not _UNCHANGED:
                row.pain = pain if isinstance(pain, int) else None
            if easy is not None:
                row.easy = easy
            if note is not None:
                row.note = note.strip()
            if next_level is not _UNCHANGED:
                row.next_level = next_level if isinstance(next_level, int) else None
            row.recorded_by_id = self.therapist_id
            return before

    def restore(
        self, session_id: int, participant_id: int, exercise_key: str, previous: Result | None
    ) -> None:
        """Puts a cell back as it was (undo): `None` removes it."""
        self.put_all(session_id, [(participant_id, exercise_key, previous)])

    def clear(self, session_id: int, participant_id: int, exercise_key: str) -> Result | None:
        return self.put_all(session_id, [(participant_id, exercise_key, None)])[0]

    def put_all(
        self, session_id: int, cells: Sequence[tuple[int, str, Result | None]]
    ) -> list[Result | None]:
        """Writes cells as given (`None` empties one) in one transaction: every one of them
        or, on any error, none. Returns what each held before, for undo."""
        befores: list[Result | None] = []
        with self._db.transaction() as s:
            for participant_id, exercise_key, wanted in cells:
                exercise = self._exercise(s, session_id, exercise_key)
                row = self._result(s, session_id, participant_id, exercise.id)
                befores.append(_as_result(row, exercise))
                if wanted is None:
                    if row is not None:
                        s.delete(row)
                        s.flush()  # the same cell may be written again in this batch
                    continue
                if row is None:
                    row = ExerciseResult(
                        session_id=session_id,
                        participant_id=participant_id,
                        exercise_id=exercise.id,
                    )
                    s.add(row)
                row.level_id = _level_id(exercise, wanted.level)
                row.pain, row.easy, row.note = wanted.pain, wanted.easy, wanted.note.strip()
                row.next_level = wanted.next_level
                row.recorded_by_id = self.therapist_id
        return befores

    def result(self, session_id: int, participant_id: int, exercise_key: str) -> Result | None:
        with self._db.transaction() as s:
            exercise = self._exercise(s, session_id, exercise_key)
            row = self._result(s, session_id, participant_id, exercise.id)
            return _as_result(row, exercise)

    def warmups(self, session_id: int) -> set[int]:
        with self._db.transaction() as s:
            query = select(Attendance.participant_id).where(
                Attendance.session_id == session_id, Attendance.warmup_done.is_(True)
            )
            return set(s.scalars(query))

    def results(self, session_id: int) -> dict[tuple[int, str], Result]:
        """Every stored cell of a session, by (participant, exercise key)."""
        with self._db.transaction() as s:
            return session_results(s, session_id)

    def current_levels(self, session_id: int, participant_id: int) -> dict[str, int]:
        """Where someone stands per exercise before this session: the level they did last
        (or the level agreed for next time), or their starting level, or 1."""
        return self.levels_before(session_id, [participant_id])[participant_id]

    def levels_before(
        self, session_id: int, participant_ids: Sequence[int]
    ) -> dict[int, dict[str, int]]:
        """`current_levels` for everyone in the grid at once."""
        with self._db.transaction() as s:
            session = self._session(s, session_id)
            return levels_of_many(s, session.group_id, participant_ids, session.starts_at)

    def history(
        self, session_id: int, participant_ids: list[int]
    ) -> dict[tuple[int, str], list[Attempt]]:
        """Everyone's attempts per exercise in the sessions before this one, oldest first:
        with this session's entry added, what the progression rule reads."""
        with self._db.transaction() as s:
            session = self._session(s, session_id)
            query = (
                select(
                    ExerciseResult.participant_id,
                    ProgrammeExercise.key,
                    ExerciseLevel.number,
                    ExerciseResult.pain,
                    ExerciseResult.easy,
                )
                .join(GroupSession, ExerciseResult.session_id == GroupSession.id)
                .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
                .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
                .where(
                    ExerciseResult.participant_id.in_(participant_ids),
                    GroupSession.starts_at <= session.starts_at,
                )
                .order_by(GroupSession.starts_at)
            )
            found: dict[tuple[int, str], list[Attempt]] = {}
            for pid, key, number, pain, easy in s.execute(query):
                found.setdefault((pid, key), []).append(Attempt(number, pain, bool(easy)))
            return found

    # -------------------------------------------------------------- the talk

    def set_day_theme(self, session_id: int, theme_key: str | None, note: str = "") -> None:
        """The theme of the day: an education theme, or None for the participants' own
        experiences (the note says what)."""
        with self._db.transaction() as s:
            session = self._session(s, session_id)
            theme_id = None
            if theme_key is not None:
                version_id = self._version_id(s, session)
                theme_id = s.scalar(
                    select(EducationTheme.id)
                    .join(EducationSession, EducationTheme.session_id == EducationSession.id)
                    .where(
                        EducationTheme.key == theme_key, EducationSession.version_id == version_id
                    )
                )
                if theme_id is None:
                    raise NotFound(_("There is no theme {key}.").format(key=theme_key))
            row = s.get(DayTheme, session_id) or DayTheme(session_id=session_id)
            row.theme_id, row.note = theme_id, note.strip()
            s.add(row)

    def set_covered(self, session_id: int, message_key: str, covered: bool, note: str = "") -> None:
        with self._db.transaction() as s:
            version_id = self._version_id(s, self._session(s, session_id))
            message_id = s.scalar(
                select(CoreMessage.id).where(
                    CoreMessage.key == message_key, CoreMessage.version_id == version_id
                )
            )
            if message_id is None:
                raise NotFound(_("There is no core message {key}.").format(key=message_key))
            row = s.scalars(
                select(MessageCoverage).where(
                    MessageCoverage.session_id == session_id,
                    MessageCoverage.message_id == message_id,
                )
            ).one_or_none()
            row = row or MessageCoverage(session_id=session_id, message_id=message_id)
            row.covered, row.note = covered, note.strip()
            s.add(row)

    def coverage_notes(self, session_id: int) -> dict[str, str]:
        """The notes typed with the core messages of a session, by message key."""
        query = (
            select(CoreMessage.key, MessageCoverage.note)
            .join(MessageCoverage, MessageCoverage.message_id == CoreMessage.id)
            .where(MessageCoverage.session_id == session_id)
        )
        with self._db.transaction() as s:
            return {key: note for key, note in s.execute(query) if note}

    def coverage(self, session_id: int) -> dict[str, bool]:
        query = (
            select(CoreMessage.key, MessageCoverage.covered)
            .join(MessageCoverage, MessageCoverage.message_id == CoreMessage.id)
            .where(MessageCoverage.session_id == session_id)
        )
        with self._db.transaction() as s:
            return {key: bool(covered) for key, covered in s.execute(query)}

    # -------------------------------------------------------------- lookups

    @staticmethod
    def _session(s: Session, session_id: int) -> GroupSession:
        session = s.get(GroupSession, session_id)
        if session is None:
            raise NotFound(_("There is no session with number {id}.").format(id=session_id))
        return session

    def _version_id(self, s: Session, session: GroupSession) -> int:
        """The programme version the group follows, or the newest in the practice's
        language for a group made before it had one."""
        if session.group.programme_version_id is not None:
            return session.group.programme_version_id
        language = SettingsService(self._db).get(LANGUAGE)
        version_id = s.scalar(
            select(ProgrammeVersion.id)
            .where(ProgrammeVersion.language == language)
            .order_by(ProgrammeVersion.id.desc())
            .limit(1)
        )
        if version_id is None:
            raise NotFound(_("There is no programme yet. Load the demo, or restart Rugschool."))
        return version_id

    def _exercise(self, s: Session, session_id: int, key: str) -> _Exercise:
        session = self._session(s, session_id)
        version_id = self._version_id(s, session)
        found = self._exercises.get((version_id, key))
        if found is None:
            exercise = s.scalars(
                select(ProgrammeExercise).where(
                    ProgrammeExercise.version_id == version_id, ProgrammeExercise.key == key
                )
            ).one_or_none()
            if exercise is None:
                raise NotFound(_("There is no exercise {key}.").format(key=key))
            found = _Exercise(exercise.id, {lv.number: lv.id for lv in exercise.levels})
            self._exercises[(version_id, key)] = found
        return found

    @staticmethod
    def _result(
        s: Session, session_id: int, participant_id: int, exercise_id: int
    ) -> ExerciseResult | None:
        return s.scalars(
            select(ExerciseResult).where(
                ExerciseResult.session_id == session_id,
                ExerciseResult.participant_id == participant_id,
                ExerciseResult.exercise_id == exercise_id,
            )
        ).one_or_none()


def _level_id(exercise: _Exercise, level: int) -> int:
    if level not in exercise.levels:
        raise ValidationError(
            _("This exercise has levels 1 to {n}.").format(n=max(exercise.levels))
        )
    return exercise.levels[level]


def _as_result(row: ExerciseResult | None, exercise: _Exercise) -> Result | None:
    if row is None:
        return None
    number = next(n for n, level_id in exercise.levels.items() if level_id == row.level_id)
    return Result(number, row.pain, row.easy, row.note, row.next_level)


def active_participants(db: Database, session_id: int) -> list[int]:
    """Who is expected at a session: the group's active people who had started by then."""
    with db.transaction() as s:
        session = s.get(GroupSession, session_id)
        if session is None:
            return []
        day = session.starts_at.date()
        query = (
            select(Enrollment.participant_id, Enrollment.start_date)
            .where(
                Enrollment.group_id == session.group_id,
                Enrollment.status == EnrollmentStatus.ACTIVE.value,
            )
            .order_by(Enrollment.id)
        )
        return [pid for pid, start in s.execute(query) if start is None or start <= day]


def levels_as_of(
    s: Session, group_id: int, participant_id: int, before: dt.datetime | None = None
) -> dict[str, int]:
    """Per exercise key: the level last done before `before` (or the level agreed then for
    next time), else the starting level of their enrollment in this group. Exercises never
    done and without a starting level are left out (they start at 1)."""
    return levels_of_many(s, group_id, [participant_id], before)[participant_id]


def levels_of_many(
    s: Session, group_id: int, participant_ids: Sequence[int], before: dt.datetime | None = None
) -> dict[int, dict[str, int]]:
    """`levels_as_of` for several people at once: two queries however many there are."""
    levels: dict[int, dict[str, int]] = {pid: {} for pid in participant_ids}
    starting = select(Enrollment.participant_id, Enrollment.starting_levels).where(
        Enrollment.group_id == group_id, Enrollment.participant_id.in_(participant_ids)
    )
    for pid, start in s.execute(starting):
        levels[pid] = dict(start)
    earlier = (
        select(ExerciseResult.participant_id, ProgrammeExercise.key, ExerciseLevel.number)
        .add_columns(ExerciseResult.next_level)
        .join(GroupSession, ExerciseResult.session_id == GroupSession.id)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(ExerciseResult.participant_id.in_(participant_ids))
        .order_by(GroupSession.starts_at)
    )
    if before is not None:
        earlier = earlier.where(GroupSession.starts_at < before)
    for pid, key, number, agreed in s.execute(earlier):
        levels[pid][key] = agreed or number  # later sessions overwrite earlier ones
    return levels


def session_results(s: Session, session_id: int) -> dict[tuple[int, str], Result]:
    """Every stored cell of a session, by (participant, exercise key), in one query."""
    query = (
        select(ExerciseResult, ProgrammeExercise.key, ExerciseLevel.number)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(ExerciseResult.session_id == session_id)
    )
    return {
        (r.participant_id, key): Result(number, r.pain, bool(r.easy), r.note, r.next_level)
        for r, key, number in s.execute(query)
    }
