"""The engine and the unit of work.

One database session per operation: a service opens `db.transaction()`, does its work, and
the block commits on exit (or rolls back on an error). Nothing outside this module and
`migrate.py` may assume the database is SQLite.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from rugschool.errors import DatabaseError
from rugschool.i18n import _

_log = logging.getLogger(__name__)

# Every SQLite connection: write-ahead log (readers never block the writer), a full sync at
# each commit (an entry survives a power cut), and foreign keys enforced. Deleted text is
# overwritten with zeros in the pages a delete writes anyway (FAST: no extra writes), so an
# erased note does not linger in the file's free space.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA secure_delete=FAST",
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


def _compact_sqlite(conn: Connection) -> bool:
    """The SQLite half of `Database.compact`: True when the write-ahead log ended empty."""
    store = int(conn.exec_driver_sql("PRAGMA temp_store").scalar() or 0)
    conn.exec_driver_sql("PRAGMA temp_store=MEMORY")
    try:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()
        conn.exec_driver_sql("VACUUM")
        busy, *_frames = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    finally:  # the connection goes back to the pool as it came
        conn.exec_driver_sql(f"PRAGMA temp_store={store}")
    return not busy


def _without_nul(session: Session, _context: Any, _instances: Any) -> None:
    """A NUL character means nothing in text a person typed, and PostgreSQL cannot store it:
    it is dropped from every text attribute before it is written, on both databases."""
    for instance in (*session.new, *session.dirty):
        state = sqlalchemy.inspect(instance)
        for attribute in state.mapper.column_attrs:
            value = getattr(instance, attribute.key, None)
            if isinstance(value, str) and "\x00" in value:
                setattr(instance, attribute.key, value.replace("\x00", ""))


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
        event.listen(self._sessions, "before_flush", _without_nul)

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

    def compact(self, tables: Sequence[str] = ()) -> bool:
        """Rewrites the stored data so that what was deleted is nowhere in the database's
        files any more (after erasing a person). Runs outside any transaction; returns
        False when another connection kept the write-ahead log from being emptied (what
        was deleted may then stay in it until the next checkpoint).

        SQLite: checkpoint the write-ahead log and truncate it, VACUUM (every page written
        anew, free pages gone; its scratch copy kept in memory, not in a temporary file),
        checkpoint and truncate again. (`secure_delete`, set on every connection, has
        already zeroed the deleted rows in the pages the delete wrote.)
        PostgreSQL: VACUUM FULL of `tables` (of the whole database when none are named);
        the server's own write-ahead log and backups are its administrator's to manage.
        """
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                if not self.is_sqlite:
                    names = ", ".join(conn.dialect.identifier_preparer.quote(t) for t in tables)
                    conn.exec_driver_sql(f"VACUUM FULL {names}".strip())
                    return True
                return _compact_sqlite(conn)
        except sqlalchemy.exc.OperationalError as error:
            _log.warning("compacting failed: %s", error)
            raise DatabaseError(
                _("The database could not be compacted ({reason}).").format(
                    reason=getattr(error, "orig", error)
                )
            ) from error

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
