"""The therapists of the practice, who lead and assist the group sessions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import _
from rugschool.models import Database, Therapist
from rugschool.models.base import nfc


@dataclass(frozen=True)
class TherapistRow:
    id: int
    name: str
    active: bool


def _clean(name: str) -> str:
    name = " ".join((nfc(name) or "").split())
    if not name:
        raise ValidationError(_("Enter the therapist's name."))
    return name


class TherapistService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def rows(self, *, active_only: bool = False) -> list[TherapistRow]:
        query = select(Therapist).order_by(Therapist.name)
        if active_only:
            query = query.where(Therapist.active.is_(True))
        with self._db.transaction() as s:
            return [TherapistRow(t.id, t.name, t.active) for t in s.scalars(query)]

    def add(self, name: str) -> TherapistRow:
        with self._db.transaction() as s:
            therapist = Therapist(name=_clean(name))
            s.add(therapist)
            s.flush()
            return TherapistRow(therapist.id, therapist.name, therapist.active)

    def rename(self, therapist_id: int, name: str) -> None:
        with self._db.transaction() as s:
            self._load(s, therapist_id).name = _clean(name)

    def set_active(self, therapist_id: int, active: bool) -> None:
        """An inactive therapist keeps their sessions but is no longer offered for new ones."""
        with self._db.transaction() as s:
            self._load(s, therapist_id).active = active

    @staticmethod
    def _load(s: Session, therapist_id: int) -> Therapist:
        therapist = s.get(Therapist, therapist_id)
        if therapist is None:
            raise NotFound(_("There is no therapist with number {id}.").format(id=therapist_id))
        return therapist
