"""Backups of the local database, with SQLite's own backup API (never a file copy of an
open database), each checked (`integrity_check`) before it counts; automatic ones are
thinned by `backup_rules`. A backup can be protected with a password (a lost USB stick must
not expose anyone): then it is encrypted with Fernet (AES with an HMAC) under a key made
from the password with scrypt.

Restoring first backs up the database as it is, then writes the backup into it with the
backup API, so no stale `-wal` file is left to mix old pages into the new content.

In clinic mode (PostgreSQL) backups are the server's business; `dump_server` writes the
whole clinic database as a portable backup in the same format (a Rugschool SQLite file), so a
practice can keep one or move to a laptop.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from rugschool.errors import DatabaseError, RugschoolError
from rugschool.files import write_whole
from rugschool.i18n import _
from rugschool.models import Database
from rugschool.models.migrate import sqlite_path
from rugschool.services.backup_rules import Backup, backup_name, is_due, parse_name, to_keep

_log = logging.getLogger(__name__)

# An encrypted backup: MAGIC, the salt, a check value of the password, then the Fernet
# token. The check value tells a wrong password apart from a damaged file.
MAGIC = b"RUGSCHOOL-BACKUP-2\n"
SALT_BYTES = 16
CHECK_BYTES = 32
AUTOMATIC_EVERY = dt.timedelta(days=1)


class BackupError(RugschoolError):
    """A backup that cannot be made, read or restored."""

    exit_code = 10


@dataclass(frozen=True)
class BackupPreview:
    """What a backup holds, shown before it replaces anything."""

    path: Path
    made_at: dt.datetime
    participants: int
    groups: int
    sessions: int
    encrypted: bool


def _key(password: str, salt: bytes) -> bytes:
    import base64

    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    raw = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


def _password_check(key: bytes) -> bytes:
    return hmac.new(key, b"rugschool: is this the password?", hashlib.sha256).digest()


def encrypt(data: bytes, password: str) -> bytes:
    from cryptography.fernet import Fernet

    salt = os.urandom(SALT_BYTES)
    key = _key(password, salt)
    return MAGIC + salt + _password_check(key) + Fernet(key).encrypt(data)


def decrypt(data: bytes, password: str | None) -> bytes:
    from cryptography.fernet import Fernet, InvalidToken

    if password is None:
        raise BackupError(_("This backup is protected with a password; give the password."))
    salt_at, check_at = len(MAGIC), len(MAGIC) + SALT_BYTES
    token_at = check_at + CHECK_BYTES
    key = _key(password, data[salt_at:check_at])
    if not hmac.compare_digest(_password_check(key), data[check_at:token_at]):
        raise BackupError(_("Wrong password: it does not open this backup."))
    try:
        return Fernet(key).decrypt(data[token_at:])
    except InvalidToken as error:
        raise BackupError(
            _("The password is right, but this backup is damaged and cannot be read.")
        ) from error


def problems(path: Path) -> list[str]:
    """What `integrity_check` and `foreign_key_check` find wrong; empty when sound."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            found = [] if found == ["ok"] else found
            for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
                found.append(f"{table} row {rowid}: no {parent} it refers to")
            return found
    except sqlite3.DatabaseError as error:
        return [str(error)]


def _copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def write_checked(
    make_copy: Callable[[Path], None],
    target: Path,
    password: str | None,
    *,
    check: bool = True,
) -> Path:
    """Makes a database copy in a scratch folder beside `target`, checks it (integrity and
    references), and writes it to `target` whole, encrypted when a password is given."""
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        copy = Path(scratch) / "copy.sqlite3"
        try:
            make_copy(copy)
        except (sqlite3.Error, SQLAlchemyError) as error:
            raise BackupError(_("The backup failed: {reason}").format(reason=error)) from error
        found = problems(copy) if check else []
        if found:
            raise BackupError(
                _("The backup is not sound and was not kept: {problem}").format(problem=found[0])
            )
        data = copy.read_bytes()
    try:
        write_whole(target, encrypt(data, password) if password else data)
    except OSError as error:
        raise BackupError(
            _("The backup could not be written to {path}: {reason}").format(
                path=target, reason=error.strerror or error
            )
        ) from error
    _log.info("backup written to %s", target)
    return target


def dump_server(db: Database, target: Path | None = None, password: str | None = None) -> Path:
    """Clinic mode: the whole clinic database as a portable backup, a Rugschool SQLite file
    that `rugschool restore` puts in place on any laptop. Read in one snapshot (repeatable
    read), so a dump made while therapists work is consistent."""
    from rugschool.services.table_copy import everything, write_database_file

    target = target or Path.cwd() / backup_name(dt.datetime.now())
    target.parent.mkdir(parents=True, exist_ok=True)

    def make_copy(copy: Path) -> None:
        options = {} if db.is_sqlite else {"isolation_level": "REPEATABLE READ"}
        with db.engine.connect().execution_options(**options) as source, source.begin():
            write_database_file(source, copy, everything())

    return write_checked(make_copy, target, password)


