"""Every SQLite connection: write-ahead log, full sync, foreign keys on."""

from __future__ import annotations

import pytest

from rugschool.models import Database


@pytest.mark.sqlite_only(
    reason="SQLite connection pragmas (WAL, full sync, foreign keys); PostgreSQL has no pragmas"
)
def test_every_new_connection_has_the_safe_settings(db: Database) -> None:
    # Several connections at once, so the pool has to open new ones.
    connections = [db.engine.connect() for _ in range(3)]
    try:
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        for conn in connections:
            conn.close()


def test_a_transaction_rolls_back_on_an_error(db: Database) -> None:
    from rugschool.models import Therapist

    try:
        with db.transaction() as s:
            s.add(Therapist(name="Half"))
            s.flush()
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    with db.transaction() as s:
        assert s.query(Therapist).count() == 0
