"""The PDF of a request for access: every kind of data under its heading, in words, in the
app's language; fonts embedded, nothing drawn over anything else."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from rugschool.export.access_report import DASH, access_pdf, answers_text, pdf_renderer
from rugschool.export.base import Practice
from rugschool.i18n import language
from rugschool.models import AuditAction, Database, Participant
from rugschool.services.bundle import Services
from rugschool.services.groups import GroupInput
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.participants import ParticipantInput
from rugschool.services.privacy import PrivacyService
from rugschool.services.self_management import ExposureInput
from tests.export.pdf_checks import assert_fonts_embedded, assert_no_overlaps, page_texts, text

PRACTICE = Practice("Fysiotherapie Het Anker", "Dorpsstraat 12\n3581 AB Utrecht")
PRINTED = dt.date(2026, 11, 25)
TODAY = dt.date.today()


@pytest.fixture
def zoe(demo_db: Database, services: Services) -> Services:
    """Zoë de Vries with something of every kind: a catch-up elsewhere, an exposure ladder,
    a week plan, markup in her notes, and rows in the audit log."""
    eid = services.groups.enrollments_of(1)[0].id
    tools = services.self_management
    tools.set_exposure(eid, [ExposureInput(1, "Bukken naar de vaatwasser", 4)])
    tools.set_pacing(
        eid,
        [PacingBlock(1, "morning", "Boodschappen"), PacingBlock(1, "afternoon", "Rust", "rest")],
    )
    other = services.groups.create(GroupInput(name="Woensdagochtend", start_date=TODAY))
    services.schedule.create_sessions(other.id, now=dt.datetime.combine(TODAY, dt.time()))
    services.schedule.add_catch_up(services.schedule.sessions(other.id)[0].id, 1)
    with demo_db.transaction() as s:
        s.execute(update(Participant).where(Participant.id == 1).values(notes="Rug & <heup>"))
    services.audit.log(AuditAction.OPENED, 1)
    services.audit.log(AuditAction.PRINTED, 1, "home programme")
    return services


def test_everything_is_there_under_its_heading(zoe: Services) -> None:
    data = PrivacyService(zoe.db).access_data(1)
    pdf = access_pdf(data, PRACTICE, printed_on=PRINTED)
    assert_fonts_embedded(pdf)
    assert_no_overlaps(pdf)
    found = text(pdf)
    for expected in (
        "Vastgelegde gegevens van Zoë de Vries",
        "Fysiotherapie Het Anker",
        "Persoonsgegevens",
        "14-03-1978",
        "zoe.devries@example.nl",
        "Rug & <heup>",  # as typed, not read as markup
        "Gebruik voor onderzoek niet gegeven",
        "Groepen",
        "Rugschool dinsdag en donderdag",
        "Weer een uur in de tuin werken zonder te stoppen.",
        "Intake",
        "Bijeenkomsten",
        "oefenles 4",
        "Geplande inhaallessen",
        "Woensdagochtend",
        "Oefeningen",
        "Bovenbeenspieren",
        "Metingen",
        "Halverwege de cursus",
        "onderrug: 4, been: 0",
        "SMART-doel",
        "Opbouwschema",
        "Wandelen",
        "Angstladder",
        "Bukken naar de vaatwasser",
        "Weekplanning (pacing)",
        "Boodschappen",
        "ochtend",
        "Wie je gegevens heeft ingezien, gewijzigd of verstrekt",
        "geopend",
        "afgedrukt",
    ):
        assert expected in found, expected
    pages = page_texts(pdf)
    assert len(pages) >= 4 and f"pagina 1 van {len(pages)}" in pages[0]


def test_nothing_stored_is_said_per_heading(demo_db: Database, services: Services) -> None:
    new = services.participants.create(ParticipantInput(first_name="Nina", last_name="Leeg"))
    pdf = access_pdf(PrivacyService(demo_db).access_data(new.id), PRACTICE, printed_on=PRINTED)
    found = text(pdf)
    assert found.count("Niets vastgelegd.") == 8  # all but the details and the audit log
    assert "aangemaakt" in found  # the record was made: the only row of the log
    assert_no_overlaps(pdf)


def test_the_paper_speaks_the_apps_language(zoe: Services) -> None:
    with language("en"):
        data = PrivacyService(zoe.db).access_data(1)
        found = text(pdf_renderer(zoe.db)(data))
    assert "Data stored about Zoë de Vries" in found and "Personal details" in found
    assert "Fysiotherapie Het Anker" in found  # the practice's own header
    assert "low back: 4, leg: 0" in found and "page 1 of" in found


def test_answers_read_as_words() -> None:
    assert answers_text({"back": 6, "leg": None}) == f"onderrug: 6, been: {DASH}"
    psk = {"activities": [["fietsen", 7], ["tillen", None]]}
    assert answers_text(psk) == f"activiteiten: fietsen 7; tillen {DASH}"
    assert answers_text({"value": 12.5, "unit": "seconds"}).startswith("waarde: 12,5, eenheid: ")
    assert answers_text({"items": [0, 1, None]}) == f"items: 0; 1; {DASH}"
