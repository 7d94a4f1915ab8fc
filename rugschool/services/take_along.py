"""Taking a group along: one group of the clinic database, written as a Rugschool database
file that a laptop opens in local mode, runs the sessions on, and brings back.

The file keeps the clinic's own numbers for everything in it (participants, sessions,
levels), and two tables the app itself never touches: `take_along_meta` (the file's own id,
the group, where and when it was taken) and `take_along_base` (a digest of every row of the
group as it was taken). Bringing back compares three versions of each row, the one taken,
the file's and the clinic's, so it can tell a change made on the laptop from one made in
the clinic meanwhile (services/bring_back.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    UniqueConstraint,
    insert,
    select,
    text,
    union,
)

from rugschool.config import TAKEN_ALONG_SUFFIX
from rugschool.errors import NotFound, RugschoolError
from rugschool.i18n import _
from rugschool.models import (
    Base,
    CatchUp,
    Database,
    Enrollment,
    GradedActivityPlan,
    Group,
    GroupSession,
    Setting,
)
from rugschool.models.migrate import HEAD_REVISION
from rugschool.services.settings import SettingsService
from rugschool.services.table_copy import ordered, write_database_file
from rugschool.settings import DATABASE_ID, RESEARCH_SECRET

SUFFIX = TAKEN_ALONG_SUFFIX

# The tables a therapist changes while running a group; bringing back merges these. The
# others (the programme, settings, closed days) go along for reading only.
MERGED = (
    "therapists",
    "groups",
    "participants",
    "enrollments",
    "group_sessions",
    "group_therapists",
    "appointments",
    "attendance",
    "catch_ups",
    "day_themes",
    "exercise_results",
    "exposure_items",
    "graded_activity_plans",
    "measurements",
    "message_coverage",
    "pacing_entries",
    "smart_goals",
    "graded_activity_logs",
)
# Never taken along: the audit log (the laptop writes its own rows, which come back), and
# what earlier files brought back.
LEFT_BEHIND = ("audit_log", "brought_back_rows")
# Settings that belong to this database alone.
PRIVATE_SETTINGS = (DATABASE_ID.name, RESEARCH_SECRET.name)
# Columns that say how often, when or by whom a row changed, not what it holds: a cell
# cleared and typed again the same is the same cell.
BOOKKEEPING = ("version", "changed_by_id", "recorded_by_id", "recorded_at", "created_at")

file_tables = MetaData()
meta_table = Table(
    "take_along_meta",
    file_tables,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)
base_table = Table(
    "take_along_base",
    file_tables,
    Column("table_name", String, primary_key=True),
    Column("row_key", String, primary_key=True),
    Column("digest", String, nullable=False),
)
# Filled by triggers in the file as the laptop works (see `_file_triggers`): the numbers of
# rows removed there, so a number SQLite hands out again is not taken for the old row.
gone_table = Table(
    "take_along_gone",
    file_tables,
    Column("table_name", String, primary_key=True),
    Column("row_id", Integer, primary_key=True),
)


class TakeAlongError(RugschoolError):
    """A group that cannot be taken along, or a file that cannot be brought back."""

    exit_code = 14


@dataclass(frozen=True)
class TakenAlong:
    path: Path
    file_id: str
    group_name: str
    counts: Mapping[str, int]

    @property
    def participants(self) -> int:
        return self.counts.get("participants", 0)

    @property
    def sessions(self) -> int:
        return self.counts.get("group_sessions", 0)


# ---------------------------------------------------------------- rows compared as values


def plain(value: Any) -> Any:
    """A value in one form whichever database it came from (for digests and keys)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def compared_columns(table: Table) -> list[str]:
    """What a digest covers: what a row holds, not its own number nor its bookkeeping."""
    skip = set(BOOKKEEPING) | ({"id"} if has_own_number(table) else set())
    return [c.name for c in table.columns if c.name not in skip]


def digest(table: Table, values: Mapping[str, Any]) -> str:
    data = {name: plain(values.get(name)) for name in compared_columns(table)}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def has_own_number(table: Table) -> bool:
    """True for a table whose key is a number of its own (`id`); False for one keyed by
    what it belongs to (a session's theme, an enrollment's goal)."""
    keys = key_columns(table)
    return keys == ["id"] and not table.c.id.foreign_keys


def identity_columns(table: Table) -> list[str]:
    """What makes a row the same row on both sides: its unique key where it has one (one
    cell of the grid is session, participant and exercise, whatever number SQLite gave
    it), else its primary key."""
    if has_own_number(table):
        for constraint in sorted(table.constraints, key=lambda c: str(c.name)):
            if isinstance(constraint, UniqueConstraint):
                columns = [c.name for c in constraint.columns]
                if "id" not in columns:
                    return columns
    return key_columns(table)


def by_number(table: Table) -> bool:
    """True for a table whose rows are known by their number only (participants, groups)."""
    return identity_columns(table) == ["id"]


def row_key(table: Table, values: Mapping[str, Any]) -> str:
    return json.dumps([plain(values[name]) for name in identity_columns(table)])


