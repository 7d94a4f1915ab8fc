"""The database refuses what cannot be right, and keeps names exactly as typed."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, inspect, select, text
from sqlalchemy.exc import IntegrityError

from rugschool.models import Database, Enrollment, Group, Participant, Therapist

FOREIGN_KEY = r"FOREIGN KEY|foreign key constraint"  # SQLite's words, PostgreSQL's


def _person(db: Database, **names: str) -> int:
    with db.transaction() as s:
        person = Participant(**{"first_name": "An", "last_name": "Peeters", **names})
        s.add(person)
        s.flush()
        return person.id


def _group(db: Database, name: str = "Dinsdag") -> int:
    with db.transaction() as s:
        group = Group(name=name)
        s.add(group)
        s.flush()
        return group.id


def test_a_participant_is_enrolled_once_per_group(db: Database) -> None:
    person, group = _person(db), _group(db)
    with db.transaction() as s:
        s.add(Enrollment(participant_id=person, group_id=group))
    with (
        pytest.raises(
            IntegrityError,
            # SQLite names the columns, PostgreSQL the constraint
            match=r"UNIQUE constraint failed: enrollments\.participant_id, "
            r"enrollments\.group_id|uq_enrollments_participant_id_group_id",
        ),
        db.transaction() as s,
    ):
        s.add(Enrollment(participant_id=person, group_id=group))


def test_an_unknown_enrollment_status_is_refused(db: Database) -> None:
    person, group = _person(db), _group(db)
    with pytest.raises(IntegrityError, match="ck_enrollments_status"), db.transaction() as s:
        s.add(Enrollment(participant_id=person, group_id=group, status="on holiday"))


def test_a_participant_without_any_name_is_refused(db: Database) -> None:
    with pytest.raises(IntegrityError, match="ck_participants_has_name"):
        _person(db, first_name="", last_name="")


def test_a_group_needs_room_for_someone(db: Database) -> None:
    with pytest.raises(IntegrityError, match="ck_groups_max_size_positive"), db.transaction() as s:
        s.add(Group(name="Leeg", max_size=0))


def test_an_enrollment_must_point_at_a_real_participant(db: Database) -> None:
    group = _group(db)
    with pytest.raises(IntegrityError, match=FOREIGN_KEY), db.transaction() as s:
        s.add(Enrollment(participant_id=999, group_id=group))


def test_removing_a_participant_removes_their_enrollments(db: Database) -> None:
    person, group = _person(db), _group(db)
    with db.transaction() as s:
        s.add(Enrollment(participant_id=person, group_id=group))
    with db.transaction() as s:  # a plain SQL delete: the database itself cascades
        s.execute(delete(Participant).where(Participant.id == person))
    with db.transaction() as s:
        assert s.scalars(select(Enrollment)).all() == []


def test_every_constraint_has_a_name(db: Database) -> None:
    with db.engine.connect() as conn:
        inspector = inspect(conn)
        for table in inspector.get_table_names():
            constraints = [
                *inspector.get_check_constraints(table),
                *inspector.get_unique_constraints(table),
                *inspector.get_foreign_keys(table),
            ]
            assert all(c["name"] for c in constraints), table


def test_a_name_typed_with_a_combining_mark_is_stored_composed(db: Database) -> None:
    decomposed = "Zoe\u0308"  # e + combining diaeresis, as some keyboards send it
    person = _person(db, first_name=decomposed, last_name="C\u0327elik")
    with db.transaction() as s:
        stored = s.get(Participant, person)
        assert stored is not None
        assert (stored.first_name, stored.last_name) == ("Zoë", "Çelik")
    with db.engine.connect() as conn:  # and so it is on disk, not only in Python
        raw = conn.execute(text("SELECT first_name FROM participants")).scalar_one()
    assert raw == "Zoë"


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300
).filter(lambda s: unicodedata.normalize("NFC", s) != "")


# One database for all examples is fine: each example adds a new person and reads it back.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=names, prefix=st.sampled_from(["", "van", "van der", "de", "van 't"]), last=names)
def test_names_come_back_exactly_as_typed_and_never_cut_short(
    db: Database, first: str, prefix: str, last: str
) -> None:
    person = _person(db, first_name=first, name_prefix=prefix, last_name=last)
    with db.transaction() as s:
        stored = s.get(Participant, person)
        assert stored is not None
        assert stored.first_name == unicodedata.normalize("NFC", first)
        assert stored.last_name == unicodedata.normalize("NFC", last)
        assert stored.name_prefix == prefix


def test_a_therapist_can_lead_several_groups(db: Database) -> None:
    with db.transaction() as s:
        koen = Therapist(name="Koen Claes")
        s.add_all([Group(name="A", therapists=[koen]), Group(name="B", therapists=[koen])])
    with db.transaction() as s:
        groups = s.scalars(select(Group).order_by(Group.name)).all()
        assert [[t.name for t in g.therapists] for g in groups] == [["Koen Claes"]] * 2
