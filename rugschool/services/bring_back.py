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
import json
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, create_engine, delete, insert, inspect, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from rugschool.config import sqlite_url
from rugschool.i18n import _
from rugschool.models import AuditEntry, BroughtBackRow, Database
from rugschool.models.migrate import HEAD_REVISION
from rugschool.services.bring_back_words import describe, differences
from rugschool.services.take_along import (
    TakeAlongError,
    base_table,
    database_id,
    digest,
    has_own_number,
    key_columns,
    merged_tables,
    meta_table,
    row_key,
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


class _Preview(Exception):
    """Raised inside the transaction to roll a preview back."""


@contextmanager
def opened_file(path: Path) -> Iterator[tuple[Connection, dict[str, str]]]:
    """A private copy of the file (with whatever its write-ahead log holds), opened for
    reading, and its take-along facts."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "file.sqlite3"
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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


def preview(db: Database, path: Path) -> BroughtBack:
    """What bringing the file back would do, conflicts listed; nothing is stored."""
    return _run(db, path, {}, None, store=False)


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
                _Merge(s, file, facts["file_id"], choices, keep, result).run()
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


class _Merge:
    def __init__(
        self,
        s: Session,
        file: Connection,
        file_id: str,
        choices: Mapping[str, Side],
        keep: Side | None,
        result: BroughtBack,
    ) -> None:
        self.s, self.file, self.file_id = s, file, file_id
        self.choices, self.keep, self.result = choices, keep, result
        self.ids: dict[str, dict[Any, Any]] = defaultdict(dict)  # file number -> number here
        self.base: dict[str, dict[str, str]] = defaultdict(dict)
        for row in file.execute(select(base_table)):
            self.base[row.table_name][row.row_key] = row.digest
        self.brought = {
            (b.table_name, b.file_key): b
            for b in s.scalars(select(BroughtBackRow).where(BroughtBackRow.file_id == file_id))
        }

    def run(self) -> None:
        seen: dict[str, set[str]] = {}
        for table in merged_tables():
            seen[table.name] = set()
            for found in self.file.execute(select(table)).mappings():
                row = dict(found)
                seen[table.name].add(row_key(table, row))
                self._row(table, row)
        for table in reversed(merged_tables()):
            known = set(self.base[table.name]) | {
                key for name, key in self.brought if name == table.name
            }
            for file_key in sorted(known - seen[table.name]):
                self._gone(table, file_key)
        self._audit()

    # ------------------------------------------------------------ a row the file has

    def _row(self, table: Table, row: Mapping[str, Any]) -> None:
        file_key = row_key(table, row)
        values = self._remapped(table, row)
        taken = digest(table, values)
        before = self._before(table, file_key)
        target = self._target(table, row, values, file_key)
        if before == taken:
            return  # not changed on the laptop
        here = self._here(table, target) if target is not None else None
        if here is None:
            if before is None and (target is None or not has_own_number(table)):
                self._insert(table, row, values, file_key, taken)
            else:
                self._conflict(table, file_key, here, row, taken, target)
            return
        now = digest(table, here)
        assert target is not None
        if now == taken:
            self._remember(table, file_key, target, taken)
        elif before is not None and now == before:
            self._update(table, target, here, values, file_key, taken)
        else:
            self._conflict(table, file_key, here, row, taken, target)

    def _before(self, table: Table, file_key: str) -> str | None:
        """The row as the clinic and the laptop last agreed: as taken along, or as an
        earlier bringing back of this file left it."""
        brought = self.brought.get((table.name, file_key))
        return brought.digest if brought else self.base[table.name].get(file_key)

    def _target(
        self, table: Table, row: Mapping[str, Any], values: dict[str, Any], file_key: str
    ) -> dict[str, Any] | None:
        """The row's key here: the same numbers as in the file for what was taken along,
        the remembered one for what an earlier bringing back added, one the clinic made
        for the same thing (the same unique key) meanwhile, or None for a new row."""
        if not has_own_number(table):
            return {name: values[name] for name in key_columns(table)}
        brought = self.brought.get((table.name, file_key))
        if brought is not None:
            number = json.loads(brought.row_key)[0]
        elif file_key in self.base[table.name]:
            number = row["id"]
        else:
            number = self._same_unique(table, values)
        if number is not None:
            self.ids[table.name][row["id"]] = number
            return {"id": number}
        return None

    def _same_unique(self, table: Table, values: dict[str, Any]) -> Any:
        for constraint in table.constraints:
            columns = [c.name for c in getattr(constraint, "columns", [])]
            if type(constraint).__name__ != "UniqueConstraint" or "id" in columns:
                continue
            if all(values.get(c) is not None for c in columns):
                query = select(table.c.id).where(*(table.c[c] == values[c] for c in columns))
                found = self.s.execute(query).scalar()
                if found is not None:
                    return found
        return None

    def _remapped(self, table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
        values = dict(row)
        for fk in table.foreign_keys:
            parent = fk.column.table
            if has_own_number(parent):
                number = values.get(fk.parent.name)
                if number is not None:
                    values[fk.parent.name] = self.ids[parent.name].get(number, number)
        return values

    def _here(self, table: Table, target: Mapping[str, Any]) -> dict[str, Any] | None:
        query = select(table).where(*(table.c[k] == v for k, v in target.items()))
        found = self.s.execute(query).mappings().first()
        return dict(found) if found is not None else None

    # ------------------------------------------------------------ writing

    def _insert(
        self,
        table: Table,
        row: Mapping[str, Any],
        values: dict[str, Any],
        file_key: str,
        taken: str,
    ) -> None:
        if has_own_number(table):
            values.pop("id")
            number = self._inserted(table, values)
            self.ids[table.name][row["id"]] = number
            target: dict[str, Any] = {"id": number}
        else:
            self.s.execute(insert(table).values(values))
            target = {name: values[name] for name in key_columns(table)}
        self.result.added[table.name] += 1
        self._remember(table, file_key, target, taken)

    def _inserted(self, table: Table, values: Mapping[str, Any]) -> Any:
        """Inserts a row with a number the database chooses; returns the number."""
        return self.s.execute(insert(table).values(values).returning(table.c.id)).scalar_one()

    def _update(
        self,
        table: Table,
        target: Mapping[str, Any],
        here: Mapping[str, Any],
        values: dict[str, Any],
        file_key: str,
        taken: str,
    ) -> None:
        changes = {k: v for k, v in values.items() if k not in target}
        if "version" in table.c:
            changes["version"] = (here.get("version") or 0) + 1
        self.s.execute(
            update(table).where(*(table.c[k] == v for k, v in target.items())).values(changes)
        )
        self.result.changed[table.name] += 1
        self._remember(table, file_key, target, taken)

    def _remember(self, table: Table, file_key: str, target: Mapping[str, Any], taken: str) -> None:
        here_key = json.dumps([target[name] for name in key_columns(table)], default=str)
        self.s.merge(
            BroughtBackRow(
                file_id=self.file_id,
                table_name=table.name,
                file_key=file_key,
                row_key=here_key,
                digest=taken,
            )
        )
        self.s.flush()

    # ------------------------------------------------------------ removed on the laptop

    def _gone(self, table: Table, file_key: str) -> None:
        brought = self.brought.get((table.name, file_key))
        keys = json.loads(brought.row_key if brought else file_key)
        target = dict(zip(key_columns(table), keys, strict=True))
        here = self._here(table, target)
        if here is None:
            return
        if digest(table, here) == self._before(table, file_key):
            self._delete(table, target, file_key)
        else:
            self._conflict(table, file_key, here, None, DELETED, target)

    def _delete(self, table: Table, target: Mapping[str, Any], file_key: str) -> None:
        self.s.execute(delete(table).where(*(table.c[k] == v for k, v in target.items())))
        self.result.removed[table.name] += 1
        self._remember(table, file_key, target, DELETED)

    # ------------------------------------------------------------ both sides changed

    def _conflict(
        self,
        table: Table,
        file_key: str,
        here: dict[str, Any] | None,
        row: Mapping[str, Any] | None,
        taken: str,
        target: Mapping[str, Any] | None,
    ) -> None:
        """`here` None: deleted in the clinic; `row` None: deleted on the laptop."""
        key = f"{table.name}:{file_key}"
        values = self._remapped(table, row) if row is not None else None
        side = self.choices.get(key, self.keep)
        if side is None:
            shown = here or values or {}
            self.result.conflicts.append(
                Conflict(
                    key=key,
                    what=describe(self.s, table, shown),
                    fields=tuple(FieldDifference(*d) for d in differences(table, here, values)),
                    clinic_deleted=here is None,
                    taken_deleted=values is None,
                )
            )
        elif side is Side.CLINIC:
            self.result.kept += 1
            if target is not None:
                self._remember(table, file_key, target, taken)
        elif values is None:
            assert target is not None
            self._delete(table, target, file_key)
        elif here is not None and target is not None:
            self._update(table, target, here, values, file_key, taken)
        else:  # deleted in the clinic: the laptop's version comes back
            assert row is not None
            self._insert(table, row, values, file_key, taken)

    # ------------------------------------------------------------ the laptop's audit rows

    def _audit(self) -> None:
        table = AuditEntry.__table__
        assert isinstance(table, Table)
        parents = (("participant_id", "participants"), ("therapist_id", "therapists"))
        for found in self.file.execute(select(table).order_by(table.c.id)).mappings():
            row = dict(found)
            file_key = row_key(table, row)
            if (table.name, file_key) in self.brought:
                continue
            values = {k: v for k, v in row.items() if k != "id"}
            for column, parent in parents:
                if values[column] is not None:
                    values[column] = self.ids[parent].get(values[column], values[column])
            number = self._inserted(table, values)
            self.result.added[table.name] += 1
            self._remember(table, file_key, {"id": number}, "")
