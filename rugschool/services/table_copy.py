"""Rows of one database written into a new Rugschool SQLite file, with the same numbers.

Both the portable dump of a clinic database (`rugschool backup` in clinic mode) and a
take-along file are such files: a database of this app's schema at its current revision,
which the app opens in local mode like any other. The copy goes table by table through the
models' metadata, parents before children, in batches, so it works from PostgreSQL and from
SQLite alike and never holds a large table in memory.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from sqlalchemy import Connection, Select, Table, create_engine, delete, insert, select, text

from rugschool.config import sqlite_url
from rugschool.models import Base
from rugschool.models.migrate import create_schema

BATCH = 5_000

# Per table name: the rows to copy (a select on that table); a table not named is left empty.
Selection = Mapping[str, Select[tuple[object, ...]]]


def everything() -> dict[str, Select[tuple[object, ...]]]:
    """Every row of every table: a dump."""
    return {table.name: select(table) for table in Base.metadata.sorted_tables}


def ordered(table: Table) -> Select[tuple[object, ...]]:
    """All of a table in primary-key order (files come out the same for the same data)."""
    return select(table).order_by(*table.primary_key.columns)


@contextlib.contextmanager
def new_database_file(path: Path) -> Iterator[Connection]:
    """A connection to a new, empty database of the current schema at `path` (which must
    not exist), in one transaction that commits when the block ends. On an error the file
    is removed again."""
    create_schema(sqlite_url(path))
    engine = create_engine(sqlite_url(path))
    try:
        with engine.begin() as target:
            target.execute(text("PRAGMA foreign_keys = ON"))
            for table in reversed(Base.metadata.sorted_tables):
                if table.name != "audit_log":  # new: empty, and its triggers refuse DELETE
                    target.execute(delete(table))  # whatever the schema's creation put in
            yield target
    except BaseException:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise
    engine.dispose()


def copy_rows(
    source: Connection,
    target: Connection,
    selection: Selection,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Copies the selected rows, parents first, keeping every column (numbers too).
    Returns how many rows each table got."""
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        query = selection.get(table.name)
        if query is None:
            continue
        if progress is not None:
            progress(table.name)
        counts[table.name] = 0
        result = source.execution_options(yield_per=BATCH).execute(query)
        for batch in result.mappings().partitions(BATCH):
            target.execute(insert(table), [dict(row) for row in batch])
            counts[table.name] += len(batch)
    return counts


def write_database_file(
    source: Connection,
    path: Path,
    selection: Selection,
    before_commit: Callable[[Connection], None] | None = None,
) -> dict[str, int]:
    """A new database file at `path` holding the selected rows; written under a temporary
    name and renamed, so `path` is the whole file or untouched."""
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    scratch.unlink(missing_ok=True)
    with new_database_file(scratch) as target:
        counts = copy_rows(source, target, selection)
        if before_commit is not None:
            before_commit(target)
    try:
        os.replace(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)
    return counts
