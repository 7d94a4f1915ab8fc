"""Making the database fail on purpose, and telling whether anything changed.

`WriteFailures` makes the n-th write of an engine fail as a full disk does (SQLite's
"database or disk is full"): each INSERT, UPDATE or DELETE is a step, and so is the COMMIT
of a transaction that wrote (a read commits nothing, so it never fails this way).
A test walks n = 1, 2, ... through an operation until it succeeds, checking after each
failure that the database is exactly as before: all or nothing, at every step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, event, select

from rugschool.errors import DatabaseError
from rugschool.models import Database
from rugschool.models.base import Base

WRITES = ("INSERT", "UPDATE", "DELETE")
Snapshot = dict[str, list[tuple[Any, ...]]]


class WriteFailures:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.fail_at: int | None = None  # the step that fails; None: nothing fails
        self.always = False  # every write fails (a read-only file, a full disk)
        self.steps = 0
        self._wrote = False
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)

    def arm(self, step: int | None = None, *, always: bool = False) -> None:
        self.fail_at, self.always, self.steps = step, always, 0

    def remove(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)

    def _step(self, statement: str) -> None:
        self.steps += 1
        if self.always or self.steps == self.fail_at:
            raise sqlalchemy.exc.OperationalError(
                statement, None, sqlite3.OperationalError("database or disk is full")
            )

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(WRITES):
            self._wrote = True
            self._step(statement)

    def _commit(self, _conn: Any) -> None:
        if self._wrote:
            self._wrote = False
            self._step("COMMIT")

    def _rollback(self, _conn: Any) -> None:
        self._wrote = False


def snapshot(db: Database) -> Snapshot:
    """Every row of every table, in a fixed order."""
    with db.engine.connect() as conn:
        return {
            table.name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def fails_cleanly_at_every_step(db: Database, operation: Callable[[], object]) -> int:
    """Runs `operation` with its first write failing, then its second, ... until it runs
    through; asserts each failure is a DatabaseError that left the database as it was.
    Returns the number of steps that were made to fail."""
    failures = WriteFailures(db.engine)
    before = snapshot(db)
    step = 0
    try:
        while True:
            step += 1
            failures.arm(step)
            try:
                operation()
            except DatabaseError as error:
                assert "full" in str(error)  # noqa: PT017 (a loop of failures, not one raise)
                assert snapshot(db) == before, f"step {step} left part of its work behind"
                continue
            break
    finally:
        failures.remove()
    assert snapshot(db) != before, "the operation, run through, stored nothing"
    return step - 1
