"""The pseudonymised research file: one row per course of each participant who consented to
research use, under a code instead of their name.

No name, contact detail, note, free text or date is in it: the age in whole years at the
first session attended (else the course's start) stands in for the date of birth, the group
is its number. Sessions attended are those of the course's own group (catch-ups elsewhere
are not counted); levels are the start level (agreed at the intake, else the first done) and
the last done, per exercise. The column names are
codes, the same in every language, so a researcher's script reads every export alike. A
fixed number of queries, however many people.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from rugschool.models import (
    Attendance,
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
    SessionKind,
)
from rugschool.services.privacy_rules import age_on, participant_code

# The outcome measures in the file: (instrument, part); the NPRS has a back and a leg score.
MEASURES: tuple[tuple[Instrument, str], ...] = (
    (Instrument.NPRS, "back"),
    (Instrument.NPRS, "leg"),
    (Instrument.PSK, ""),
    (Instrument.QBPDS, ""),
    (Instrument.ODI, ""),
    (Instrument.FABQ_PA, ""),
)
FIXED_COLUMNS = (
    "code",
    "group",
    "status",
    "goal_outcome",
    "age_at_start",
    "sessions_attended",
    "exercise_sessions_attended",
    "education_sessions_attended",
)


def measure_columns() -> list[str]:
    return [
        "_".join(p for p in (instrument.value, part, moment.value) if p)
        for moment in Moment
        for instrument, part in MEASURES
    ]


@dataclass(frozen=True)
class ResearchTable:
    header: list[str]
    rows: list[list[str | int | float | None]]
    participant_ids: list[int]  # who is in it, for the audit log


def research_table(s: Session, secret: str) -> ResearchTable:
    consenting = select(Participant.id).where(Participant.consent_research_on.is_not(None))
    courses = list(
        s.execute(
            select(Enrollment, Participant.date_of_birth, Group)
            .join(Participant, Participant.id == Enrollment.participant_id)
            .join(Group, Group.id == Enrollment.group_id)
            .where(Enrollment.participant_id.in_(consenting))
            .where(Enrollment.status != EnrollmentStatus.WAITING.value)
            .order_by(Enrollment.participant_id, Enrollment.id)
        )
    )
    present = _present(s, consenting)
    scores = _scores(s, [e.id for e, _born, _group in courses])
    levels = _levels(s, consenting)
    keys = _exercise_keys(s, {g.programme_version_id for _e, _b, g in courses})
    header = [
        *FIXED_COLUMNS,
        *measure_columns(),
        *[f"level_{when}_{key}" for key in keys for when in ("start", "end")],
    ]
    rows = []
    for e, born, group in courses:
        days = present.get((e.participant_id, group.id), [])
        first = min((day for day, _kind in days), default=e.start_date or group.start_date)
        done = levels.get((e.participant_id, group.id), {})
        rows.append(
            [
                participant_code(secret, e.participant_id),
                group.id,
                e.status,
                e.goal_outcome,
                age_on(born, first),
                len(days),
                sum(kind == SessionKind.EXERCISE.value for _day, kind in days),
                sum(kind == SessionKind.EDUCATION.value for _day, kind in days),
                *[scores.get((e.id, column)) for column in measure_columns()],
                *_level_cells(keys, e.starting_levels, done),
            ]
        )
    return ResearchTable(header, rows, sorted({e.participant_id for e, _b, _g in courses}))


def _present(s: Session, people: Select[int]) -> dict[tuple[int, int], list[tuple[dt.date, str]]]:
    """(participant, group) -> the days and kinds of the group's sessions they came to."""
    query = (
        select(Attendance.participant_id, GroupSession.group_id, GroupSession.starts_at)
        .add_columns(GroupSession.kind)
        .join(GroupSession, GroupSession.id == Attendance.session_id)
        .where(Attendance.participant_id.in_(people), Attendance.present.is_(True))
    )
    found: dict[tuple[int, int], list[tuple[dt.date, str]]] = defaultdict(list)
    for pid, group_id, starts_at, kind in s.execute(query):
        found[(pid, group_id)].append((starts_at.date(), kind))
    return found


def _scores(s: Session, enrollment_ids: Sequence[int]) -> dict[tuple[int, str], float | None]:
    """(enrollment, column) -> the score; the NPRS leg pain is kept with the answers."""
    wanted = {instrument.value for instrument, _part in MEASURES}
    query = select(Measurement).where(
        Measurement.enrollment_id.in_(enrollment_ids), Measurement.instrument.in_(wanted)
    )
    found: dict[tuple[int, str], float | None] = {}
    for m in s.scalars(query):
        for instrument, part in MEASURES:
            if instrument.value != m.instrument:
                continue
            column = "_".join(p for p in (m.instrument, part, m.moment) if p)
            value = m.answers.get("leg") if part == "leg" else m.score
            found[(m.enrollment_id, column)] = value if isinstance(value, int | float) else None
    return found


def _levels(s: Session, people: Select[int]) -> dict[tuple[int, int], dict[str, list[int]]]:
    """(participant, group) -> exercise key -> the levels done, in date order."""
    query = (
        select(ExerciseResult.participant_id, GroupSession.group_id, ProgrammeExercise.key)
        .add_columns(ExerciseLevel.number)
        .join(GroupSession, GroupSession.id == ExerciseResult.session_id)
        .join(ProgrammeExercise, ProgrammeExercise.id == ExerciseResult.exercise_id)
        .join(ExerciseLevel, ExerciseLevel.id == ExerciseResult.level_id)
        .where(ExerciseResult.participant_id.in_(people))
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    found: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pid, group_id, key, level in s.execute(query):
        found[(pid, group_id)][key].append(level)
    return found


def _exercise_keys(s: Session, versions: set[int | None]) -> list[str]:
    query = (
        select(ProgrammeExercise.key)
        .where(ProgrammeExercise.version_id.in_({v for v in versions if v is not None}))
        .where(ProgrammeExercise.kind == "exercise")
        .order_by(ProgrammeExercise.position, ProgrammeExercise.id)
    )
    return list(dict.fromkeys(s.scalars(query)))


def _level_cells(
    keys: Sequence[str], starting: dict[str, int], done: dict[str, list[int]]
) -> list[int | None]:
    """Per exercise the level at the start (agreed at the intake, else the first done) and
    the last level done."""
    cells: list[int | None] = []
    for key in keys:
        levels = done.get(key, [])
        cells += [
            starting.get(key) or (levels[0] if levels else None),
            levels[-1] if levels else None,
        ]
    return cells
