from __future__ import annotations

import datetime as dt

import pytest

from rugschool.errors import NotFound, ValidationError
from rugschool.models import Database, Group, ProgrammeVersion
from rugschool.services.groups import GroupInput, GroupService
from rugschool.services.participants import ParticipantInput, ParticipantService


def test_a_group_is_listed_with_its_therapists_and_occupancy(demo_db: Database) -> None:
    [group] = GroupService(demo_db).rows()
    assert group.therapists == ("Sanne Visser", "Koen Claes")
    assert (group.active_count, group.max_size) == (10, 12)
    assert GroupService(demo_db).get(group.id) == group


def test_an_unknown_group_is_a_clear_error(db: Database) -> None:
    with pytest.raises(NotFound, match="geen groep met nummer 42"):
        GroupService(db).get(42)


def test_a_late_joiner_starts_today_and_a_new_group_in_its_language(demo_db: Database) -> None:
    service = GroupService(demo_db)
    person = ParticipantService(demo_db).create(
        ParticipantInput(first_name="Nina", last_name="Aerts")
    )
    enrollment_id, over = service.enroll(1, person.id)
    assert not over
    [late] = [e for e in service.enrollments(1) if e.id == enrollment_id]
    assert late.start_date == dt.date.today()  # the demo group started three weeks ago
    group = service.create(GroupInput(name="Nieuw", start_date=dt.date.today()))
    with demo_db.transaction() as s:
        version_id = s.get(Group, group.id).programme_version_id  # type: ignore[union-attr]
        assert s.get(ProgrammeVersion, version_id).language == "nl"  # type: ignore[union-attr]


def test_goal_outcome_and_conclusion_are_stored_and_checked(demo_db: Database) -> None:
    groups = GroupService(demo_db)
    enrollment = groups.enrollments(1)[0]
    groups.update_enrollment(enrollment.id, conclusion="  Gaat goed.  ", goal_outcome="reached")
    stored = groups.enrollments(1)[0]
    assert (stored.conclusion, stored.goal_outcome) == ("Gaat goed.", "reached")
    groups.update_enrollment(enrollment.id, personal_goal="Fietsen")  # outcome left alone
    assert groups.enrollments(1)[0].goal_outcome == "reached"
    with pytest.raises(ValidationError):
        groups.update_enrollment(enrollment.id, goal_outcome="bijna")
    assert groups.enrollments(1)[0].goal_outcome == "reached"


def test_a_handout_language_must_be_one_we_print_in(db: Database) -> None:
    with pytest.raises(ValidationError):
        ParticipantService(db).create(ParticipantInput("Ana", "Silva", language="pt"))
