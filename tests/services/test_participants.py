from __future__ import annotations

import pytest

from rugschool.errors import ValidationError
from rugschool.models import Database
from rugschool.services.names import collation_key, full_name, list_name
from rugschool.services.participants import ParticipantInput, ParticipantService


def test_a_participant_needs_a_first_or_last_name(db: Database) -> None:
    service = ParticipantService(db)
    with pytest.raises(ValidationError, match="voornaam of een achternaam"):
        service.create(ParticipantInput(first_name="  ", last_name=""))
    assert service.count() == 0
    only_last = service.create(ParticipantInput(first_name="", last_name="Maes"))
    assert only_last.full_name == "Maes"


def test_participants_are_listed_by_number_with_archived_ones(db: Database) -> None:
    service = ParticipantService(db)
    for last in ("Peeters", "Aerts", "Claes"):
        service.create(ParticipantInput(first_name="An", last_name=last))
    assert [p.last_name for p in service.list()] == ["Peeters", "Aerts", "Claes"]


def test_names_read_the_dutch_way() -> None:
    assert full_name("Jan", "van der", "Berg") == "Jan van der Berg"
    assert list_name("Jan", "van der", "Berg") == "Berg, Jan van der"
    assert list_name("", "", "Maes") == "Maes"
    assert list_name("Inge", "", "") == "Inge"


def test_sorting_ignores_case_and_accents() -> None:
    names = ["Şahin", "celik", "Çelik", "Bakker", "Zoë", "Zoe"]
    assert sorted(names, key=collation_key)[:3] == ["Bakker", "celik", "Çelik"]
    assert collation_key("Zoë") == collation_key("zoe")
