"""Participants: listing and creating (the Deelnemers screen grows this in a later issue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from rugschool.errors import ValidationError
from rugschool.i18n import _
from rugschool.models import Database, Enrollment, Participant
from rugschool.models.base import nfc
from rugschool.services.names import full_name, list_name


@dataclass(frozen=True)
class ParticipantInput:
    first_name: str
    last_name: str
    name_prefix: str = ""
    date_of_birth: dt.date | None = None
    phone: str = ""
    email: str = ""
    referrer: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    first_name: str
    name_prefix: str
    last_name: str
    date_of_birth: dt.date | None
    phone: str
    email: str
    referrer: str
    archived: bool

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.name_prefix, self.last_name)

    @property
    def list_name(self) -> str:
        return list_name(self.first_name, self.name_prefix, self.last_name)


def _row(p: Participant) -> ParticipantRow:
    return ParticipantRow(
        id=p.id,
        first_name=p.first_name,
        name_prefix=p.name_prefix,
        last_name=p.last_name,
        date_of_birth=p.date_of_birth,
        phone=p.phone,
        email=p.email,
        referrer=p.referrer,
        archived=p.archived,
    )


class ParticipantService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, group_id: int | None = None) -> list[ParticipantRow]:
        """Every participant, archived ones included, ordered by id."""
        query = select(Participant).order_by(Participant.id)
        if group_id is not None:
            query = query.join(Enrollment).where(Enrollment.group_id == group_id)
        with self._db.transaction() as s:
            return [_row(p) for p in s.scalars(query)]

    def count(self) -> int:
        with self._db.transaction() as s:
            return s.scalar(select(func.count()).select_from(Participant)) or 0

    def create(self, data: ParticipantInput) -> ParticipantRow:
        first, last = (nfc(data.first_name.strip()) or ""), (nfc(data.last_name.strip()) or "")
        if not first and not last:
            raise ValidationError(_("Enter a first name or a last name."))
        participant = Participant(
            first_name=first,
            name_prefix=data.name_prefix.strip(),
            last_name=last,
            date_of_birth=data.date_of_birth,
            phone=data.phone.strip(),
            email=data.email.strip(),
            referrer=data.referrer.strip(),
            notes=data.notes,
        )
        with self._db.transaction() as s:
            s.add(participant)
            s.flush()
            return _row(participant)
