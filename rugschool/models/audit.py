"""Who did what to which participant's record, and when (NEN 7513): an append-only log.

A row names the participant by number only, never by name, so erasing a person leaves no
name behind in the log. The database itself refuses to change or delete a row (triggers,
created with the table on a new database and by migration 0007 on an older one).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import DDL, DateTime, Integer, String, event, func
from sqlalchemy.orm import Mapped, mapped_column

from rugschool.models.base import Base


class AuditAction(enum.StrEnum):
    OPENED = "opened"  # a participant's record was opened on screen
    CREATED = "created"
    CHANGED = "changed"
    PRINTED = "printed"  # a document about them was printed
    EXPORTED = "exported"  # a document or file about them was written
    ACCESS_EXPORT = "access_export"  # everything about them, for a request for access
    ERASED = "erased"


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    # Numbers, not foreign keys: the log outlives the people and profiles it names.
    therapist_id: Mapped[int | None] = mapped_column(Integer)
    participant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String)
    detail: Mapped[str] = mapped_column(String, default="")  # what, never a name


APPEND_ONLY_MESSAGE = "the audit log is append-only"

SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    for verb in ("UPDATE", "DELETE")
)
POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)

for _dialect, _statements in (("sqlite", SQLITE_TRIGGERS), ("postgresql", POSTGRESQL_TRIGGERS)):
    for _statement in _statements:
        _ddl = DDL(_statement)  # type: ignore[no-untyped-call]
        event.listen(AuditEntry.__table__, "after_create", _ddl.execute_if(dialect=_dialect))
