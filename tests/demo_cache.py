"""The demo, loaded once per test run and copied into each test's database after that.

Hundreds of tests start from the demo; loading it takes about two seconds (a transaction
per therapist action, each synced to disk). The first load in a run is the real one; later
loads of the same day's demo into an empty SQLite database are copies of it made with
SQLite's backup API. A load with a date of its own, or into anything else, is always real,
so the demo's own tests exercise `load_demo` itself.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from rugschool.models import Database
from rugschool.models.migrate import sqlite_path
from rugschool.services import demo
from rugschool.services.demo import DemoResult

_real_load_demo = demo.load_demo
_template: dict[dt.date, Path] = {}
_folder = Path(tempfile.mkdtemp(prefix="rugschool-demo-"))


def _copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _is_empty(path: Path) -> bool:
    """Nothing of a practice yet: no people, no groups, no settings of its own."""
    with closing(sqlite3.connect(path)) as conn:
        counts = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("participants", "groups", "settings", "therapists")
        ]
    return not any(counts)


def load_demo(db: Database, today: dt.date | None = None) -> DemoResult:
    path = sqlite_path(db.url) if db.is_sqlite else None
    day = dt.date.today()
    if today is not None or path is None or not _is_empty(path):
        return _real_load_demo(db, today)
    if day in _template:
        db.engine.dispose()  # no pooled connection keeps an old view of the file
        _copy(_template[day], path)
        return DemoResult(created=True, participants=10, groups=1)
    result = _real_load_demo(db, today)
    _template[day] = _folder / f"demo-{day.isoformat()}.sqlite3"
    _copy(path, _template[day])
    return result


def install() -> Callable[..., DemoResult]:
    """Puts the cached load in place of the real one (before test modules import it)."""
    demo.load_demo = load_demo
    return load_demo
