"""`rugschool backup`, `rugschool restore FILE` and `rugschool check`: never prompting; a
password comes from a file (`--password-file`), never from the command line itself, where
other users of the machine could read it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rugschool.config import Location
from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.models import Database
from rugschool.paths import backup_dir

Handler = Callable[[argparse.Namespace, Location], int]
AddCommand = Callable[[Any, str, str, Handler], argparse.ArgumentParser]
OpenDatabase = Callable[[Location], Database]


class DatabaseUnsound(RugschoolError):
    exit_code = 11


def add_backup_commands(
    commands: Any, add_command: AddCommand, open_database: OpenDatabase
) -> None:
    backup = add_command(commands, "backup", _("write a checked backup of the database"), _backup)
    backup.add_argument("--out", type=Path, metavar=_("FILE"), help=_("where to write it"))
    restore = add_command(
        commands, "restore", _("replace the database with a backup (the current one is kept)"),
        _restore,
    )  # fmt: skip
    restore._positionals.title = _("arguments")
    restore.add_argument("file", type=Path, metavar=_("FILE"), help=_("the backup"))
    for sub in (backup, restore):
        sub.add_argument(
            "--password-file",
            type=Path,
            metavar=_("FILE"),
            help=_("a file whose first line is the backup's password"),
        )
        sub.set_defaults(open_database=open_database)
    check = add_command(
        commands, "check", _("check the database (integrity and references)"), _check
    )
    check.set_defaults(open_database=open_database)


def _password(args: argparse.Namespace) -> str | None:
    if args.password_file is None:
        return None
    try:
        first = args.password_file.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise RugschoolError(
            _("The password file cannot be read: {reason}").format(reason=error.strerror)
        ) from error
    if not first or not first[0]:
        raise RugschoolError(_("The password file is empty."))
    return str(first[0])


def _service(args: argparse.Namespace, location: Location, database: Any = None) -> Any:
    from rugschool.services.backups import BackupService

    database = database or args.open_database(location)
    return BackupService(database, backup_dir(location.data_dir))


def _backup(args: argparse.Namespace, location: Location) -> int:
    database = args.open_database(location)
    if database.is_sqlite:
        written = _service(args, location, database).back_up(args.out, _password(args))
    else:
        from rugschool.services.backups import dump_server

        with database:
            written = dump_server(database, args.out, _password(args))
        print(_("The clinic database, written as a portable backup (a Rugschool file)."))
    print(_("Backup written: {path}").format(path=written))
    return 0


def _restore(args: argparse.Namespace, location: Location) -> int:
    service = _service(args, location)
    preview = service.preview(args.file, _password(args))
    safety = service.restore(args.file, _password(args))
    print(
        _("Restored: {participants} participants, {groups} groups, {sessions} sessions.").format(
            participants=preview.participants, groups=preview.groups, sessions=preview.sessions
        )
    )
    print(_("The database as it was is kept in {path}").format(path=safety))
    return 0


def _check(args: argparse.Namespace, location: Location) -> int:
    with args.open_database(location) as database:
        if not database.is_sqlite:  # the server enforces every reference, keeps its pages
            print(_("The clinic database server keeps the data sound; there is nothing to check."))
            return 0
        found = _service(args, location, database).check()
    if found:
        raise DatabaseUnsound(
            _("The database is damaged: {problem}").format(problem="; ".join(found[:5]))
        )
    print(_("The database is sound."))
    return 0
