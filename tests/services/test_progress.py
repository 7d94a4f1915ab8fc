"""The data behind the progress charts, from the demo's recordings."""

from __future__ import annotations

import pytest

from rugschool.errors import NotFound
from rugschool.models import Database
from rugschool.services.groups import GroupService
from rugschool.services.progress import group_progress, participant_progress


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
