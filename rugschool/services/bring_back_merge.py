"""The merge of bringing a group back, row by row (services/bring_back.py has the rules).

A row is known by its identity (take_along.identity_columns): its unique key, such as the
session, participant and exercise of a grid cell, or its number where it has nothing else
(participants, groups). A number the laptop's SQLite handed out again after removing a row
is recognised by the file's own list of removed numbers (`take_along_gone`).

Three versions are compared by digest of what a row holds: as taken along (or as an earlier
bringing back left it), the file's, and the clinic's. Tables are walked parents first, so a
new row's parents have their numbers here before it needs them; what the laptop removed is
walked children first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from rugschool.models import AuditEntry, Base, BroughtBackRow
from rugschool.services.bring_back_words import describe, differences
from rugschool.services.take_along import (
    base_table,
    by_number,
    digest,
    gone_table,
    has_own_number,
    identity_columns,
    merged_tables,
    row_key,
)

if TYPE_CHECKING:
    from rugschool.services.bring_back import BroughtBack, Side

DELETED = "deleted"
KEPT_REMOVED = "kept-removed"  # removed here, and the therapist chose to leave it so
Key = tuple[str, Any]  # (table name, number in the file)


class Merge:
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
        self.reused: set[Key] = {(r.table_name, r.row_id) for r in file.execute(select(gone_table))}
        self.brought = {
            (b.table_name, b.file_key): b
            for b in s.scalars(select(BroughtBackRow).where(BroughtBackRow.file_id == file_id))
        }
        # Rows not written this time: their parent is gone here (by choice, or a choice is
        # still to make); their children wait with them.
        self.held: set[Key] = set()
        self.restored: set[Key] = set()  # brought back to life here with the laptop's version
        self.needed: set[Key] = set()  # rows with new or changed rows of the laptop below them

    def run(self) -> None:
        self._find_needed()
        seen: dict[str, set[str]] = defaultdict(set)
        for table in merged_tables():
            for found in self.file.execute(select(table)).mappings():
                row = dict(found)
                file_key = self._file_key(table, row)
                seen[table.name].add(file_key)
                self._row(table, row, file_key)
        for table in reversed(merged_tables()):
            known = set(self.base[table.name]) | {k for n, k in self.brought if n == table.name}
            for file_key in sorted(known - seen[table.name]):
                self._gone(table, file_key)
        self._audit()

    # ------------------------------------------------------------ which row is which

    def _file_key(self, table: Table, row: Mapping[str, Any]) -> str:
        """The row's identity, in this database's numbers (parents already mapped). A number
        SQLite gave again after a removal on the laptop is a new row: it gets a key of its
        own, so the removed row counts as removed."""
        if by_number(table):
            key = row_key(table, row)
            return f"new:{key}" if (table.name, row["id"]) in self.reused else key
        return row_key(table, self._remapped(table, row))

    def _is_new_number(self, table: Table, file_key: str) -> bool:
        return file_key.startswith("new:") or (
            file_key not in self.base[table.name] and (table.name, file_key) not in self.brought
        )

    def _target(self, table: Table, row: Mapping[str, Any], file_key: str) -> dict[str, Any]:
        """Where the row lives here (it may not exist here)."""
        if not by_number(table):
            values = self._remapped(table, row)
            return {name: values[name] for name in identity_columns(table)}
        brought = self.brought.get((table.name, file_key))
        if brought is not None:
            return {"id": json.loads(brought.row_key)[0]}
        if self._is_new_number(table, file_key):
            return {}
        return {"id": row["id"]}

    def _remapped(self, table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
        values = dict(row)
        for fk in table.foreign_keys:
            parent = fk.column.table
            number = values.get(fk.parent.name)
            if has_own_number(parent) and number is not None:
                values[fk.parent.name] = self.ids[parent.name].get(number, number)
        return values

    def _parents(self, table: Table, row: Mapping[str, Any]) -> list[Key]:
        return [
            (fk.column.table.name, row[fk.parent.name])
            for fk in table.foreign_keys
            if fk.column.table.name in self.merged_names and row.get(fk.parent.name) is not None
        ]

    @property
    def merged_names(self) -> set[str]:
        return {t.name for t in merged_tables()}

    def _find_needed(self) -> None:
        """Marks every row that has a new or changed row of the laptop below it: such a row
        cannot stay removed here without the therapist saying so."""
        for table in reversed(merged_tables()):
            for found in self.file.execute(select(table)).mappings():
                row = dict(found)
                key = row_key(table, row)
                changed = self.base[table.name].get(key) != digest(table, row)
                mine = (table.name, row.get("id"))
                if changed or mine in self.needed:
                    self.needed.update(self._parents(table, row))

    def _here(self, table: Table, target: Mapping[str, Any]) -> dict[str, Any] | None:
        if not target:
            return None
        query = select(table).where(*(table.c[k] == v for k, v in target.items()))
        found = self.s.execute(query.with_for_update()).mappings().first()
        return dict(found) if found is not None else None

    # ------------------------------------------------------------ a row the file has

    def _row(self, table: Table, row: dict[str, Any], file_key: str) -> None:
        mine: Key = (table.name, row.get("id"))
        parents = self._parents(table, row)
        if any(p in self.held for p in parents):
            self.held.add(mine)
            return
        values = self._remapped(table, row)
        taken = digest(table, values)
        before = self._before(table, file_key)
        target = self._target(table, row, file_key)
        here = self._here(table, target)
        if here is not None:
            self._map(table, row, here)
        if here is None:
            self._missing(table, row, values, file_key, taken, before, target)
        elif before == taken:
            return  # not changed on the laptop
        elif digest(table, here) == taken:
            self._remember(table, file_key, target, taken)
        elif before is not None and digest(table, here) == before:
            self._update(table, target, here, values, file_key, taken)
        else:
            self._conflict(table, file_key, here, row, taken, target)

    def _missing(
        self,
        table: Table,
        row: dict[str, Any],
        values: dict[str, Any],
        file_key: str,
        taken: str,
        before: str | None,
        target: dict[str, Any],
    ) -> None:
        """A row the file has and this database has not: new on the laptop, or removed
        here meanwhile."""
        mine: Key = (table.name, row.get("id"))
        new = before is None or any(p in self.restored for p in self._parents(table, row))
        if before == KEPT_REMOVED:
            self.held.add(mine)  # decided before: it stays removed, with what hangs on it
        elif new:
            self._insert(table, row, values, file_key, taken)
        elif before == taken and mine not in self.needed:
            return  # removed here; the laptop did nothing with it
        else:
            self._conflict(table, file_key, None, row, taken, target)

    def _before(self, table: Table, file_key: str) -> str | None:
        """The row as the clinic and the laptop last agreed: as taken along, or as an
        earlier bringing back of this file left it."""
        brought = self.brought.get((table.name, file_key))
        return brought.digest if brought else self.base[table.name].get(file_key)

    def _map(self, table: Table, row: Mapping[str, Any], here: Mapping[str, Any]) -> None:
        if has_own_number(table):
            self.ids[table.name][row["id"]] = here["id"]

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
            values = {k: v for k, v in values.items() if k != "id"}
            number = self.s.execute(insert(table).values(values).returning(table.c.id)).scalar_one()
            self.ids[table.name][row["id"]] = number
            target: dict[str, Any] = {"id": number} if by_number(table) else {}
        else:
            self.s.execute(insert(table).values(values))
        if not by_number(table):
            target = {name: values[name] for name in identity_columns(table)}
        self.result.added[table.name] += 1
        self._remember(table, file_key, target, taken)

    def _update(
        self,
        table: Table,
        target: Mapping[str, Any],
        here: Mapping[str, Any],
        values: dict[str, Any],
        file_key: str,
        taken: str,
    ) -> None:
        skip = set(target) | ({"id"} if has_own_number(table) else set())
        changes = {k: v for k, v in values.items() if k not in skip}
        if "version" in table.c:
            changes["version"] = (here.get("version") or 0) + 1
        self.s.execute(
            update(table).where(*(table.c[k] == v for k, v in target.items())).values(changes)
        )
        self.result.changed[table.name] += 1
        self._remember(table, file_key, target, taken)

    def _remember(self, table: Table, file_key: str, target: Mapping[str, Any], taken: str) -> None:
        here_key = json.dumps([_plain_key(v) for v in target.values()])
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
        target = self._gone_target(table, file_key)
        here = self._here(table, target)
        if here is None:
            return
        if digest(table, here) == self._before(table, file_key) and not self._below(table, here):
            self._delete(table, target, file_key)
        else:
            self._conflict(table, file_key, here, None, DELETED, target)

    def _gone_target(self, table: Table, file_key: str) -> dict[str, Any]:
        brought = self.brought.get((table.name, file_key))
        keys = json.loads(brought.row_key if brought else file_key)
        columns = identity_columns(table)
        return {name: _typed(table, name, value) for name, value in zip(columns, keys, strict=True)}

    def _below(self, table: Table, here: Mapping[str, Any]) -> int:
        """How many rows here still hang on this one (added or kept here): removing it
        would take them along."""
        if not has_own_number(table):
            return 0
        count = 0
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is table and fk.ondelete == "CASCADE":
                    query = select(func.count()).where(child.c[fk.parent.name] == here["id"])
                    count += int(self.s.execute(query).scalar_one())
        return count

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
        row: dict[str, Any] | None,
        taken: str,
        target: dict[str, Any],
    ) -> None:
        """`here` None: removed in the clinic; `row` None: removed on the laptop."""
        from rugschool.services.bring_back import Conflict, FieldDifference, Side

        key = f"{table.name}:{file_key}"
        values = self._remapped(table, row) if row is not None else None
        side = self.choices.get(key, self.keep)
        if side is None:
            if row is not None and here is None:  # its children wait for the choice
                self.held.add((table.name, row.get("id")))
            self.result.conflicts.append(
                Conflict(
                    key=key,
                    what=describe(self.s, table, here or values or {}),
                    fields=tuple(FieldDifference(*d) for d in differences(table, here, values)),
                    clinic_deleted=here is None,
                    taken_deleted=values is None,
                )
            )
        elif side is Side.CLINIC:
            self.result.kept += 1
            if row is not None and here is None:
                self.held.add((table.name, row.get("id")))  # stays removed, with its children
                taken = KEPT_REMOVED
            self._remember(table, file_key, target, taken)
        elif values is None:
            self._delete(table, target, file_key)
        elif here is not None:
            self._update(table, target, here, values, file_key, taken)
        else:  # removed here: the laptop's version comes back, with what hangs on it
            assert row is not None
            self.restored.add((table.name, row.get("id")))
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
            number = self.s.execute(insert(table).values(values).returning(table.c.id)).scalar_one()
            self.result.added[table.name] += 1
            self._remember(table, file_key, {"id": number}, "")


def _plain_key(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.time) else value


def _typed(table: Table, name: str, value: Any) -> Any:
    """A key value from JSON back to the column's own type (dates travel as text)."""
    kind = table.c[name].type.python_type
    if value is None or isinstance(value, kind):
        return value
    parse = getattr(kind, "fromisoformat", None)
    return parse(value) if parse is not None else value
