"""What the progress charts show, for one participant and for a group: plain data, read
with the same loaders as the reports, so a chart on screen and its twin in a PDF agree.
The levels done are read as plain rows (date, person, exercise key, level number) in one
query, not as the reports' recorded results with their sessions: a group's charts over
a long course count thousands of them.

- A participant's level per exercise over their exercise sessions (numbered 1, 2, ... in
  date order, as the pain chart numbers them), and their pain per session.
- A group's attendance per session, and per exercise how many people did which level in
  each week of the course (the level distribution: the latest level someone did that week).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound
from rugschool.i18n import _, current_language
from rugschool.models import (
    Database,
    ExerciseLevel,
    ExerciseResult,
    Group,
    GroupSession,
    ProgrammeExercise,
)
from rugschool.services.course_report import end_report_data, group_report_data, load_exercises
from rugschool.services.course_report_rules import EndReportData, GroupReportData, NamedExercise


class LevelDone(NamedTuple):
    """One exercise done by one person at one session, at a level."""

    day: dt.date  # the session's
    participant_id: int
    key: str  # the exercise's, the same in every programme version
    level: int


@dataclass(frozen=True)
class LevelSeries:
    """One exercise: (session number in their course, level done) in order."""

    key: str
    position: int
    name: str
    levels: int
    points: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ParticipantProgress:
    report: EndReportData  # attendance, levels at start and now, pain per session
    levels: tuple[LevelSeries, ...]


@dataclass(frozen=True)
class LevelDistribution:
    """One exercise: per week of the course, how many people did each level (index 0 is
    level 1)."""

    key: str
    position: int
    name: str
    levels: int
    counts: tuple[tuple[int, ...], ...]  # per week in GroupProgress.weeks


@dataclass(frozen=True)
class GroupProgress:
    report: GroupReportData  # attendance per session
    weeks: tuple[dt.date, ...]  # the Monday of each course week with levels recorded
    distribution: tuple[LevelDistribution, ...]


def level_series(
    exercises: Iterable[NamedExercise], done: Iterable[LevelDone], numbers: dict[dt.date, int]
) -> tuple[LevelSeries, ...]:
    """Per exercise the levels done, numbered by the session's place in the course."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d in done:
        number = numbers.get(d.day)
        if number is not None:
            found[d.key].append((number, d.level))
    return tuple(
        LevelSeries(e.key, e.position, e.name, e.levels, tuple(sorted(found[e.key])))
        for e in exercises
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def level_distribution(
    exercises: Iterable[NamedExercise], done: Iterable[LevelDone]
) -> tuple[tuple[dt.date, ...], tuple[LevelDistribution, ...]]:
    """Per exercise and week: how many did each level (their latest that week). One pass
    over what was done and one over what it counts to, however many weeks and exercises."""
    latest: dict[tuple[str, dt.date, int], int] = {}
    for d in done:  # in date order: a later session in the week overwrites
        latest[(d.key, _monday(d.day), d.participant_id)] = d.level
    tally = Counter((key, week, level) for (key, week, _pid), level in latest.items())
    weeks = tuple(sorted({week for _key, week, _pid in latest}))
    rows = tuple(
        LevelDistribution(
            e.key,
            e.position,
            e.name,
            e.levels,
            tuple(
                tuple(tally[(e.key, week, level)] for level in range(1, e.levels + 1))
                for week in weeks
            ),
        )
        for e in exercises
    )
    return weeks, rows


def _levels_done(s: Session, which: ColumnElement[bool]) -> list[LevelDone]:
    """The levels done that `which` selects, in date order: one query."""
    query = (
        select(GroupSession.starts_at, ExerciseResult.participant_id)
        .add_columns(ProgrammeExercise.key, ExerciseLevel.number)
        .select_from(ExerciseResult)
        .join(GroupSession, ExerciseResult.session_id == GroupSession.id)
        .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
        .join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id)
        .where(which)
        .order_by(GroupSession.starts_at, ExerciseResult.id)
    )
    return [
        LevelDone(starts.date(), pid, key, number) for starts, pid, key, number in s.execute(query)
    ]


def _exercises_and_levels(
    db: Database, group_id: int, which: ColumnElement[bool]
) -> tuple[list[NamedExercise], list[LevelDone]]:
    """The exercises of the group's programme (in the active language) and the levels
    done that `which` selects, in one transaction."""
    with db.transaction() as s:
        group = s.get(Group, group_id)
        if group is None:
            raise NotFound(_("There is no group with number {id}.").format(id=group_id))
        exercises = load_exercises(s, group.programme_version_id, current_language())
        return exercises, _levels_done(s, which)


def participant_progress(
    db: Database, participant_id: int, group_id: int, *, now: dt.datetime | None = None
) -> ParticipantProgress:
    report = end_report_data(db, participant_id, group_id, now=now)
    exercises, done = _exercises_and_levels(
        db, group_id, ExerciseResult.participant_id == participant_id
    )
    numbers = {point.day: point.number for point in report.pain}
    return ParticipantProgress(report, level_series(exercises, done, numbers))


def group_progress(db: Database, group_id: int) -> GroupProgress:
    report = group_report_data(db, group_id)
    exercises, done = _exercises_and_levels(db, group_id, GroupSession.group_id == group_id)
    weeks, distribution = level_distribution(exercises, done)
    return GroupProgress(report, weeks, distribution)
