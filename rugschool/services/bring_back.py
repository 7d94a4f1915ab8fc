"""Bringing a taken-along group back: the file's new rows are added, its changes stored,
what it no longer has removed, without duplicates, in one transaction.

Each row is compared in three versions: as it was taken (`take_along_base` in the file),
as the file has it now, and as the clinic has it now. Changed only on the laptop: the
file's version is stored. Changed only in the clinic: it stays. Changed on both sides
(differently): a conflict, which the therapist decides, per row, or for all at once from
the command line; until every conflict is decided nothing is stored.

What a file added or changed is written down here (`brought_back_rows`), so bringing the
same file back again adds nothing twice and asks nothing twice.
"""

from __future__ import annotations

import enum
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, create_engine, inspect, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from rugschool.config import sqlite_url
from rugschool.i18n import _
from rugschool.models import BroughtBackRow, Database
from rugschool.models.migrate import HEAD_REVISION
from rugschool.services.bring_back_merge import Merge
from rugschool.services.take_along import (
    TakeAlongError,
    database_id,
    meta_table,
)

DELETED = "deleted"


class Side(enum.StrEnum):
    CLINIC = "clinic"  # keep what the clinic database has
    TAKEN = "taken"  # take what the file brings


@dataclass(frozen=True)
class FieldDifference:
    field: str
    clinic: str
    taken: str


@dataclass(frozen=True)
class Conflict:
    """A row changed on both sides. `key` names it for a choice; what and fields say it."""

    key: str
    what: str
    fields: tuple[FieldDifference, ...]
    clinic_deleted: bool = False
    taken_deleted: bool = False


@dataclass
class BroughtBack:
    group_name: str
    taken_at: str
    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    kept: int = 0  # conflicts decided for the clinic's version
    conflicts: list[Conflict] = field(default_factory=list)  # not decided yet

    @property
    def nothing_new(self) -> bool:
        return not (self.added or self.changed or self.removed or self.conflicts)


class ConflictsToDecide(TakeAlongError):
    """Rows changed on both sides that nobody chose for yet: nothing was stored."""

    def __init__(self, result: BroughtBack) -> None:
        self.result = result
        super().__init__(
            _(
                "{count} records were changed both in the clinic and on the laptop. Choose "
                "which version to keep; nothing was stored yet."
            ).format(count=len(result.conflicts))
        )


def _check_copy(s: Session, facts: Mapping[str, str], path: Path) -> None:
    """Refuses a second copy of a file already brought back, and an older copy of it: each
    copy names itself at its first change, and the file counts its changes."""
    earlier = s.get(BroughtBackRow, (facts["file_id"], meta_table.name, "copy"))
    if earlier is None:
        return
    copy_id, changes = facts.get("copy_id", ""), int(facts.get("changes", "0"))
    if earlier.row_key and copy_id and copy_id != earlier.row_key:
        raise TakeAlongError(
            _(
                "{path} is another copy of a group file that was brought back before. Bring "
                "back only the copy the sessions were recorded in."
            ).format(path=path)
        )
    if changes < int(earlier.digest):
        raise TakeAlongError(
            _(
                "{path} is an older copy of a group file that was brought back before: it "
                "lacks changes that are already here. Nothing was stored."
            ).format(path=path)
        )


def _remember_copy(s: Session, facts: Mapping[str, str]) -> None:
    s.merge(
        BroughtBackRow(
            file_id=facts["file_id"],
            table_name=meta_table.name,
            file_key="copy",
            row_key=facts.get("copy_id", ""),
            digest=facts.get("changes", "0"),
        )
    )


class _Preview(Exception):
    """Raised inside the transaction to roll a preview back."""


@contextmanager
def opened_file(path: Path) -> Iterator[tuple[Connection, dict[str, str]]]:
    """A private copy of the file (with whatever its write-ahead log holds), opened for
    reading, and its take-along facts."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "file.sqlite3"
        try:
            # As a URI (a '#' or '?' in a file name is part of the name), read-only.
            source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            with closing(source), closing(sqlite3.connect(copy)) as target:
                source.backup(target)
        except sqlite3.Error as error:
            raise TakeAlongError(
                _("{path} cannot be read as a Rugschool file: {reason}").format(
                    path=path, reason=error
                )
            ) from error
        engine = create_engine(sqlite_url(copy))
        try:
            with engine.connect() as conn:
                yield conn, _facts(conn, path)
        finally:
            engine.dispose()


def _facts(conn: Connection, path: Path) -> dict[str, str]:
    if not inspect(conn).has_table(meta_table.name):
        raise TakeAlongError(_("{path} is not a group taken along.").format(path=path))
    facts = {row.key: row.value for row in conn.execute(select(meta_table))}
    if facts.get("revision") != HEAD_REVISION:
        raise TakeAlongError(
            _(
                "{path} was made by another version of Rugschool ({revision}). Bring it back "
                "with the same version of the app as the laptop's."
            ).format(path=path, revision=facts.get("revision", "?"))
        )
    return facts


def preview(
    db: Database,
    path: Path,
    choices: Mapping[str, Side] | None = None,
    keep: Side | None = None,
) -> BroughtBack:
    """What bringing the file back would do with these choices, the conflicts still to
    decide listed; nothing is stored."""
    return _run(db, path, choices or {}, keep, store=False)


def bring_back(
    db: Database,
    path: Path,
    choices: Mapping[str, Side] | None = None,
    keep: Side | None = None,
) -> BroughtBack:
    """Brings the file back. Every conflict needs a choice (by its key, or `keep` for all);
    else ConflictsToDecide is raised and nothing is stored."""
    return _run(db, path, choices or {}, keep, store=True)


def _run(
    db: Database, path: Path, choices: Mapping[str, Side], keep: Side | None, *, store: bool
) -> BroughtBack:
    with opened_file(path) as (file, facts):
        if facts.get("source_id") != database_id(db):
            raise TakeAlongError(
                _("{path} was taken along from another database ({source}).").format(
                    path=path, source=facts.get("source", "?")
                )
            )
        result = BroughtBack(facts.get("group_name", ""), facts.get("taken_at", ""))
        try:
            with db.transaction() as s:
                _check_copy(s, facts, path)
                Merge(s, file, facts["file_id"], choices, keep, result).run()
                _remember_copy(s, facts)
                if result.conflicts and store:
                    raise ConflictsToDecide(result)
                if not store:
                    raise _Preview
        except _Preview:
            pass
        except IntegrityError as error:
            raise TakeAlongError(
                _("The group could not be brought back; nothing was stored ({reason}).").format(
                    reason=error.orig
                )
            ) from error
        except SQLAlchemyError as error:  # a damaged or foreign file
            raise TakeAlongError(
                _("{path} cannot be read as a Rugschool file: {reason}").format(
                    path=path, reason=error
                )
            ) from error
    return result
