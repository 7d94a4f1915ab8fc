from __future__ import annotations

import pytest

from rugschool.errors import ValidationError
from rugschool.models import Database
from rugschool.services.settings import SettingsService
from rugschool.settings import (
    LANGUAGE,
    MAX_LOGO_BYTES,
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
