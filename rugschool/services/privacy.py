"""Privacy (GDPR; NEN 7510 and 7513): erasing a person for good, answering a request for
access, the retention term, and a pseudonymised file for research.

Erasing deletes the participant row in one transaction with its audit row; the database's
ON DELETE CASCADE takes everything that hangs off them (enrollments and through them
appointments, measures and self-management tools; check-ins, grid entries, catch-ups). Their
whole name in other people's notes and in session notes is replaced. Afterwards
`Database.compact()` rewrites the file, so the name is in neither the database nor its
write-ahead log. Backups made before keep them until they are thinned out.

What an erasure takes, and the search for their name, are in privacy_erasure.py; the rules
(terms, codes, names in notes) in privacy_rules.py; the access data in privacy_access.py;
the research file's rows in privacy_research.py.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from rugschool.errors import DatabaseError, ExportError, NotFound
from rugschool.i18n import N_, _
from rugschool.models import (
    Appointment,
    Attendance,
    AuditAction,
    Database,
    Enrollment,
    GroupSession,
    Measurement,
    Participant,
)
from rugschool.services import privacy_erasure as erasure
from rugschool.services import privacy_rules as rules
from rugschool.services.audit import Actor, log
from rugschool.services.names import full_name
from rugschool.services.privacy_access import access_data
from rugschool.services.privacy_erasure import ErasurePreview
from rugschool.services.privacy_research import research_table
from rugschool.services.settings import SettingsService
from rugschool.settings import REGION, RESEARCH_SECRET, RETENTION_YEARS
from rugschool.writing import write_file

_log = logging.getLogger(__name__)

# What the audit log says was exported (English, translated where it is shown).
RESEARCH_DETAIL = N_("pseudonymised research file")

# Makes the PDF of a request for access from `access_data` (export/access_report.py): passed
# in, because services do not import the printed documents.
PdfRenderer = Callable[[Mapping[str, Any]], bytes]


@dataclass(frozen=True)
class RetentionRow:
    """Someone whose record has been kept for the whole retention term."""

    participant_id: int
    name: str
    last_contact: dt.date
    term_ended: dt.date


class CompactFailed(DatabaseError):
    """The person is erased, but the database file could not be rewritten afterwards."""


class PrivacyService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db = db
        self.actor = actor or Actor()

    # ------------------------------------------------------------------ erasure

    def erasure_preview(self, participant_id: int) -> ErasurePreview:
        with self._db.transaction() as s:
            return erasure.preview(s, _load(s, participant_id))

    def erase(self, participant_id: int) -> ErasurePreview:
        """Removes every row about the person, and their whole name from other notes, in
        one transaction with the audit row (their number only); then rewrites the file."""
        with self._db.transaction() as s:
            person = _load(s, participant_id)
            preview = erasure.preview(s, person)
            replacement = _("[name erased]")
            for row, attribute, patterns in erasure.mentioning(s, person):
                setattr(
                    row, attribute, rules.redact(getattr(row, attribute), patterns, replacement)
                )
            s.flush()
            s.expunge_all()  # the rows below go by the database's cascades
            s.execute(delete(Participant).where(Participant.id == participant_id))
            log(s, self.actor, AuditAction.ERASED, participant_id)
        try:
            emptied = self._db.compact(erasure.ERASED_TABLES)
        except DatabaseError as error:
            raise CompactFailed(
                _(
                    "{name} was erased, but the database file could not be cleaned "
                    "afterwards, so traces may remain in it: {reason}"
                ).format(name=preview.full_name, reason=error)
            ) from error
        if not emptied:
            _log.warning("erased participant %d; the write-ahead log was busy", participant_id)
        return preview

    # ------------------------------------------------------------------ access

    def access_data(self, participant_id: int) -> dict[str, Any]:
        """Everything stored about the person, JSON-able (see privacy_access.py)."""
        with self._db.transaction() as s:
            return access_data(s, _load(s, participant_id), _now())

    def export_access(
        self, participant_id: int, out_dir: Path, render_pdf: PdfRenderer
    ) -> tuple[Path, Path]:
        """`<name>-<number>-inzage.json` and `.pdf` in `out_dir`, each written whole, with
        the audit row: both files and the row, or none of them."""
        out_dir = Path(out_dir)
        if not out_dir.is_dir():
            raise ExportError(_("The folder {folder} does not exist.").format(folder=out_dir))
        written: list[Path] = []
        try:
            with self._db.transaction() as s:
                person = _load(s, participant_id)
                data = access_data(s, person, _now())
                pdf = render_pdf(data)
                name = full_name(person.first_name, person.name_prefix, person.last_name)
                stem = _("{name}-access").format(name=rules.file_slug(name, participant_id))
                text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
                written.append(write_file(out_dir / f"{stem}.json", text.encode("utf-8")))
                written.append(write_file(out_dir / f"{stem}.pdf", pdf))
                log(s, self.actor, AuditAction.ACCESS_EXPORT, participant_id, N_("JSON and PDF"))
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return written[0], written[1]

    # ------------------------------------------------------------------ retention

    def retention_term(self) -> int:
        """Years a record is kept after the last contact."""
        settings = SettingsService(self._db)
        return rules.retention_term(settings.get(RETENTION_YEARS), settings.get(REGION))

    def retention_due(self, today: dt.date) -> list[RetentionRow]:
        """Everyone whose term has ended by `today`, longest ago first. The last contact is
        the latest session they came to, appointment done or measurement taken; without
        any, the day the record was made."""
        years = self.retention_term()
        with self._db.transaction() as s:
            sessions = _latest(
                s,
                select(Attendance.participant_id, func.max(GroupSession.starts_at))
                .join(GroupSession, GroupSession.id == Attendance.session_id)
                .where(Attendance.present.is_(True))
                .group_by(Attendance.participant_id),
            )
            appointments = _latest(
                s,
                select(Enrollment.participant_id, func.max(Appointment.done_on))
                .join(Appointment, Appointment.enrollment_id == Enrollment.id)
                .group_by(Enrollment.participant_id),
            )
            measured = _latest(
                s,
                select(Enrollment.participant_id, func.max(Measurement.taken_on))
                .join(Measurement, Measurement.enrollment_id == Enrollment.id)
                .group_by(Enrollment.participant_id),
            )
            people = s.execute(
                select(
                    Participant.id,
                    Participant.first_name,
                    Participant.name_prefix,
                    Participant.last_name,
                    Participant.created_at,
                )
            )
            rows = []
            for pid, first, prefix, last, created in people:
                contact = rules.last_contact(
                    created.date(), sessions.get(pid), appointments.get(pid), measured.get(pid)
                )
                ended = rules.add_years(contact, years)
                if ended <= today:
                    rows.append(RetentionRow(pid, full_name(first, prefix, last), contact, ended))
        return sorted(rows, key=lambda r: (r.last_contact, r.participant_id))

    # ------------------------------------------------------------------ research

    def research_csv(self, path: Path) -> int:
        """The pseudonymised research file (privacy_research.py), written whole; returns
        the number of rows. Each person in it gets an audit row."""
        path = Path(path)
        secret = self._research_secret()
        with self._db.transaction() as s:
            table = research_table(s, secret)
            for participant_id in table.participant_ids:
                log(s, self.actor, AuditAction.EXPORTED, participant_id, RESEARCH_DETAIL)
            write_file(path, rules.csv_bytes(table.header, table.rows))
        return len(table.rows)

    def _research_secret(self) -> str:
        settings = SettingsService(self._db)
        secret = settings.get(RESEARCH_SECRET)
        if len(secret) < 32:  # none yet
            secret = secrets.token_hex(32)
            settings.set(RESEARCH_SECRET, secret)
        return secret


# ---------------------------------------------------------------------- helpers


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _load(s: Session, participant_id: int) -> Participant:
    person = s.get(Participant, participant_id)
    if person is None:
        raise NotFound(_("There is no participant with number {id}.").format(id=participant_id))
    return person


def _latest(s: Session, query: Any) -> dict[int, dt.date]:
    """participant id -> a date (a session's time counts by its day)."""
    found: dict[int, dt.date] = {}
    for pid, value in s.execute(query):
        if value is not None:
            found[pid] = value.date() if isinstance(value, dt.datetime) else value
    return found
