"""`rugschool export ...`: every printed document and export file from the command line.

Each command writes one file (or one per participant), whole or not at all; an unknown id
or a place that cannot be written is one line on stderr, a non-zero exit and no file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rugschool.config import Location
from rugschool.i18n import _, ngettext
from rugschool.models import Database

Handler = Callable[[argparse.Namespace, Location], int]
AddCommand = Callable[[Any, str, str, Handler], argparse.ArgumentParser]
OpenDatabase = Callable[[Location], Database]


def add_export_commands(
    commands: Any, add_command: AddCommand, open_database: OpenDatabase
) -> None:
    export = add_command(commands, "export", _("print documents and export files"), _missing)
    export.set_defaults(open_database=open_database)
    kinds = export.add_subparsers(dest="export_kind", title=_("commands"), metavar=_("WHAT"))
    for name, help_text, handler, needs in _COMMANDS:
        sub = add_command(kinds, name, help_text(), handler)
        for option in needs:
            _ARGUMENTS[option](sub)


def _missing(_args: argparse.Namespace, _location: Location) -> int:
    from rugschool.errors import RugschoolError

    raise RugschoolError(_("Name what to export; see 'rugschool export --help'."))


def _documents(args: argparse.Namespace, location: Location) -> Any:
    from rugschool.export.documents import Documents
    from rugschool.services.bundle import Services

    return Documents(Services(args.open_database(location), location.data_dir))


def _write(args: argparse.Namespace, location: Location, make: Callable[[Any], Any]) -> int:
    documents = _documents(args, location)
    try:
        made = make(documents)
        path = made.write(args.out)
    finally:
        documents.services.close()
    print(_("Written: {path}").format(path=path))
    return 0


# ---------------------------------------------------------------------- the commands


def _handout(args: argparse.Namespace, location: Location) -> int:
    return _write(
        args, location, lambda d: d.handout(args.participant, args.group, large_print=args.large)
    )


def _handouts(args: argparse.Namespace, location: Location) -> int:
    documents = _documents(args, location)
    try:
        written = documents.handouts_to(args.group, args.out, large_print=args.large)
    finally:
        documents.services.close()
    print(
        ngettext(
            "{n} handout written to {folder}", "{n} handouts written to {folder}", len(written)
        ).format(n=len(written), folder=args.out)
    )
    return 0


def _print_run(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.print_run(args.group, large_print=args.large))


def _education(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.education(args.session))


def _summary(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.summary(args.session))


def _sheet(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.sheet(args.session))


def _report(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.report(args.participant, args.group))


def _group_report(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.group_report(args.group))


def _csv(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.recordings_csv(args.group, args.delimiter))


def _attendance(args: argparse.Namespace, location: Location) -> int:
    return _write(args, location, lambda d: d.attendance_csv(args.group, args.delimiter))


def _out_file(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("file to write"))


def _out_dir(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--out", type=Path, required=True, metavar=_("DIR"), help=_("folder to write them in")
    )


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], object]] = {
    "participant": lambda sub: sub.add_argument(
        "--participant", type=int, required=True, metavar="ID", help=_("the participant")
    ),
    "group": lambda sub: sub.add_argument(
        "--group", type=int, required=True, metavar="ID", help=_("the group")
    ),
    "session": lambda sub: sub.add_argument(
        "--session", type=int, required=True, metavar="ID", help=_("the session")
    ),
    "large": lambda sub: sub.add_argument(
        "--large-print", dest="large", action="store_true", help=_("body text of 14 pt")
    ),
    "delimiter": lambda sub: sub.add_argument(
        "--delimiter",
        choices=[";", ","],
        default=";",
        help=_("the column separator; ; opens right in Excel with Dutch settings"),
    ),
    "out_file": _out_file,
    "out_dir": _out_dir,
}

_COMMANDS: list[tuple[str, Callable[[], str], Handler, tuple[str, ...]]] = [
    (
        "handouts",
        lambda: _("a home-programme PDF for each active participant of a group"),
        _handouts,
        ("group", "large", "out_dir"),
    ),
    (
        "handout",
        lambda: _("one participant's home programme"),
        _handout,
        ("participant", "group", "large", "out_file"),
    ),
    (
        "print-run",
        lambda: _("all home programmes of a group in one PDF, each from an odd page"),
        _print_run,
        ("group", "large", "out_file"),
    ),
    (
        "education",
        lambda: _("the handout of an education session"),
        _education,
        ("session", "out_file"),
    ),
    ("summary", lambda: _("the summary of a session"), _summary, ("session", "out_file")),
    ("sheet", lambda: _("a paper form to record a session"), _sheet, ("session", "out_file")),
    (
        "report",
        lambda: _("the end report for the referrer"),
        _report,
        ("participant", "group", "out_file"),
    ),
    (
        "group-report",
        lambda: _("attendance and progress of a group"),
        _group_report,
        ("group", "out_file"),
    ),
    (
        "csv",
        lambda: _("a group's recordings as CSV, one row per participant, session and exercise"),
        _csv,
        ("group", "delimiter", "out_file"),
    ),
    (
        "attendance",
        lambda: _("attendance per participant and date, as CSV"),
        _attendance,
        ("group", "delimiter", "out_file"),
    ),
]
