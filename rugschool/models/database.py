"""The engine and the unit of work.

One database session per operation: a service opens `db.transaction()`, does its work, and
the block commits on exit (or rolls back on an error). Nothing outside this module and
`migrate.py` may assume the database is SQLite.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from rugschool.errors import DatabaseError
from rugschool.i18n import _

_log = logging.getLogger(__name__)

# Every SQLite connection: write-ahead log (readers never block the writer), a full sync at
# each commit (an entry survives a power cut), and foreign keys enforced.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """An open database: the engine and a factory of short-lived sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back on an error.

        The database itself failing (locked by another program, disk full, server gone) is
        a user's problem to solve, not a bug: it becomes a DatabaseError with the reason.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except sqlalchemy.exc.OperationalError as error:
            _log.warning("database error: %s", error)
            raise DatabaseError(
                _(
                    "The database could not be read or written ({reason}). This last change "
                    "was not stored; what was stored before is safe."
                ).format(reason=getattr(error, "orig", error))
            ) from error

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
