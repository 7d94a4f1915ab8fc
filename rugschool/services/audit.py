"""The audit log (NEN 7513): who opened, created, changed, printed, exported or erased which
participant's data, and when. Rows name the participant by number only; the database refuses
to change or delete them (models/audit.py).

`Actor` is who works at the app now: the therapist whose profile is unlocked. Services that
change participant data are given the same Actor, and write their log row in their own
transaction, so the change and its row are stored together or not at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from rugschool.i18n import N_, _
from rugschool.models import AuditAction, AuditEntry, Database, Therapist

__all__ = ["ACTION_NAMES", "Actor", "AuditAction", "AuditRow", "AuditService", "log"]

ACTION_NAMES = {
    AuditAction.OPENED: N_("opened"),
    AuditAction.CREATED: N_("created"),
    AuditAction.CHANGED: N_("changed"),
    AuditAction.PRINTED: N_("printed"),
    AuditAction.EXPORTED: N_("exported"),
    AuditAction.ACCESS_EXPORT: N_("exported for a request for access"),
    AuditAction.ERASED: N_("erased"),
}


@dataclass
class Actor:
    """The therapist working at the app (None: nobody chose a profile yet)."""

    therapist_id: int | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime  # UTC, as the database keeps it
    therapist_id: int | None
    therapist: str
    participant_id: int | None
    action: str
    detail: str

    @property
    def action_text(self) -> str:
        return _(ACTION_NAMES[AuditAction(self.action)]) if self.action in ACTION_NAMES else ""

    @property
    def detail_text(self) -> str:
        """Details are stored as the English words marked with N_(), shown translated."""
        return _(self.detail) if self.detail else ""


def log(
    s: Session,
    actor: Actor | None,
    action: AuditAction,
    participant_id: int | None,
    detail: str = "",
) -> None:
    """Adds a row in the caller's transaction. `detail` says what (a document, a form) in
    English words marked with N_(), translated when shown; never a name."""
    s.add(
        AuditEntry(
            therapist_id=actor.therapist_id if actor else None,
            participant_id=participant_id,
            action=action.value,
            detail=detail,
        )
    )


class AuditService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db = db
        self.actor = actor or Actor()

    def log(self, action: AuditAction, participant_id: int | None, detail: str = "") -> None:
        with self._db.transaction() as s:
            log(s, self.actor, action, participant_id, detail)

    def log_many(self, action: AuditAction, participant_ids: list[int], detail: str = "") -> None:
        """One row per person, stored together (a print run of a whole group)."""
        with self._db.transaction() as s:
            for participant_id in participant_ids:
                log(s, self.actor, action, participant_id, detail)

    def rows(
        self,
        *,
        participant_id: int | None = None,
        therapist_id: int | None = None,
        action: AuditAction | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = 5000,
    ) -> list[AuditRow]:
        """Newest first, filtered by whatever is given (`until` includes that day)."""
        query = (
            select(AuditEntry, Therapist.name)
            .outerjoin(Therapist, Therapist.id == AuditEntry.therapist_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
        if participant_id is not None:
            query = query.where(AuditEntry.participant_id == participant_id)
        if therapist_id is not None:
            query = query.where(AuditEntry.therapist_id == therapist_id)
        if action is not None:
            query = query.where(AuditEntry.action == action.value)
        if since is not None:
            query = query.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
        if until is not None:
            next_day = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
            query = query.where(AuditEntry.at < next_day)
        if limit is not None:
            query = query.limit(limit)
        with self._db.transaction() as s:
            return [
                AuditRow(
                    e.id, e.at, e.therapist_id, name or "", e.participant_id, e.action, e.detail
                )
                for e, name in s.execute(query)
            ]


def audit_csv(rows: list[AuditRow]) -> str:
    """The log as a spreadsheet reads it: local time, therapist, action, participant number."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("When"), _("Therapist"), _("Action"), _("Participant number"), _("What")])
    for row in rows:
        local = row.at.replace(tzinfo=dt.UTC).astimezone()
        writer.writerow(
            [
                local.strftime("%Y-%m-%d %H:%M:%S"),
                row.therapist,
                row.action_text,
                "" if row.participant_id is None else row.participant_id,
                row.detail_text,
            ]
        )
    return out.getvalue()


def write_audit_csv(rows: list[AuditRow], path: Path) -> None:
    from rugschool.files import write_whole

    write_whole(path, ("\ufeff" + audit_csv(rows)).encode("utf-8"))
