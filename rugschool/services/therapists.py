"""The therapists of the practice, who lead and assist the group sessions. Each is also a
profile that unlocks the app, with an optional password or PIN kept as an argon2id hash."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import _
from rugschool.models import Database, Therapist
from rugschool.services.names import one_line

if TYPE_CHECKING:
    from argon2 import PasswordHasher


@dataclass(frozen=True)
class TherapistRow:
    id: int
    name: str
    active: bool
    has_secret: bool = False  # the profile asks for a password or PIN


MIN_SECRET, MAX_SECRET = 4, 200


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # argon2id with the library's recommended costs

    return PasswordHasher()


def _row(t: Therapist) -> TherapistRow:
    return TherapistRow(t.id, t.name, t.active, t.secret_hash is not None)


def _clean(name: str) -> str:
    name = one_line(name)
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
            return [_row(t) for t in s.scalars(query)]

    def add(self, name: str) -> TherapistRow:
        with self._db.transaction() as s:
            therapist = Therapist(name=_clean(name))
            s.add(therapist)
            s.flush()
            return _row(therapist)

    def rename(self, therapist_id: int, name: str) -> None:
        with self._db.transaction() as s:
            self._load(s, therapist_id).name = _clean(name)

    def set_active(self, therapist_id: int, active: bool) -> None:
        """An inactive therapist keeps their sessions but is no longer offered for new ones."""
        with self._db.transaction() as s:
            self._load(s, therapist_id).active = active

    def set_secret(self, therapist_id: int, secret: str | None) -> None:
        """A password or PIN for the profile (at least four characters); None or empty:
        the profile opens without one."""
        secret = secret or ""
        if secret and len(secret) < MIN_SECRET:
            raise ValidationError(
                _("A password or PIN has at least {n} characters.").format(n=MIN_SECRET)
            )
        if len(secret) > MAX_SECRET:
            raise ValidationError(_("That password is too long."))
        hashed = _hasher().hash(secret) if secret else None
        with self._db.transaction() as s:
            self._load(s, therapist_id).secret_hash = hashed

    def verify(self, therapist_id: int, secret: str) -> bool:
        """Whether `secret` opens this active profile (a profile without one opens with an
        empty secret). Never raises for a wrong secret or an unknown profile."""
        with self._db.transaction() as s:
            therapist = s.get(Therapist, therapist_id)
            if therapist is None or not therapist.active:
                return False
            if therapist.secret_hash is None:
                return secret == ""
            from argon2.exceptions import InvalidHashError, VerificationError

            try:
                _hasher().verify(therapist.secret_hash, secret)
            except (VerificationError, InvalidHashError):
                return False
            if _hasher().check_needs_rehash(therapist.secret_hash):
                therapist.secret_hash = _hasher().hash(secret)
            return True

    def profiles(self) -> list[tuple[int, str]]:
        """The profiles the lock screen offers: the active therapists."""
        return [(row.id, row.name) for row in self.rows(active_only=True)]

    @staticmethod
    def _load(s: Session, therapist_id: int) -> Therapist:
        therapist = s.get(Therapist, therapist_id)
        if therapist is None:
            raise NotFound(_("There is no therapist with number {id}.").format(id=therapist_id))
        return therapist