def merged_tables() -> list[Table]:
    """The merged tables, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name in MERGED]


# ---------------------------------------------------------------- what a group takes along


def group_selection(group_id: int) -> dict[str, Select[Any]]:
    tables = Base.metadata.tables
    sessions = select(GroupSession.id).where(GroupSession.group_id == group_id)
    enrollments = select(Enrollment.id).where(Enrollment.group_id == group_id)
    people = union(
        select(Enrollment.participant_id).where(Enrollment.group_id == group_id),
        select(CatchUp.participant_id).where(CatchUp.session_id.in_(sessions)),
    )
    plans = select(GradedActivityPlan.id).where(GradedActivityPlan.enrollment_id.in_(enrollments))
    by_column = {
        "groups": ("id", select(Group.id).where(Group.id == group_id)),
        "group_therapists": ("group_id", select(Group.id).where(Group.id == group_id)),
        "participants": ("id", people),
        "enrollments": ("id", enrollments),
        "group_sessions": ("id", sessions),
        "graded_activity_logs": ("plan_id", plans),
    }
    chosen: dict[str, Select[Any]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in LEFT_BEHIND:
            continue
        query = ordered(table)
        if table.name in by_column:
            column, ids = by_column[table.name]
            query = query.where(table.c[column].in_(ids))
        elif "session_id" in table.c and table.name in MERGED:
            query = query.where(table.c.session_id.in_(sessions))
        elif "enrollment_id" in table.c and table.name in MERGED:
            query = query.where(table.c.enrollment_id.in_(enrollments))
        elif table.name == "settings":
            query = query.where(Setting.key.not_in(PRIVATE_SETTINGS))
        chosen[table.name] = query
    assert set(MERGED) <= set(chosen) and tables.keys() - set(chosen) == set(LEFT_BEHIND)
    return chosen


def database_id(db: Database) -> str:
    """This database's identity (made once, kept in its settings)."""
    settings = SettingsService(db)
    found = settings.get(DATABASE_ID)
    if not found:
        found = str(uuid.uuid4())
        settings.set(DATABASE_ID, found)
    return found


def take_along(db: Database, group_id: int, target: Path, source_name: str) -> TakenAlong:
    """Writes the group to `target` (a new file; an existing one is replaced whole)."""
    with db.transaction() as s:
        group = s.get(Group, group_id)
        if group is None:
            raise NotFound(_("There is no group with number {id}.").format(id=group_id))
        group_name = group.name
    meta = {
        "file_id": str(uuid.uuid4()),
        "source_id": database_id(db),
        "source": source_name,
        "group_id": str(group_id),
        "group_name": group_name,
        "taken_at": dt.datetime.now().isoformat(timespec="seconds"),
        "revision": HEAD_REVISION,
        "changes": "0",  # counted by the file's triggers: an older copy has fewer
    }

    def write_base(target_conn: Connection) -> None:
        file_tables.create_all(target_conn)
        target_conn.execute(insert(meta_table), [{"key": k, "value": v} for k, v in meta.items()])
        for statement in _file_triggers():
            target_conn.execute(text(statement))
        for table in merged_tables():
            rows = [dict(r) for r in target_conn.execute(select(table)).mappings()]
            if rows:
                target_conn.execute(insert(base_table), [_base_row(table, r) for r in rows])

    options = {} if db.is_sqlite else {"isolation_level": "REPEATABLE READ"}
    try:
        with db.engine.connect().execution_options(**options) as source, source.begin():
            counts = write_database_file(source, target, group_selection(group_id), write_base)
    except OSError as error:
        raise TakeAlongError(
            _("The file could not be written to {path}: {reason}").format(
                path=target, reason=error.strerror or error
            )
        ) from error
    return TakenAlong(target, meta["file_id"], group_name, counts)


def _file_triggers() -> list[str]:
    """Triggers that only the file has: every change counts (`changes`), the first change
    in a copy names that copy (`copy_id`), and a removed numbered row is written down."""
    statements = []
    for table in merged_tables():
        for operation in ("INSERT", "UPDATE", "DELETE"):
            gone = (
                f"INSERT OR IGNORE INTO {gone_table.name} VALUES ('{table.name}', OLD.id);"
                if operation == "DELETE" and by_number(table)
                else ""
            )
            statements.append(
                f"CREATE TRIGGER take_along_{table.name}_{operation.lower()} "
                f"AFTER {operation} ON {table.name} BEGIN "
                f"INSERT OR IGNORE INTO {meta_table.name} "
                "VALUES ('copy_id', lower(hex(randomblob(16)))); "
                f"UPDATE {meta_table.name} SET value = CAST(value AS INTEGER) + 1 "
                f"WHERE key = 'changes'; {gone} END"
            )
    return statements


def _base_row(table: Table, values: Mapping[str, Any]) -> dict[str, str]:
    return {
        "table_name": table.name,
        "row_key": row_key(table, values),
        "digest": digest(table, values),
    }
