"""Which automatic backups to keep: the newest of each of the last 7 days, of the last 4
weeks and of the last 12 months; nothing older. Backups expire, as the README says: a
practice that needs an older state keeps its own copies ("Back up now" to a USB stick).

Pure functions on (file name, moment) pairs, so the policy is tested without files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
PREFIX = "rugschool-"
SUFFIX = ".sqlite3"
_STAMP = re.compile(r"^rugschool-(\d{8}-\d{6})\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    name: str
    made_at: dt.datetime


def backup_name(moment: dt.datetime) -> str:
    """rugschool-20261125-143000.sqlite3: sorts by time, readable in a file manager."""
    return f"{PREFIX}{moment:%Y%m%d-%H%M%S}{SUFFIX}"


def parse_name(name: str) -> Backup | None:
    """The moment an automatic backup was made, from its name; None for other files."""
    found = _STAMP.match(name)
    if not found:
        return None
    return Backup(name, dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S"))


def _newest_per(backups: list[Backup], key: str, limit: int) -> set[str]:
    kept: dict[tuple[int, ...], Backup] = {}
    for backup in backups:  # newest first: the first of each period is its newest
        day = backup.made_at.date()
        period = {
            "day": (day.toordinal(),),
            "week": tuple(day.isocalendar()[:2]),
            "month": (day.year, day.month),
        }[key]
        if period not in kept and len(kept) < limit:
            kept[period] = backup
    return {b.name for b in kept.values()}


def to_keep(backups: Iterable[Backup]) -> set[str]:
    """The names of the backups the policy keeps."""
    ordered = sorted(backups, key=lambda b: b.made_at, reverse=True)
    return (
        _newest_per(ordered, "day", KEEP_DAILY)
        | _newest_per(ordered, "week", KEEP_WEEKLY)
        | _newest_per(ordered, "month", KEEP_MONTHLY)
    )


def is_due(backups: Iterable[Backup], now: dt.datetime, every: dt.timedelta) -> bool:
    """Whether the newest automatic backup is older than `every` (or there is none)."""
    newest = max((b.made_at for b in backups), default=None)
    return newest is None or now - newest >= every
