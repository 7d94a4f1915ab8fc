"""The command line. `rugschool` alone starts the app; the commands act and never prompt:
they do what was asked, or refuse with one clear line and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rugschool import APP_NAME, __version__
from rugschool.cli_backup import add_backup_commands
from rugschool.cli_export import add_export_commands
from rugschool.cli_group import add_group_commands
from rugschool.cli_privacy import add_privacy_commands
from rugschool.config import Location, resolve_location, taken_along_location
from rugschool.errors import RugschoolError
from rugschool.i18n import DEFAULT_LANGUAGE, _, ngettext, set_language
from rugschool.logs import setup_logging
from rugschool.models import Database
from rugschool.models.migrate import HEAD_REVISION, open_database, read_revision
from rugschool.paths import backup_dir
from rugschool.services.groups import GroupService
from rugschool.services.participants import ParticipantService
from rugschool.services.schedule import ScheduleService
from rugschool.services.settings import SettingsService
from rugschool.settings import LANGUAGE

ENV_LANGUAGE = "RUGSCHOOL_LANG"


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rugschool",
        description=_(
            "Rugschool: run an eight-week group back school. Without a command, the app starts."
        ),
        formatter_class=_HelpFormatter,
        add_help=False,
    )
    parser._optionals.title = _("options")
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--data-dir",
        metavar=_("DIR"),
        help=_("folder for the database, logs and backups (or RUGSCHOOL_DATA_DIR)"),
    )
    parser.add_argument(
        "--database-url", metavar="URL", help=_("use another database (or RUGSCHOOL_DATABASE_URL)")
    )
    parser.add_argument(
        "--open",
        type=Path,
        metavar=_("FILE"),
        help=_("work on a group taken along (a .rugschool file) instead of the usual database"),
    )
    parser.add_argument(
        "--quit-after-startup",
        action="store_true",
        help=_("start the app, and quit once the main window is shown"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("check this installation offscreen in a temporary folder, and exit"),
    )
    commands = parser.add_subparsers(dest="command", title=_("commands"), metavar=_("COMMAND"))
    _add_command(commands, "demo", _("fill the database with a demo (once)"), _cmd_demo)
    _add_db_commands(commands)
    _add_list_commands(commands)
    _add_import_commands(commands)
    add_export_commands(commands, _add_command, _open)
    add_backup_commands(commands, _add_command, _open)
    add_privacy_commands(commands, _add_command, _open)
    add_group_commands(commands, _add_command, _open, _cmd_missing_subcommand)
    return parser


def _add_command(
    commands: Any, name: str, help_text: str, handler: Callable[[argparse.Namespace, Location], int]
) -> argparse.ArgumentParser:
    sub: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, description=help_text, formatter_class=_HelpFormatter, add_help=False
    )
    sub._optionals.title = _("options")
    sub.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    sub.set_defaults(handler=handler)
    return sub


def _add_db_commands(commands: Any) -> None:
    db = _add_command(commands, "db", _("the database schema"), _cmd_missing_subcommand)
    actions = db.add_subparsers(dest="db_command", title=_("commands"), metavar=_("COMMAND"))
    _add_command(
        actions, "upgrade", _("bring the database to this version's schema"), _cmd_db_upgrade
    )
    _add_command(actions, "current", _("show the database's schema revision"), _cmd_db_current)


def _add_list_commands(commands: Any) -> None:
    listing = _add_command(commands, "list", _("list what is stored"), _cmd_missing_subcommand)
    kinds = listing.add_subparsers(dest="list_kind", title=_("commands"), metavar=_("WHAT"))
    people = _add_command(
        kinds, "participants", _("participants, ordered by number"), _cmd_list_participants
    )
    people.add_argument("--group", type=int, metavar="ID", help=_("only this group"))
    people.add_argument("--json", action="store_true", help=_("as JSON"))
    groups = _add_command(kinds, "groups", _("groups, ordered by number"), _cmd_list_groups)
    groups.add_argument("--json", action="store_true", help=_("as JSON"))
    sessions = _add_command(
        kinds, "sessions", _("group sessions, by group and date"), _cmd_list_sessions
    )
    sessions.add_argument("--group", type=int, metavar="ID", help=_("only this group"))
    sessions.add_argument("--json", action="store_true", help=_("as JSON"))


def _add_import_commands(commands: Any) -> None:
    importing = _add_command(commands, "import", _("import from a file"), _cmd_missing_subcommand)
    kinds = importing.add_subparsers(dest="import_kind", title=_("commands"), metavar=_("WHAT"))
    people = _add_command(
        kinds,
        "participants",
        _("participants from a CSV file; a file with errors imports nothing"),
        _cmd_import_participants,
    )
    people._positionals.title = _("arguments")
    people.add_argument("file", metavar=_("FILE"), type=Path, help=_("the CSV file"))
    people.add_argument("--group", type=int, metavar="ID", help=_("enroll them in this group"))


# ------------------------------------------------------------------ commands


def _open(location: Location) -> Database:
    opened = open_database(location.database_url, backup_dir(location.data_dir))
    set_language(SettingsService(opened.database).get(LANGUAGE))
    return opened.database


def _cmd_missing_subcommand(args: argparse.Namespace, _location: Location) -> int:
    raise RugschoolError(
        _("Name a command; see 'rugschool {command} --help'.").format(command=args.command)
    )


def _cmd_demo(_args: argparse.Namespace, location: Location) -> int:
    from rugschool.services.demo import load_demo

    with _open(location) as db:
        result = load_demo(db)
    if not result.created:
        print(_("The demo is already there; nothing was added."))
    else:
        print(
            ngettext(
                "Demo loaded: {n} participant in {groups} group.",
                "Demo loaded: {n} participants in {groups} group.",
                result.participants,
            ).format(n=result.participants, groups=result.groups)
        )
    return 0


def _cmd_db_upgrade(_args: argparse.Namespace, location: Location) -> int:
    opened = open_database(location.database_url, backup_dir(location.data_dir))
    opened.database.close()
    if opened.created:
        print(_("Created a new database at revision {rev}.").format(rev=HEAD_REVISION))
    elif opened.upgraded_from and opened.backup is None:  # a server keeps its own backups
        print(
            _("Upgraded the database from {old} to {new}.").format(
                old=opened.upgraded_from, new=HEAD_REVISION
            )
        )
    elif opened.upgraded_from:
        print(
            _("Upgraded the database from {old} to {new}; the old one is kept at {backup}.").format(
                old=opened.upgraded_from, new=HEAD_REVISION, backup=opened.backup
            )
        )
    else:
        print(_("The database is up to date (revision {rev}).").format(rev=HEAD_REVISION))
    return 0


def _cmd_db_current(_args: argparse.Namespace, location: Location) -> int:
    revision = read_revision(location.database_url)
    if revision is None:
        print(_("There is no database yet."))
    elif revision == HEAD_REVISION:
        print(_("{rev} (up to date)").format(rev=revision))
    else:
        print(_("{rev} (this version expects {head})").format(rev=revision, head=HEAD_REVISION))
    return 0


def _cmd_list_participants(args: argparse.Namespace, location: Location) -> int:
    with _open(location) as db:
        if args.group is not None:
            GroupService(db).get(args.group)  # refuses an unknown group clearly
        rows = ParticipantService(db).rows(group_id=args.group)
    if args.json:
        _print_json(
            [
                {
                    "id": p.id,
                    "first_name": p.first_name,
                    "name_prefix": p.name_prefix,
                    "last_name": p.last_name,
                    "full_name": p.full_name,
                    "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
                    "archived": p.archived,
                }
                for p in rows
            ]
        )
        return 0
    archived = _("(archived)")
    for p in rows:
        born = p.date_of_birth.strftime("%d-%m-%Y") if p.date_of_birth else ""
        print(f"{p.id:>5}  {p.list_name:<40} {born:<10} {archived if p.archived else ''}".rstrip())
    return 0


def _cmd_list_sessions(args: argparse.Namespace, location: Location) -> int:
    with _open(location) as db:
        service = GroupService(db)
        groups = [service.get(args.group)] if args.group is not None else service.rows()
        schedule = ScheduleService(db)
        rows = [row for group in groups for row in schedule.sessions(group.id)]
    if args.json:
        _print_json(
            [
                {
                    "id": r.id,
                    "group": r.group_id,
                    "group_name": r.group_name,
                    "kind": r.kind,
                    "number": r.number,
                    "date": r.starts_at.date().isoformat(),
                    "time": r.starts_at.strftime("%H:%M"),
                    "lead": r.lead,
                    "assistant": r.assistant,
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        kind = _("education") if r.kind == "education" else _("exercise")
        print(f"{r.id:>5}  {r.group_id:>3}  {r.starts_at:%d-%m-%Y %H:%M}  {kind} {r.number}")
    return 0


def _cmd_list_groups(args: argparse.Namespace, location: Location) -> int:
    with _open(location) as db:
        rows = GroupService(db).rows()
    if args.json:
        _print_json(
            [
                {
                    "id": g.id,
                    "name": g.name,
                    "location": g.location,
                    "start_date": g.start_date.isoformat() if g.start_date else None,
                    "max_size": g.max_size,
                    "active_participants": g.active_count,
                    "therapists": list(g.therapists),
                    "archived": g.archived,
                }
                for g in rows
            ]
        )
        return 0
    for g in rows:
        start = g.start_date.strftime("%d-%m-%Y") if g.start_date else ""
        print(f"{g.id:>5}  {g.name:<40} {start:<10} {g.active_count}/{g.max_size}")
    return 0


def _cmd_import_participants(args: argparse.Namespace, location: Location) -> int:
    from rugschool.services import csv_import

    with _open(location) as db:
        # Refuses a file with bad lines: ImportRefused, printed as one message by main().
        result = csv_import.ImportService(db).run(args.file, group_id=args.group)
    for line in csv_import.describe_result(result):
        print(line)
    return 0


def _print_json(data: object) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # names exactly as stored, on any console
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------ entry point


def main(argv: Sequence[str] | None = None) -> int:
    set_language(os.environ.get(ENV_LANGUAGE, DEFAULT_LANGUAGE))
    args = build_parser().parse_args(argv)
    if args.self_test:
        from rugschool.selftest import run_self_test

        return run_self_test()
    try:
        if args.open is not None:
            location = _taken_along(args.open, args.data_dir)
        else:
            location = resolve_location(args.data_dir, args.database_url)
        _prepare_data_dir(location)
        if args.command is None:
            from rugschool.app import run_gui

            return run_gui(location, quit_after_startup=args.quit_after_startup)
        handler: Callable[[argparse.Namespace, Location], int] = args.handler
        return handler(args, location)
    except RugschoolError as error:
        print(f"rugschool: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`rugschool list sessions | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _taken_along(file: Path, data_dir: str | None) -> Location:
    if not file.is_file():
        raise RugschoolError(_("There is no file {path}.").format(path=file))
    return taken_along_location(file, data_dir)


def _prepare_data_dir(location: Location) -> None:
    try:
        location.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RugschoolError(
            _("Cannot use the data folder {path}: {reason}").format(
                path=location.data_dir, reason=error.strerror
            )
        ) from error
    setup_logging(location.data_dir)
