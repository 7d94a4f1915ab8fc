"""`rugschool group export --group ID --out FILE` and `rugschool group import FILE`: taking a
group along to a laptop, and bringing it back. Never prompting: records changed on both
sides are listed and nothing is stored, unless `--keep` says whose version wins."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rugschool.config import Location
from rugschool.i18n import _
from rugschool.models import Database

Handler = Callable[[argparse.Namespace, Location], int]
AddCommand = Callable[[Any, str, str, Handler], argparse.ArgumentParser]
OpenDatabase = Callable[[Location], Database]


def add_group_commands(
    commands: Any, add_command: AddCommand, open_database: OpenDatabase, missing: Handler
) -> None:
    group = add_command(commands, "group", _("take a group along, and bring it back"), missing)
    actions = group.add_subparsers(dest="group_command", title=_("commands"), metavar=_("COMMAND"))
    export = add_command(
        actions, "export", _("write a group to a file to run it on a laptop offline"), _export
    )
    export.add_argument("--group", type=int, required=True, metavar="ID", help=_("the group"))
    export.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE"), help=_("file to write")
    )
    bring = add_command(
        actions, "import", _("bring a group taken along back into this database"), _import
    )
    bring._positionals.title = _("arguments")
    bring.add_argument("file", type=Path, metavar=_("FILE"), help=_("the file taken along"))
    bring.add_argument(
        "--keep",
        choices=("clinic", "file"),
        help=_("for records changed on both sides: keep this database's or the file's version"),
    )
    bring.add_argument(
        "--dry-run", action="store_true", help=_("only show what would change; store nothing")
    )
    for sub in (export, bring):
        sub.set_defaults(open_database=open_database)


def _export(args: argparse.Namespace, location: Location) -> int:
    from rugschool.services.take_along import take_along

    with args.open_database(location) as db:
        made = take_along(db, args.group, args.out, _source_name(db))
    print(
        _("Group {name} written to {path}: {participants} participants, {sessions} sessions.")
        .format(name=made.group_name, path=made.path, participants=made.participants,
                sessions=made.sessions)
    )  # fmt: skip
    print(_("Open it on the laptop with: rugschool --open {path}").format(path=made.path))
    return 0


def _source_name(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=True)


def _import(args: argparse.Namespace, location: Location) -> int:
    from rugschool.services.bring_back import ConflictsToDecide, Side, bring_back, preview

    keep = {"clinic": Side.CLINIC, "file": Side.TAKEN, None: None}[args.keep]
    with args.open_database(location) as db:
        try:
            if args.dry_run:  # what it would do, with --keep's choice if given
                result = preview(db, args.file, keep=keep)
            else:
                result = bring_back(db, args.file, keep=keep)
        except ConflictsToDecide as error:
            print(summary(error.result))
            raise
    print(summary(result))
    if args.dry_run:
        print(_("Nothing was stored (--dry-run)."))
    return 0


def summary(result: Any) -> str:
    """The outcome in a few lines, conflicts with what differs."""
    from rugschool.services.bring_back import BroughtBack
    from rugschool.services.bring_back_words import moment_text

    assert isinstance(result, BroughtBack)
    lines = [
        _("Group {name}, taken along {when}:").format(
            name=result.group_name, when=moment_text(result.taken_at)
        ),
        _("{added} added, {changed} changed, {removed} removed.").format(
            added=sum(result.added.values()),
            changed=sum(result.changed.values()),
            removed=sum(result.removed.values()),
        ),
    ]
    if result.kept:
        lines.append(_("{count} kept as this database had them.").format(count=result.kept))
    for conflict in result.conflicts:
        lines.append(_("Changed on both sides: {what}").format(what=conflict.what))
        for difference in conflict.fields:
            lines.append(
                "    "
                + _("{field}: here {clinic}, in the file {taken}").format(
                    field=difference.field, clinic=difference.clinic, taken=difference.taken
                )
            )
    if result.conflicts:
        lines.append(_("Choose with --keep clinic or --keep file, or bring it back in the app."))
    return "\n".join(lines)
