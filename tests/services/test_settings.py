from __future__ import annotations

from pathlib import Path

import pytest

from rugschool.errors import ValidationError
from rugschool.models import Database
from rugschool.services.bundle import Services
from rugschool.services.progression import PainBands
from rugschool.services.region import RegionWords, region_words
from rugschool.services.settings import SettingsService
from rugschool.settings import (
    LANGUAGE,
    MAX_LOGO_BYTES,
    PAIN_SAFE_MAX,
    PRACTICE_ADDRESS,
    PRACTICE_LOGO,
    PRACTICE_NAME,
    WELCOME_DISMISSED,
)


def test_a_setting_not_yet_stored_has_its_default(db: Database) -> None:
    service = SettingsService(db)
    assert service.get(PRACTICE_NAME) == ""
    assert service.get(LANGUAGE) == "nl"
    assert service.get(WELCOME_DISMISSED) is False
    assert service.get(PRACTICE_LOGO) == b""


def test_settings_keep_their_type(db: Database) -> None:
    service = SettingsService(db)
    service.set(PRACTICE_NAME, "Fysiotherapie Şahin & Çelik")
    service.set(PRACTICE_ADDRESS, "Kerkstraat 1\n2000 Antwerpen")
    service.set(WELCOME_DISMISSED, True)
    service.set(PRACTICE_LOGO, b"\x89PNG...")
    again = SettingsService(db)
    assert again.get(PRACTICE_NAME) == "Fysiotherapie Şahin & Çelik"
    assert again.get(PRACTICE_ADDRESS) == "Kerkstraat 1\n2000 Antwerpen"
    assert again.get(WELCOME_DISMISSED) is True
    assert again.get(PRACTICE_LOGO) == b"\x89PNG..."


def test_an_unknown_language_is_refused(db: Database) -> None:
    service = SettingsService(db)
    with pytest.raises(ValidationError, match="Onbekende taal"):
        service.set(LANGUAGE, "fr")
    assert service.get(LANGUAGE) == "nl"


def test_a_huge_logo_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="te groot"):
        SettingsService(db).set(PRACTICE_LOGO, b"x" * (MAX_LOGO_BYTES + 1))


def test_a_value_of_the_wrong_type_is_a_bug(db: Database) -> None:
    with pytest.raises(TypeError):
        SettingsService(db).set(WELCOME_DISMISSED, "yes")  # type: ignore[misc]


def test_the_progression_rule_follows_the_practices_settings(db: Database) -> None:
    settings = SettingsService(db)
    assert settings.pain_bands() == PainBands()  # the GLA:D default
    settings.set_progression(3, 6, 3)
    rule = settings.progression_rule()
    assert (rule.bands.safe_max, rule.bands.acceptable_max, rule.sessions_in_a_row) == (3, 6, 3)
    assert rule.bands.band(6) == "acceptable" and rule.bands.band(7) == "too_high"
    assert Services(db, Path()).pain_bands() == rule.bands


@pytest.mark.parametrize(("safe", "acceptable", "in_a_row"), [(5, 5, 2), (2, 11, 2), (2, 5, 0)])
def test_a_rule_that_makes_no_sense_is_refused_and_nothing_changes(
    db: Database, safe: int, acceptable: int, in_a_row: int
) -> None:
    settings = SettingsService(db)
    settings.set_progression(1, 4, 2)
    with pytest.raises(ValidationError):
        settings.set_progression(safe, acceptable, in_a_row)
    rule = settings.progression_rule()
    assert (rule.bands.safe_max, rule.bands.acceptable_max, rule.sessions_in_a_row) == (1, 4, 2)


def test_pain_bands_are_set_together_only(db: Database) -> None:
    with pytest.raises(ValidationError):
        SettingsService(db).set(PAIN_SAFE_MAX, 9)


def test_the_region_chooses_the_words(db: Database) -> None:
    assert region_words("nl", "nl") == RegionWords("fysiotherapeut", "zorgverzekeraar", 20)
    assert region_words("be", "nl") == RegionWords("kinesitherapeut", "mutualiteit", 30)
    assert region_words("be", "en").therapist == "physiotherapist"