class BackupService:
    def __init__(self, db: Database, backup_dir: Path) -> None:
        path = sqlite_path(db.url) if db.is_sqlite else None
        if path is None:
            raise BackupError(
                _("Backups of the clinic database are made on the server by its administrator.")
            )
        self._db, self.path, self.folder = db, path, backup_dir

    # ------------------------------------------------------------------ making them

    def back_up(
        self, target: Path | None = None, password: str | None = None, *, check: bool = True
    ) -> Path:
        """A checked copy of the database: into the backup folder (automatic name) or to
        `target`; encrypted when a password is given. Without `check` the copy is kept
        whatever state it is in (the safety copy before a restore: a damaged database is
        kept too, never thrown away)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = target or self.folder / backup_name(dt.datetime.now())
        return write_checked(lambda copy: _copy(self.path, copy), target, password, check=check)

    def automatic(
        self,
        now: dt.datetime | None = None,
        *,
        force: bool = False,
        every_days: int = AUTOMATIC_EVERY.days,
        copy_to: Path | None = None,
    ) -> Path | None:
        """At start (when the newest is `every_days` old; 0: never at start) and at close
        (`force`): a backup in the backup folder, then the old ones thinned. With `copy_to`
        (a second place, such as a network drive or a stick) the backup is copied there too
        and thinned the same way. None when none was due."""
        now = now or dt.datetime.now()
        due = every_days > 0 and is_due(
            self.automatic_backups(), now, dt.timedelta(days=every_days)
        )
        if not (force or due):
            return None
        made = self.back_up(self.folder / backup_name(now))
        self.thin()
        if copy_to is not None and copy_to != self.folder:
            BackupService(self._db, copy_to).keep_copy(made)
        return made

    def keep_copy(self, backup: Path) -> Path:
        """A made backup copied into this service's folder, then that folder thinned."""
        target = self.folder / backup.name
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(target, backup.read_bytes())
        except OSError as error:
            raise BackupError(
                _("The backup was made, but could not be copied to {folder}: {reason}").format(
                    folder=self.folder, reason=error.strerror or error
                )
            ) from error
        self.thin()
        return target

    def automatic_backups(self) -> list[Backup]:
        if not self.folder.is_dir():
            return []
        found = (parse_name(p.name) for p in self.folder.iterdir())
        return [b for b in found if b is not None]

    def thin(self) -> list[str]:
        """Removes the automatic backups the policy no longer keeps; returns their names."""
        backups = self.automatic_backups()
        keep = to_keep(backups)
        gone = [b.name for b in backups if b.name not in keep]
        for name in gone:
            (self.folder / name).unlink(missing_ok=True)
        return gone

    # ------------------------------------------------------------------ reading them

    @contextmanager
    def _opened(self, backup: Path, password: str | None) -> Iterator[Path]:
        """The backup as a plain database file (decrypted into a scratch folder)."""
        try:
            data = backup.read_bytes()
        except OSError as error:
            raise BackupError(
                _("{path} cannot be read: {reason}").format(path=backup, reason=error.strerror)
            ) from error
        with tempfile.TemporaryDirectory() as scratch:
            plain = Path(scratch) / "backup.sqlite3"
            plain.write_bytes(decrypt(data, password) if data.startswith(MAGIC) else data)
            found = problems(plain)
            if found:
                raise BackupError(
                    _("{name} is not a sound Rugschool backup: {problem}").format(
                        name=backup.name, problem=found[0]
                    )
                )
            yield plain

    def preview(self, backup: Path, password: str | None = None) -> BackupPreview:
        with self._opened(backup, password) as plain, closing(sqlite3.connect(plain)) as conn:
            try:
                counts = [
                    conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    for table in ("participants", "groups", "group_sessions")
                ]
            except sqlite3.Error as error:
                raise BackupError(
                    _("{name} is not a Rugschool backup.").format(name=backup.name)
                ) from error
        made = dt.datetime.fromtimestamp(backup.stat().st_mtime)
        participants, groups, sessions = counts
        encrypted = backup.read_bytes().startswith(MAGIC)
        return BackupPreview(backup, made, participants, groups, sessions, encrypted)

    def restore(self, backup: Path, password: str | None = None) -> Path:
        """Replaces the database with the backup, after backing up what is there now;
        returns that safety backup. The app's connections are closed first."""
        self.preview(backup, password)  # refuses what is not a sound backup of ours
        stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
        safety = self.back_up(self.folder / f"before-restore-{stamp}.sqlite3", check=False)
        self._db.engine.dispose()
        with self._opened(backup, password) as plain:
            try:
                _copy(plain, self.path)
            except sqlite3.Error as error:
                raise DatabaseError(
                    _("Restoring failed; your data is in {path}: {reason}").format(
                        path=safety, reason=error
                    )
                ) from error
        _log.info("restored %s (safety copy %s)", backup, safety)
        return safety

    def check(self) -> list[str]:
        """The database's own problems (integrity and foreign keys); empty when sound."""
        return problems(self.path)


# ---------------------------------------------------------------------- damaged database


def newest_good_backup(folder: Path) -> Path | None:
    """The newest automatic backup that passes the checks (None: there is none)."""
    if not folder.is_dir():
        return None
    found = [b for b in (parse_name(p.name) for p in folder.iterdir()) if b is not None]
    for backup in sorted(found, key=lambda b: b.made_at, reverse=True):
        path = folder / backup.name
        if not problems(path):
            return path
    return None


def recover_from_backup(database: Path, backup: Path) -> Path:
    """Moves the damaged database (with its -wal and -shm) aside, never deleting it, and puts
    the backup in its place. Returns where the damaged file went."""
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    aside = database.with_name(f"{database.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = database.with_name(database.name + suffix)
        if part.exists():
            os.replace(part, aside.with_name(aside.name + suffix))
    _copy(backup, database)
    _log.warning("damaged database moved to %s; restored %s", aside, backup)
    return aside
