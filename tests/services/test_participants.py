from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import func, select

from rugschool.errors import NotFound, ValidationError
from rugschool.models import Database, Enrollment
from rugschool.models.base import fold
from rugschool.services.groups import GroupInput, GroupService
from rugschool.services.names import collation_key, full_name, list_name
from rugschool.services.participants import (
    LikelyDuplicate,
    ParticipantInput,
    ParticipantService,
    matches,
    quick_fold,
    text_matcher,
    validate,
)
from rugschool.services.privacy import PrivacyService
from rugschool.services.settings import SettingsService
from rugschool.services.validation import parse_date_of_birth, phone_warning
from rugschool.settings import REGION
from tests.query_count import counted_queries


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
    assert [p.last_name for p in service.rows()] == ["Peeters", "Aerts", "Claes"]


def test_names_read_the_dutch_way() -> None:
    assert full_name("Jan", "van der", "Berg") == "Jan van der Berg"
    assert list_name("Jan", "van der", "Berg") == "Berg, Jan van der"
    assert list_name("", "", "Maes") == "Maes"
    assert list_name("Inge", "", "") == "Inge"


def test_sorting_ignores_case_and_accents() -> None:
    names = ["Şahin", "celik", "Çelik", "Bakker", "Zoë", "Zoe"]
    assert sorted(names, key=collation_key)[:3] == ["Bakker", "celik", "Çelik"]
    assert collation_key("Zoë") == collation_key("zoe")


def test_search_ignores_case_and_accents(demo_db: Database) -> None:
    rows = ParticipantService(demo_db).rows()

    def found(query: str) -> list[str]:
        return [r.full_name for r in rows if matches(r, query)]

    assert found("zoe") == ["Zoë de Vries"]
    assert found("CELIK") == ["Mehmet Çelik"]
    assert found("sahin elif") == ["Elif Şahin"]
    assert found("lukasz") == ["Łukasz Nowak"]
    assert found("475") == ["Lotte Van den Broeck"]  # a part of the phone number
    assert len(found("")) == 10


def test_the_search_over_search_texts_finds_what_matches_finds(demo_db: Database) -> None:
    rows = ParticipantService(demo_db).rows()
    for query in ("", "  ", "zoe", "HUISARTS", "huisarts de", "de huisarts", "06 linde", "x y"):
        found = text_matcher(query)
        names = [r.full_name for r in rows if found(r.search_text)]
        assert names == [r.full_name for r in rows if matches(r, query)], query
    found = text_matcher("huisarts  Linde")  # every word, in any order, accents ignored
    assert [r.full_name for r in rows if found(r.search_text)] == [
        "Zoë de Vries",
        "Łukasz Nowak",
    ]
    assert not text_matcher("linde bakker")(rows[0].search_text)


def _in_two_groups(db: Database, count: int, first: int, second: int) -> None:
    """People active in both groups, the second one named first, and on the demo group's
    waiting list."""
    service, groups = ParticipantService(db), GroupService(db)
    for _ in range(count):
        n = service.count()
        person = service.create(ParticipantInput(first_name=f"Piet {n}", last_name="Jansen"))
        groups.enroll(second, person.id)
        groups.enroll(first, person.id)
        groups.enroll(1, person.id, waiting=True)


def test_the_list_takes_the_same_few_queries_however_many_people(demo_db: Database) -> None:
    service, groups = ParticipantService(demo_db), GroupService(demo_db)
    first = groups.create(GroupInput(name="Dinsdag", start_date=dt.date(2026, 3, 3))).id
    second = groups.create(GroupInput(name="Donderdag", start_date=dt.date(2026, 3, 5))).id
    _in_two_groups(demo_db, 1, first, second)
    with counted_queries(demo_db) as few:
        assert len(service.rows(sort=True)) == 11
    with counted_queries(demo_db) as few_in_group:
        assert len(service.rows(first)) == 1
    _in_two_groups(demo_db, 25, first, second)
    with counted_queries(demo_db) as many:
        assert len(service.rows(sort=True)) == 36
    with counted_queries(demo_db) as many_in_group:
        assert len(service.rows(first)) == 26
    assert len(many) == len(few) <= 3  # the region, the people, their groups
    assert len(many_in_group) == len(few_in_group) == len(few)


def test_a_listed_row_is_the_row_made_from_the_stored_record(demo_db: Database) -> None:
    """rows() reads columns; create, update and find_duplicates make their rows from the
    stored record: the same rows, search text included, in either region."""
    service, groups = ParticipantService(demo_db), GroupService(demo_db)
    first = groups.create(GroupInput(name="Dinsdag", start_date=dt.date(2026, 3, 3))).id
    second = groups.create(GroupInput(name="Donderdag", start_date=dt.date(2026, 3, 5))).id
    _in_two_groups(demo_db, 1, first, second)
    stopped = service.create(
        ParticipantInput(
            first_name="Ærøskøbing",
            name_prefix="Van 't",
            last_name="ŁUKASIEWICZ",
            phone="+32 (0)475 12-34-56",
            email="Ærø@Example.BE",
            referrer="Dr.  Øster,  HUISARTS",
        )
    )
    enrollment, _over = groups.enroll(first, stopped.id)
    groups.update_enrollment(enrollment, status="stopped")
    service.set_archived(stopped.id, True)
    for region in ("nl", "be"):
        SettingsService(demo_db).set(REGION, region)
        for row in service.rows():
            detail = service.get(row.id).data
            [made] = [p for p in service.find_duplicates(detail) if p.id == row.id]
            assert row == made and row.search_text == made.search_text, row.full_name
    rows = {row.id: row for row in service.rows()}
    [piet] = [row for row in rows.values() if row.first_name.startswith("Piet ")]
    assert piet.groups == ("Donderdag", "Dinsdag")  # as enrolled, not by name
    assert piet.waiting
    assert rows[stopped.id].groups == () and not rows[stopped.id].waiting
    assert rows[stopped.id].archived
    assert "æroskobing van 't lukasiewicz" in rows[stopped.id].search_text
    assert "dr. oster, huisarts" in rows[stopped.id].search_text


