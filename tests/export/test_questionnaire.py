"""The follow-up questionnaire: in the participant's language, their own PSK activities filled
in, the 20 Quebec items with tick boxes, no copyrighted items."""

from __future__ import annotations

import datetime as dt

import pytest

from rugschool.errors import NotFound, ValidationError
from rugschool.export.base import Practice
from rugschool.export.documents import Documents
from rugschool.export.questionnaire import FollowUpQuestionnaire
from rugschool.i18n import language, set_language
from rugschool.models import Database, Instrument, Moment
from rugschool.services.bundle import Services
from rugschool.services.groups import EnrollmentRow
from rugschool.services.measures import MeasureService
from rugschool.services.questionnaire import questionnaire_data
from rugschool.services.scoring import moment_name, qbpds_item_labels
from tests.export.pdf_checks import assert_fonts_embedded, assert_no_overlaps, text

PRACTICE = Practice("Fysio & Co <Centrum>", "Dorpsstraat 1\n1234 AB Ergens")
PRINTED = dt.date(2026, 11, 25)
DAY = dt.date(2026, 9, 1)
ACTIVITIES = ["Tuinieren & <bukken>", "Fietsen naar de markt", "Met de hond wandelen"]


def _enrollments(services: Services) -> list[EnrollmentRow]:
    return services.groups.enrollments(services.groups.rows()[0].id)


def _english_reader(services: Services) -> EnrollmentRow:
    """Łukasz reads English (the demo says so)."""
    return next(e for e in _enrollments(services) if e.name.startswith("Łukasz"))


def _clear_psk(db: Database, enrollment_id: int) -> None:
    measures = MeasureService(db)
    for moment in Moment:
        measures.remove(enrollment_id, Instrument.PSK, moment)


def _record_psk(db: Database, enrollment_id: int, moment: Moment, names: list[str]) -> None:
    activities = [[name, 7] for name in names]
    MeasureService(db).record(
        enrollment_id, Instrument.PSK, moment, {"activities": activities}, DAY
    )


def _build(db: Database, enrollment_id: int, moment: Moment, **options: bool) -> bytes:
    data = questionnaire_data(db, enrollment_id, moment)
    return FollowUpQuestionnaire(PRACTICE, data, printed_on=PRINTED, **options).build()


def test_data_has_the_intake_activities(demo_db: Database, services: Services) -> None:
    enrollment = _enrollments(services)[0]
    _clear_psk(demo_db, enrollment.id)
    _record_psk(demo_db, enrollment.id, Moment.MID, ["Later genoemd"])
    _record_psk(demo_db, enrollment.id, Moment.INTAKE, ACTIVITIES)
    data = questionnaire_data(demo_db, enrollment.id, Moment.FOLLOW_UP_6)
    assert data.activities == tuple(ACTIVITIES)
    assert (data.name, data.first_name, data.language) == ("Zoë de Vries", "Zoë", "nl")
    assert (data.moment, data.months) == (Moment.FOLLOW_UP_6, 6)
    # Without an intake PSK, the earliest moment that has one.
    MeasureService(demo_db).remove(enrollment.id, Instrument.PSK, Moment.INTAKE)
    assert questionnaire_data(demo_db, enrollment.id, "follow_up_3").activities == (
        "Later genoemd",
    )
    _clear_psk(demo_db, enrollment.id)
    assert questionnaire_data(demo_db, enrollment.id, "follow_up_12").activities == ()


def test_only_follow_ups_and_existing_enrollments(demo_db: Database, services: Services) -> None:
    enrollment = _enrollments(services)[0]
    for moment in (Moment.INTAKE, Moment.END, "later"):
        with pytest.raises(ValidationError):
            questionnaire_data(demo_db, enrollment.id, moment)
    with pytest.raises(NotFound):
        questionnaire_data(demo_db, 9999, Moment.FOLLOW_UP_3)


def test_english_questionnaire_reads_back(demo_db: Database, services: Services) -> None:
    enrollment = _english_reader(services)
    _record_psk(demo_db, enrollment.id, Moment.INTAKE, ACTIVITIES)
    data = _build(demo_db, enrollment.id, Moment.FOLLOW_UP_6)
    found = text(data)
    for expected in (
        "How is your back now?",
        "Follow-up after 6 months",
        "Dear Łukasz,",
        "About 6 months ago you started the back school.",
        enrollment.name,
        "1. Pain",
        "Pain in your low back",
        "Pain in your leg",
        "2. Your own activities",
        "At the start you named activities",
        *ACTIVITIES,
        "3. Daily activities",
        "5 = I cannot do it",
        "Please return this questionnaire to Fysio & Co <Centrum> within two weeks.",
        "Questionnaire after 6 months",
    ):
        assert expected in found, expected
    with language("en"):
        items = qbpds_item_labels()
    assert len(items) == 20
    at = [found.index(f"{n}. {item}") for n, item in enumerate(items, start=1)]
    assert at == sorted(at)  # all twenty, in order
    assert " 0 1 2 3 4 5 6 7 8 9 10 " in found  # the NPRS and PSK scales
    for copyrighted in ("Oswestry", "ODI", "FABQ"):
        assert copyrighted not in found
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_dutch_participant_gets_their_own_language(demo_db: Database, services: Services) -> None:
    enrollment = _enrollments(services)[0]
    _clear_psk(demo_db, enrollment.id)
    _record_psk(demo_db, enrollment.id, Moment.INTAKE, ACTIVITIES[:2])
    set_language("en")  # the app in English; the participant reads Dutch
    data = _build(demo_db, enrollment.id, Moment.FOLLOW_UP_3)
    found = text(data)
    with language("nl"):
        items, moment = qbpds_item_labels(), moment_name(Moment.FOLLOW_UP_3)
    assert moment in found
    for n, item in enumerate(items, start=1):
        assert f"{n}. {item}" in found
    for name in ACTIVITIES[:2]:
        assert name in found
    assert ACTIVITIES[2] not in found
    assert "Zoë de Vries" in found
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_no_activities_leaves_room_to_write_them(demo_db: Database, services: Services) -> None:
    enrollment = _english_reader(services)
    _clear_psk(demo_db, enrollment.id)
    data = _build(demo_db, enrollment.id, Moment.FOLLOW_UP_12, large_print=True)
    found = text(data)
    assert "Write down up to three activities" in found
    assert "At the start you named" not in found
    assert "About 12 months ago" in found
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_documents_name_the_file(demo_db: Database, services: Services) -> None:
    set_language("en")
    enrollment = _enrollments(services)[0]
    _record_psk(demo_db, enrollment.id, Moment.INTAKE, ACTIVITIES)
    made = Documents(services, PRINTED).questionnaire(enrollment.id, Moment.FOLLOW_UP_3)
    assert made.file_name == "Questionnaire 3 months Zoë de Vries.pdf"
    assert made.data.startswith(b"%PDF")
    assert ACTIVITIES[0] in text(made.data)


@pytest.mark.parametrize(("region", "word"), [("nl", "fysiotherapeut"), ("be", "kinesitherapeut")])
def test_without_a_practice_name_it_goes_back_to_the_regions_therapist(
    demo_db: Database, services: Services, region: str, word: str
) -> None:
    enrollment = _enrollments(services)[0]
    data = questionnaire_data(demo_db, enrollment.id, Moment.FOLLOW_UP_3)
    anonymous = Practice(region=region)
    with language("nl"):
        found = text(FollowUpQuestionnaire(anonymous, data, printed_on=PRINTED).build())
    assert f"terugbrengen naar je {word}" in " ".join(found.split())
