"""The data behind the progress charts, from the demo's recordings."""

from __future__ import annotations

import datetime as dt

import pytest

from rugschool.errors import NotFound
from rugschool.models import Database
from rugschool.services.course_report_rules import NamedExercise
from rugschool.services.groups import GroupService
from rugschool.services.progress import (
    LevelDone,
    group_progress,
    level_distribution,
    level_series,
    participant_progress,
)

MONDAY = dt.date(2026, 3, 2)


def test_a_participants_levels_follow_the_recordings(demo_db: Database) -> None:
    enrollment = GroupService(demo_db).enrollments(1)[0]
    progress = participant_progress(demo_db, enrollment.participant_id, 1)
    assert len(progress.levels) == 8
    for series in progress.levels:
        assert [n for n, _level in series.points] == sorted(n for n, _level in series.points)
        assert all(1 <= level <= series.levels for _n, level in series.points)
    # The last point of each exercise is the level recorded at their latest session.
    sessions = [p for p in progress.report.pain if p.present]
    assert sessions and all(s.points[-1][0] == sessions[-1].number for s in progress.levels)
    assert progress.report.pain[-1].number == len(progress.report.pain)
    # The chart ends where the end report's "level now" stands.
    now = {e.key: e.now for e in progress.report.exercises}
    assert {s.key: s.points[-1][1] for s in progress.levels} == now


def test_the_group_distribution_counts_everyone_once_a_week(demo_db: Database) -> None:
    progress = group_progress(demo_db, 1)
    assert len(progress.weeks) == 2  # four exercise sessions, twice a week
    assert all(week.weekday() == 0 for week in progress.weeks)
    for row in progress.distribution:
        assert len(row.counts) == 2 and all(len(week) == row.levels for week in row.counts)
        # Each person counts once in a week: at most ten, and at least the nine present.
        assert all(9 <= sum(week) <= 10 for week in row.counts)
    assert [s.present for s in progress.report.sessions][:2] == [10, 10]  # education sessions


def test_unknown_groups_are_refused(demo_db: Database) -> None:
    with pytest.raises(NotFound):
        group_progress(demo_db, 99)
    with pytest.raises(NotFound):
        participant_progress(demo_db, 1, 99)


def test_the_distribution_counts_each_persons_latest_level_in_a_week() -> None:
    bridge, squat = NamedExercise("bridge", 1, "Bridge", 4), NamedExercise("squat", 2, "Squat", 3)
    thursday, next_monday = MONDAY + dt.timedelta(days=3), MONDAY + dt.timedelta(days=7)
    done = [  # in date order, as read
        LevelDone(MONDAY, 1, "bridge", 1),
        LevelDone(MONDAY, 2, "bridge", 2),
        LevelDone(MONDAY, 1, "squat", 3),
        LevelDone(thursday, 1, "bridge", 2),  # replaces their Monday in that week
        LevelDone(next_monday, 1, "bridge", 3),
        LevelDone(next_monday, 2, "bridge", 5),  # not a level of this exercise: not counted
        LevelDone(next_monday, 3, "plank", 1),  # not in the programme
    ]
    weeks, (bridges, squats) = level_distribution([bridge, squat], done)
    assert weeks == (MONDAY, next_monday)
    assert bridges.counts == ((0, 2, 0, 0), (0, 0, 1, 0))
    assert squats.counts == ((0, 0, 1), (0, 0, 0))


def test_the_level_series_numbers_the_sessions_of_the_course() -> None:
    bridge = NamedExercise("bridge", 1, "Bridge", 4)
    thursday = MONDAY + dt.timedelta(days=3)
    done = [
        LevelDone(thursday, 1, "bridge", 2),
        LevelDone(MONDAY, 1, "bridge", 1),
        LevelDone(MONDAY - dt.timedelta(days=400), 1, "bridge", 4),  # an earlier course
    ]
    (series,) = level_series([bridge], done, {MONDAY: 1, thursday: 2})
    assert series.points == ((1, 1), (2, 2))
