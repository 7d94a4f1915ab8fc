"""Open a database at the schema this version of the app expects.

The revision is read first, over a read-only connection, before anything else touches the
file. Then:

- no database yet (or an empty file): create the tables and stamp them at head;
- at head: open it (the common case, and it never imports Alembic);
- an older revision we know: back it up with SQLite's backup API, then upgrade in batch mode;
- a revision we do not know (a newer Rugschool made it): refuse, without writing one byte.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import sqlalchemy.exc
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import make_url

from rugschool.errors import (
    DatabaseDamaged,
    DatabaseError,
    DatabaseTooNew,
    NotARugschoolDatabase,
)
from rugschool.i18n import _
from rugschool.models.base import Base
from rugschool.models.database import Database, is_sqlite, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

# The schema this code expects. A test checks it against Alembic's head, so that a start at
# head can compare strings instead of importing Alembic.
HEAD_REVISION = "0009_programme_edits"
VERSION_TABLE = "alembic_version"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    database: Database
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


# ------------------------------------------------------------------ reading the revision


def read_revision(url: str) -> str | None:
    """The stored schema revision; None when there is no database yet."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is None or not path.exists() or path.stat().st_size == 0:
            return None
        return _read_sqlite_revision(path)
    return _read_server_revision(url)


def _read_sqlite_revision(path: Path) -> str | None:
    # With no write-ahead log beside it, everything is in the main file: read it as immutable,
    # so SQLite creates no -wal or -shm file either. With a log (the app is running, or was
    # not closed cleanly) a read-only connection is needed to see what the log holds.
    has_log = path.with_name(path.name + "-wal").exists()
    uri = f"file:{quote(str(path))}?mode=ro" + ("" if has_log else "&immutable=1")
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if not tables:
                return None
            if VERSION_TABLE not in tables:
                raise NotARugschoolDatabase(_not_ours(str(path)))
            row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    except sqlite3.DatabaseError as error:
        _log.warning("cannot read %s: %s", path, error)
        raise DatabaseDamaged(
            _("{path} cannot be read as a Rugschool database: {reason}.").format(
                path=path, reason=error
            )
        ) from error
    return str(row[0]) if row else None


def _read_server_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables:
                return None
            if VERSION_TABLE not in tables:
                raise NotARugschoolDatabase(_not_ours(make_url(url).render_as_string()))
            row = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
            return str(row[0]) if row else None
    except NotARugschoolDatabase:
        raise
    except Exception as error:
        raise DatabaseError(
            _("Cannot connect to the database: {reason}").format(reason=error)
        ) from error
    finally:
        engine.dispose()


def _not_ours(where: str) -> str:
    return _(
        "{where} holds data, but it is not a Rugschool database. Choose another data folder."
    ).format(where=where)


# ------------------------------------------------------------------ opening


def open_database(url: str, backup_dir: Path) -> OpenedDatabase:
    """Open the database at `url` at the head revision, creating or upgrading it."""
    try:
        return _open_database(url, backup_dir)
    except (sqlalchemy.exc.OperationalError, sqlite3.OperationalError) as error:
        _log.warning("cannot open %s: %s", _safe(url), error)
        reason = getattr(error, "orig", None) or error
        raise DatabaseError(
            _("Cannot open the database {where}: {reason}.").format(where=_safe(url), reason=reason)
        ) from error


def _open_database(url: str, backup_dir: Path) -> OpenedDatabase:
    revision = read_revision(url)
    if revision == HEAD_REVISION:
        return OpenedDatabase(Database(url))
    if revision is None:
        create_schema(url)
        _log.info("created a new database at %s", _safe(url))
        return OpenedDatabase(Database(url), created=True)
    if revision not in known_revisions():
        raise DatabaseTooNew(
            _(
                "This database was made by a newer version of Rugschool (schema {revision}). "
                "Install that version or newer; this version leaves the database untouched."
            ).format(revision=revision)
        )
    backup = backup_before_upgrade(url, revision, backup_dir)
    try:
        upgrade(url)
    except Exception as error:
        # SQLite's driver commits each schema change as it goes, so a failure halfway would
        # leave a database no version can open: put the copy back.
        _log.exception("upgrade from %s failed", revision)
        if backup is None:
            raise
        restore_copy(backup, url)
        raise DatabaseError(
            _(
                "Upgrading the database failed ({reason}). It is back as it was; the log has "
                "the details."
            ).format(reason=error)
        ) from error
    _log.info("upgraded %s from %s to %s", _safe(url), revision, HEAD_REVISION)
    return OpenedDatabase(Database(url), upgraded_from=revision, backup=backup)


def create_schema(url: str) -> None:
    from alembic import command

    with _migration_connection(url) as conn:
        Base.metadata.create_all(conn)
        command.stamp(alembic_config(conn), "head")


def upgrade(url: str) -> None:
    """Run every migration up to head."""
    from alembic import command

    with _migration_connection(url) as conn:
        command.upgrade(alembic_config(conn), "head")


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(None))
    return {rev.revision for rev in script.walk_revisions()}


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
    assert head is not None
    return head


def alembic_config(connection: Connection | None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@contextmanager
def _migration_connection(url: str) -> Iterator[Connection]:
    """A connection of its own for schema changes, committed at the end.

    On SQLite, batch mode copies tables; with foreign keys on, dropping the old copy would
    cascade. So they are off while migrating, and checked afterwards.
    """
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()  # a pragma outside any transaction, or SQLite ignores it
            with conn.begin():
                yield conn
            if engine.dialect.name == "sqlite":
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseError(
                        _("The upgrade left broken links between records: {problems}").format(
                            problems=problems[:5]
                        )
                    )
    finally:
        engine.dispose()


def backup_before_upgrade(url: str, revision: str, backup_dir: Path) -> Path | None:
    """Copy the database with SQLite's backup API before an upgrade changes it."""
    path = sqlite_path(url)
    if path is None or not is_sqlite(url):
        return None  # a server database is backed up by the server's own tools
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"before-upgrade-{revision}-{stamp}.sqlite3"
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    _log.info("backed up %s to %s before upgrading", path, target)
    return target


def restore_copy(copy: Path, url: str) -> None:
    """Writes a SQLite copy back over the database at `url`, page by page."""
    path = sqlite_path(url)
    assert path is not None
    with closing(sqlite3.connect(copy)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
    _log.warning("restored %s from %s", path, copy)


def _safe(url: str) -> str:
    """A URL fit for the log: the password hidden."""
    return make_url(url).render_as_string(hide_password=True)
