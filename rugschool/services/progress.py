"""What the progress charts show, for one participant and for a group: plain data, read
with the same loaders as the reports, so a chart on screen and its twin in a PDF agree.

- A participant's level per exercise over their exercise sessions (numbered 1, 2, ... in
  date order, as the pain chart numbers them), and their pain per session.
- A group's attendance per session, and per exercise how many people did which level in
  each week of the course (the level distribution: the latest level someone did that week).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rugschool.errors import NotFound
from rugschool.i18n import _, current_language
from rugschool.models import Database, ExerciseResult, Group, GroupSession
from rugschool.services.course_report import (
    end_report_data,
    group_report_data,
    load_exercises,
    load_marks,
)
from rugschool.services.course_report_rules import (
    EndReportData,
    GroupReportData,
    Mark,
    NamedExercise,
)


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
    exercises: Iterable[NamedExercise], marks: Sequence[Mark], numbers: dict[dt.date, int]
) -> tuple[LevelSeries, ...]:
    """Per exercise the levels done, numbered by the session's place in the course."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in marks:
        number = numbers.get(m.session.starts_at.date())
        if number is not None:
            found[m.key].append((number, m.level))
    return tuple(
        LevelSeries(e.key, e.position, e.name, e.levels, tuple(sorted(found[e.key])))
        for e in exercises
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def level_distribution(
    exercises: Iterable[NamedExercise], marks: Sequence[Mark]
) -> tuple[tuple[dt.date, ...], tuple[LevelDistribution, ...]]:
    """Per exercise and week: how many did each level (their latest that week)."""
    latest: dict[tuple[str, dt.date, int], int] = {}
    for m in marks:  # in date order: a later session in the week overwrites
        latest[(m.key, _monday(m.session.starts_at.date()), m.participant_id)] = m.level
    weeks = tuple(sorted({week for _key, week, _pid in latest}))
    rows = []
    for e in exercises:
        counts = []
        for week in weeks:
            tally = [0] * e.levels
            for (key, when, _pid), level in latest.items():
                if key == e.key and when == week and 1 <= level <= e.levels:
                    tally[level - 1] += 1
            counts.append(tuple(tally))
        rows.append(LevelDistribution(e.key, e.position, e.name, e.levels, tuple(counts)))
    return weeks, tuple(rows)


def _version(db: Database, group_id: int) -> int | None:
    with db.transaction() as s:
        group = s.get(Group, group_id)
        if group is None:
            raise NotFound(_("There is no group with number {id}.").format(id=group_id))
        return group.programme_version_id


def participant_progress(
    db: Database, participant_id: int, group_id: int, *, now: dt.datetime | None = None
) -> ParticipantProgress:
    report = end_report_data(db, participant_id, group_id, now=now)
    version = _version(db, group_id)
    with db.transaction() as s:
        exercises = load_exercises(s, version, current_language())
        marks = load_marks(s, ExerciseResult.participant_id == participant_id)
    numbers = {point.day: point.number for point in report.pain}
    return ParticipantProgress(report, level_series(exercises, marks, numbers))


def group_progress(db: Database, group_id: int) -> GroupProgress:
    report = group_report_data(db, group_id)
    version = _version(db, group_id)
    with db.transaction() as s:
        exercises = load_exercises(s, version, current_language())
        marks = load_marks(s, GroupSession.group_id == group_id)
    weeks, distribution = level_distribution(exercises, marks)
    return GroupProgress(report, weeks, distribution)