@given(st.text() | st.text(st.characters(max_codepoint=127)))
@example("  Jan\tvan\x1cder  BERG ")
@example("Straße")
def test_the_quick_fold_is_fold(text: str) -> None:
    assert quick_fold(text) == fold(text)


def test_region_decides_where_a_prefix_sorts(demo_db: Database) -> None:
    service = ParticipantService(demo_db)
    dutch = [r.list_name for r in service.rows(sort=True)]
    assert dutch[0] == "Berg, Jan van der"  # van der Berg under B
    assert dutch.index("Hof, Femke van 't") < dutch.index("Jansen, Anouk")
    assert dutch.index("Çelik, Mehmet") < dutch.index("Hof, Femke van 't")  # Ç with the C's
    SettingsService(demo_db).set(REGION, "be")
    flemish = [r.list_name for r in service.rows(sort=True)]
    assert "van der Berg, Jan" in flemish  # the prefix is part of the family name
    assert flemish.index("de Vries, Zoë") < flemish.index("Jansen, Anouk")  # under d
    assert flemish.index("Van den Broeck, Lotte") > flemish.index("Şahin, Elif")  # under V


def test_a_likely_duplicate_is_refused_unless_allowed(demo_db: Database) -> None:
    service = ParticipantService(demo_db)
    twin = ParticipantInput(
        first_name="zoe", name_prefix="De", last_name="VRIES", date_of_birth=dt.date(1978, 3, 14)
    )
    with pytest.raises(LikelyDuplicate, match="Zoë de Vries"):
        service.create(twin)
    assert service.count() == 10
    service.create(twin, allow_duplicate=True)
    assert service.count() == 11
    other_birthday = ParticipantInput(
        first_name="Zoë", name_prefix="de", last_name="Vries", date_of_birth=dt.date(1980, 1, 1)
    )
    assert service.find_duplicates(other_birthday) == []


def test_dates_of_birth_must_be_real_and_plausible() -> None:
    assert parse_date_of_birth("14-03-1978") == dt.date(1978, 3, 14)
    assert parse_date_of_birth("1/2/1960") == dt.date(1960, 2, 1)
    assert parse_date_of_birth("1978-03-14") == dt.date(1978, 3, 14)
    assert parse_date_of_birth("  ") is None
    with pytest.raises(ValidationError, match="niet bestaat"):
        parse_date_of_birth("31-02-1980")
    with pytest.raises(ValidationError, match="dd-mm-jjjj"):
        parse_date_of_birth("maart 1980")
    with pytest.raises(ValidationError, match="toekomst"):
        parse_date_of_birth("01-01-2999")
    with pytest.raises(ValidationError, match="120"):
        parse_date_of_birth("01-01-1850")


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "0412-123456",
        "+32 475 12 34 56",
        "0031 6 12345678",
        "030 234 5678",
        "+31 6 1234 5678",
        "09 123 45 67",
        "",
    ],
)
def test_dutch_and_belgian_numbers_pass(phone: str) -> None:
    assert phone_warning(phone) is None


@pytest.mark.parametrize("phone", ["06-1234", "call me", "0612345678901"])
def test_odd_numbers_only_warn(phone: str) -> None:
    assert phone_warning(phone)


def test_odd_contact_details_warn_but_are_stored(db: Database) -> None:
    data = ParticipantInput(first_name="An", last_name="Claes", phone="123", email="an@")
    assert len(validate(data)) == 2
    stored = ParticipantService(db).create(data)
    assert (stored.phone, stored.email) == ("123", "an@")


def test_edit_archive_and_erase(demo_db: Database) -> None:
    service = ParticipantService(demo_db)
    detail = service.get(3)
    service.update(3, replace(detail.data, referrer="", consent_media_on=dt.date(2026, 1, 5)))
    again = service.get(3)
    assert again.data.referrer == "" and again.data.consent_media_on == dt.date(2026, 1, 5)
    service.set_archived(3, True)
    assert service.get(3).archived
    preview = PrivacyService(demo_db).erasure_preview(3)
    assert preview.full_name == "Jan van der Berg"
    assert {"1 groepsinschrijving", "5 afspraken"} <= set(preview.lines())
    PrivacyService(demo_db).erase(3)
    assert service.count() == 9
    with pytest.raises(NotFound):
        service.get(3)
    with demo_db.transaction() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Enrollment).where(Enrollment.participant_id == 3)
            )
            == 0
        )


def test_turkish_dotless_i_and_wrong_lengths_with_a_country_code() -> None:
    from rugschool.models.base import fold

    assert fold("Yılmaz") == "yilmaz"
    assert phone_warning("+31 6 1234")  # a Dutch number that is too short
    assert phone_warning("0032 475 12")
    assert phone_warning("+44 20 7946 0958") is None  # another country: trusted
