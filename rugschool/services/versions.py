"""Clinic mode: several therapists may change the same record at once. A save based on an
older version than the one stored is refused ("changed meanwhile by ..."), never a silent
overwrite of someone else's change.

Each editable record (`Edited` in models/core.py) carries a version the ORM raises on every
save and checks in the UPDATE itself, and who changed it last. A form keeps the version it
showed and hands it back with the save; `check_version` refuses an older one at once, and
`versioned` turns the ORM's own refusal (the row changed between loading and writing inside
one save) into the same message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from rugschool.errors import RugschoolError
from rugschool.i18n import N_, _
from rugschool.models import Database, Enrollment, Group, GroupSession, Participant, Therapist
from rugschool.models.core import Edited
from rugschool.services.audit import Actor

# What the message calls the record, by its kind.
RECORD_NAMES: dict[type[Edited], str] = {
    Participant: N_("This participant"),
    Group: N_("This group"),
    Enrollment: N_("This enrollment"),
    GroupSession: N_("This session"),
}


class ChangedMeanwhile(RugschoolError):
    """Someone else saved the record after this form loaded it: this save is refused, the
    form shows what is stored now, and the therapist makes their change again."""

    def __init__(self, what: str, name: str | None) -> None:
        if name:
            text = _(
                "{what} was changed meanwhile by {name}. The form now shows what is stored; "
                "make your change again."
            ).format(what=what, name=name)
        else:
            text = _(
                "{what} was changed meanwhile by someone else. The form now shows what is "
                "stored; make your change again."
            ).format(what=what)
        super().__init__(text)
        self.name = name


def record_name(model: type[Edited]) -> str:
    return _(RECORD_NAMES[model])


def changer_name(s: Session, record: Edited) -> str | None:
    """The name of the therapist who saved the record last, if known."""
    if record.changed_by_id is None:
        return None
    therapist = s.get(Therapist, record.changed_by_id)
    return therapist.name if therapist is not None else None


def check_version(s: Session, record: Edited, expected: int | None) -> None:
    """Refuses a save based on `expected` when the stored version is another one (None: the
    caller loaded nothing to compare, e.g. an import)."""
    if expected is not None and record.version != expected:
        raise ChangedMeanwhile(record_name(type(record)), changer_name(s, record))


def mark_changed(record: Edited, actor: Actor | None) -> None:
    """Names who saved the record, and makes this save raise its version even when only a
    related row changed (its therapists, its appointments): another form that loaded the
    record before is refused instead of overwriting this change."""
    record.changed_by_id = actor.therapist_id if actor else None
    flag_modified(record, "changed_by_id")


@contextmanager
def versioned(db: Database, model: type[Edited], record_id: int) -> Iterator[Session]:
    """`db.transaction()` for saving one record: when the ORM finds the row changed by
    someone else between loading and writing, the save is rolled back and refused with
    ChangedMeanwhile naming who changed it."""
    try:
        with db.transaction() as s:
            yield s
    except StaleDataError as error:
        raise _changed_meanwhile(db, model, record_id) from error


def _changed_meanwhile(db: Database, model: type[Edited], record_id: int) -> ChangedMeanwhile:
    with db.transaction() as s:
        record = s.get(model, record_id)
        name = changer_name(s, record) if record is not None else None
    return ChangedMeanwhile(record_name(model), name)
