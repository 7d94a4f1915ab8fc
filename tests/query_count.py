"""Counting the SQL statements an operation sends: "a fixed number of queries, however big
the group" is a promise the tests keep."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from rugschool.models import Database


@contextmanager
def counted_queries(db: Database) -> Iterator[list[str]]:
    """The statements sent while the block runs, in order."""
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
