"""`rugschool erase`, `rugschool export access` and `rugschool export research`: the privacy
commands (GDPR). Never prompting: `erase` without `--confirm` only says what would go."""

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


def add_privacy_commands(
    commands: Any, add_command: AddCommand, open_database: OpenDatabase
) -> None:
    """`erase`, and `access` and `research` under `export` (added after cli_export's)."""
    erase = add_command(
        commands, "erase", _("erase a participant and everything stored about them"), _erase
    )
    _participant(erase)
    erase.add_argument(
        "--confirm",
        action="store_true",
        help=_("really erase; without it, only show what would be removed"),
    )
    kinds = _export_kinds(commands)
    access = add_command(
        kinds,
        "access",
        _("everything stored about a participant, as JSON and PDF (a request for access)"),
        _access,
    )
    _participant(access)
    access.add_argument(
        "--out", type=Path, required=True, metavar=_("DIR"), help=_("folder to write them in")
    )
    research = add_command(
        kinds,
        "research",
        _("a pseudonymised CSV of the participants who consented to research use"),
        _research,
    )
    research.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE"), help=_("file to write")
    )
    for sub in (erase, access, research):
        sub.set_defaults(open_database=open_database)


def _participant(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--participant", type=int, required=True, metavar="ID", help=_("the participant")
    )


def _export_kinds(commands: Any) -> Any:
    """The subcommands of `rugschool export`, which cli_export.py made."""
    export: argparse.ArgumentParser = commands.choices["export"]
    return next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))


def _erase(args: argparse.Namespace, location: Location) -> int:
    from rugschool.services.privacy import PrivacyService

    with args.open_database(location) as db:
        service = PrivacyService(db)
        if not args.confirm:
            preview = service.erasure_preview(args.participant)
        else:
            preview = service.erase(args.participant)
    if not args.confirm:
        print(
            _("Erasing {name} (number {id}) removes them and:").format(
                name=preview.full_name, id=preview.participant_id
            )
        )
        for line in preview.lines() or [_("nothing else")]:
            print(f"  {line}")
        print(_("Nothing was changed. Add --confirm to erase."))
        return 0
    print(_("Erased: participant {id}.").format(id=preview.participant_id))
    print(_("Backups made before still hold their data until those backups are thinned out."))
    return 0


def _access(args: argparse.Namespace, location: Location) -> int:
    from rugschool.export.access_report import pdf_renderer
    from rugschool.services.privacy import PrivacyService

    with args.open_database(location) as db:
        written = PrivacyService(db).export_access(args.participant, args.out, pdf_renderer(db))
    for path in written:
        print(_("Written: {path}").format(path=path))
    return 0


def _research(args: argparse.Namespace, location: Location) -> int:
    from rugschool.services.privacy import PrivacyService

    with args.open_database(location) as db:
        rows = PrivacyService(db).research_csv(args.out)
    print(
        ngettext("{n} row written to {path}", "{n} rows written to {path}", rows).format(
            n=rows, path=args.out
        )
    )
    return 0
