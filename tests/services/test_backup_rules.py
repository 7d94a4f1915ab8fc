"""Which automatic backups are kept: 7 daily, 4 weekly, 12 monthly, nothing older."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rugschool.services.backup_rules import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    Backup,
    backup_name,
    is_due,
    parse_name,
    to_keep,
)

NOW = dt.datetime(2026, 11, 25, 14, 30)


def _daily(days: int) -> list[Backup]:
    moments = [NOW - dt.timedelta(days=n) for n in range(days)]
    return [Backup(backup_name(m), m) for m in moments]


def test_names_carry_their_moment_and_other_files_are_left_alone() -> None:
    name = backup_name(NOW)
    assert name == "rugschool-20261125-143000.sqlite3"
    assert parse_name(name) == Backup(name, NOW)
    assert parse_name("before-upgrade-0004_recording-20261125.sqlite3") is None
    assert parse_name("notes.txt") is None


def test_a_year_of_daily_backups_keeps_the_newest_of_days_weeks_and_months() -> None:
    backups = _daily(400)
    kept = {b.made_at.date() for b in backups if b.name in to_keep(backups)}
    days = {NOW.date() - dt.timedelta(days=n) for n in range(KEEP_DAILY)}
    assert days <= kept  # the last seven days, each
    assert len(kept) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    oldest = min(kept)
    assert oldest > (NOW - dt.timedelta(days=366)).date()  # nothing older than a year


def test_several_backups_a_day_keep_the_newest() -> None:
    today = [Backup(backup_name(NOW - dt.timedelta(hours=h)), NOW - dt.timedelta(hours=h))
             for h in range(5)]  # fmt: skip
    assert to_keep(today) == {today[0].name}


@given(st.lists(st.integers(0, 2000), unique=True, max_size=60))
def test_the_newest_is_always_kept_and_the_count_is_bounded(ages: list[int]) -> None:
    backups = [Backup(backup_name(NOW - dt.timedelta(hours=a)), NOW - dt.timedelta(hours=a))
               for a in ages]  # fmt: skip
    kept = to_keep(backups)
    assert len(kept) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    if backups:
        newest = max(backups, key=lambda b: b.made_at)
        assert newest.name in kept


def test_a_backup_is_due_after_a_day() -> None:
    day = dt.timedelta(days=1)
    assert is_due([], NOW, day)
    recent = [Backup("x", NOW - dt.timedelta(hours=23))]
    assert not is_due(recent, NOW, day)
    assert is_due([Backup("x", NOW - dt.timedelta(hours=25))], NOW, day)
