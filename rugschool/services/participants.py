"""Participants: list, search, add, edit, archive and erase.

No citizen service number and no insurer data are stored: the practice's own record system
(EPD) stays the legal file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from rugschool.errors import NotFound, RugschoolError, ValidationError
from rugschool.i18n import N_, _
from rugschool.models import (
    AuditAction,
    Database,
    Enrollment,
    EnrollmentStatus,
    Group,
    Participant,
)
from rugschool.models.base import fold
from rugschool.services import audit
from rugschool.services.audit import Actor
from rugschool.services.names import full_name, list_name, one_line
from rugschool.services.settings import SettingsService
from rugschool.services.validation import check_date_of_birth, email_warning, phone_warning
from rugschool.services.versions import check_version, mark_changed, versioned
from rugschool.settings import REGION

# The languages a handout can be printed in (the programme exists in both).
HANDOUT_LANGUAGES = ("nl", "en")


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
    consent_report_on: dt.date | None = None
    consent_media_on: dt.date | None = None
    consent_research_on: dt.date | None = None
    language: str = "nl"  # of their handouts

    def tidied(self) -> ParticipantInput:
        """Names in one unicode form, no stray spaces around anything."""

        return replace(
            self,
            first_name=one_line(self.first_name),
            name_prefix=one_line(self.name_prefix),
            last_name=one_line(self.last_name),
            phone=one_line(self.phone),
            email=one_line(self.email),
            referrer=one_line(self.referrer),
            notes=self.notes.replace("\x00", ""),
        )

    def name_key(self) -> str:
        return fold(full_name(self.first_name, self.name_prefix, self.last_name))


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
    list_name: str = ""
    sort_key: str = ""
    groups: tuple[str, ...] = ()  # the groups they are active in
    waiting: bool = False  # on a waiting list
    search_text: str = field(default="", repr=False)
    version: int = 1  # as stored: a save based on an older one is refused

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.name_prefix, self.last_name)


@dataclass(frozen=True)
class ParticipantDetail:
    id: int
    data: ParticipantInput
    archived: bool
    version: int = 1  # what the form hands back with its save


class LikelyDuplicate(RugschoolError):
    """Someone with the same name and date of birth is already stored."""

    def __init__(self, existing: list[ParticipantRow]) -> None:
        names = ", ".join(f"{p.full_name} ({p.id})" for p in existing)
        super().__init__(
            _("Already stored with the same name and date of birth: {names}.").format(names=names)
        )
        self.existing = existing


def validate(data: ParticipantInput) -> list[str]:
    """Refuses what cannot be stored; returns warnings for what only looks odd."""
    if not data.first_name and not data.last_name:
        raise ValidationError(_("Enter a first name or a last name."))
    if data.language not in HANDOUT_LANGUAGES:
        raise ValidationError(_("Unknown language: {code}.").format(code=data.language))
    if data.date_of_birth is not None:
        check_date_of_birth(data.date_of_birth)
    return [w for w in (phone_warning(data.phone), email_warning(data.email)) if w]


def matches(row: ParticipantRow, query: str) -> bool:
    """Every word of the query is in the name, phone, e-mail or referrer; case and accents
    do not count ("zoe" finds "Zoë", "celik" finds "Çelik")."""
    return matcher(query)(row)


def matcher(query: str) -> Callable[[ParticipantRow], bool]:
    """`matches` for one query over many rows: the query is folded once, not per row."""
    found = text_matcher(query)
    return lambda row: found(row.search_text)


def text_matcher(query: str) -> Callable[[str], bool]:
    """`matcher` for the rows' `search_text`, read into a list once: a list of strings is
    searched several times faster than the rows it comes from (the search as you type
    among 10,000 people)."""
    words = fold(query).split()
    if not words:
        return lambda _text: True
    if len(words) == 1:  # the usual case
        word = words[0]
        return lambda text: word in text
    return lambda text: all(map(text.__contains__, words))  # no generator per row


# The columns a list row is made of, in this order: `rows` selects them and unpacks each
# result row, never loading whole records with their enrollments (10,000 people as objects
# took over a second, and so did reading a result row's columns by name).
_LISTED = (
    Participant.id,
    Participant.first_name,
    Participant.name_prefix,
    Participant.last_name,
    Participant.date_of_birth,
    Participant.phone,
    Participant.email,
    Participant.referrer,
    Participant.archived,
    Participant.name_key,
    Participant.version,
)
_Listed = tuple[int, str, str, str, dt.date | None, str, str, str, bool, str, int]
_LISTED_STATUSES = (EnrollmentStatus.ACTIVE.value, EnrollmentStatus.WAITING.value)


def _row(p: Participant, region: str) -> ParticipantRow:
    active = tuple(e.group.name for e in p.enrollments if e.status == EnrollmentStatus.ACTIVE.value)
    waiting = any(e.status == EnrollmentStatus.WAITING.value for e in p.enrollments)
    values: _Listed = (
        p.id,
        p.first_name,
        p.name_prefix,
        p.last_name,
        p.date_of_birth,
        p.phone,
        p.email,
        p.referrer,
        p.archived,
        p.name_key,
        p.version,
    )
    return _listed_row(values, active, waiting, region)


def quick_fold(text: str) -> str:
    """`fold`, several times quicker on plain ASCII (most phone numbers, e-mail addresses
    and names): it has no accents to take off, and its casefold is its lowercase."""
    if text.isascii():
        return " ".join(text.lower().split())
    return fold(text)


def _listed_row(
    values: _Listed, groups: tuple[str, ...], waiting: bool, region: str
) -> ParticipantRow:
    pid, first, prefix, last, born, phone, email, referrer, archived, name_key, version = values
    shown = list_name(first, prefix, last, region)
    haystack = " ".join(
        (
            name_key,
            quick_fold(phone),
            phone.replace(" ", "").replace("-", ""),
            quick_fold(email),
            quick_fold(referrer),
        )
    )
    return ParticipantRow(
        id=pid,
        first_name=first,
        name_prefix=prefix,
        last_name=last,
        date_of_birth=born,
        phone=phone,
        email=email,
        referrer=referrer,
        archived=archived,
        list_name=shown,
        sort_key=quick_fold(shown),  # names.sort_key, without making the list name again
        groups=groups,
        waiting=waiting,
        search_text=haystack,
        version=version,
    )


def _apply(person: Participant, data: ParticipantInput) -> None:
    for name in ParticipantInput.__dataclass_fields__:
        setattr(person, name, getattr(data, name))


class ParticipantService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db = db
        self.actor = actor  # who works at the app: named in the audit log

    def region(self) -> str:
        return SettingsService(self._db).get(REGION)

    def rows(self, group_id: int | None = None, *, sort: bool = False) -> list[ParticipantRow]:
        """Every participant, archived ones included: by id, or sorted as the region sorts.
        Two queries however many people: their columns, and the groups they are active in
        or waiting for."""
        region = self.region()
        people = select(*_LISTED).order_by(Participant.id)
        enrolled = (
            select(Enrollment.participant_id, Enrollment.status, Group.name)
            .join(Group, Group.id == Enrollment.group_id)
            .where(Enrollment.status.in_(_LISTED_STATUSES))
            .order_by(Enrollment.participant_id, Enrollment.id)
        )
        if group_id is not None:
            in_group = select(Enrollment.participant_id).where(Enrollment.group_id == group_id)
            people = people.where(Participant.id.in_(in_group))
            enrolled = enrolled.where(Enrollment.participant_id.in_(in_group))
        active: dict[int, list[str]] = {}
        waiting: set[int] = set()
        with self._db.transaction() as s:
            for participant_id, status, group_name in s.execute(enrolled):
                if status == EnrollmentStatus.ACTIVE.value:
                    active.setdefault(participant_id, []).append(group_name)
                else:
                    waiting.add(participant_id)
            found = s.execute(people).all()
        rows = [
            _listed_row(values, tuple(active.get(values[0], ())), values[0] in waiting, region)
            for values in found
        ]
        return sorted(rows, key=lambda r: (r.sort_key, r.id)) if sort else rows

    def count(self) -> int:
        with self._db.transaction() as s:
            return s.scalar(select(func.count()).select_from(Participant)) or 0

    def get(self, participant_id: int) -> ParticipantDetail:
        with self._db.transaction() as s:
            p = self._load(s, participant_id)
            data = ParticipantInput(
                **{name: getattr(p, name) for name in ParticipantInput.__dataclass_fields__}
            )
            return ParticipantDetail(p.id, data, p.archived, p.version)

    def find_duplicates(
        self, data: ParticipantInput, exclude: int | None = None
    ) -> list[ParticipantRow]:
        """People with the same name (case and accents aside) and the same date of birth."""
        key = data.tidied().name_key()
        query = (
            select(Participant)
            .where(Participant.name_key == key)
            .where(
                Participant.date_of_birth.is_(None)
                if data.date_of_birth is None
                else Participant.date_of_birth == data.date_of_birth
            )
        )
        if exclude is not None:
            query = query.where(Participant.id != exclude)
        region = self.region()
        with self._db.transaction() as s:
            return [_row(p, region) for p in s.scalars(query)]

    def open_record(self, participant_id: int) -> ParticipantDetail:
        """Their details to show in a form: the opening goes into the audit log."""
        detail = self.get(participant_id)
        with self._db.transaction() as s:
            audit.log(s, self.actor, AuditAction.OPENED, participant_id, N_("personal details"))
        return detail

    def create(self, data: ParticipantInput, *, allow_duplicate: bool = False) -> ParticipantRow:
        data = data.tidied()
        validate(data)
        if not allow_duplicate and (existing := self.find_duplicates(data)):
            raise LikelyDuplicate(existing)
        with self._db.transaction() as s:
            person = Participant()
            _apply(person, data)
            mark_changed(person, self.actor)
            s.add(person)
            s.flush()
            audit.log(s, self.actor, AuditAction.CREATED, person.id)
            return _row(person, self.region())

    def update(
        self, participant_id: int, data: ParticipantInput, *, version: int | None = None
    ) -> ParticipantRow:
        """Stores changed details. `version` is the one the form loaded: when someone else
        saved in between, ChangedMeanwhile refuses the save (None: no check, an import)."""
        data = data.tidied()
        validate(data)
        with versioned(self._db, Participant, participant_id) as s:
            person = self._load(s, participant_id)
            check_version(s, person, version)
            _apply(person, data)
            mark_changed(person, self.actor)
            s.flush()
            audit.log(s, self.actor, AuditAction.CHANGED, participant_id, N_("personal details"))
            return _row(person, self.region())

    def set_archived(self, participant_id: int, archived: bool) -> None:
        with versioned(self._db, Participant, participant_id) as s:
            person = self._load(s, participant_id)
            person.archived = archived
            mark_changed(person, self.actor)
            detail = N_("archived") if archived else N_("taken out of the archive")
            audit.log(s, self.actor, AuditAction.CHANGED, participant_id, detail)

    def _load(self, s: Session, participant_id: int) -> Participant:
        person = s.get(
            Participant,
            participant_id,
            options=[selectinload(Participant.enrollments).selectinload(Enrollment.group)],
        )
        if person is None:
            raise NotFound(_("There is no participant with number {id}.").format(id=participant_id))
        return person
