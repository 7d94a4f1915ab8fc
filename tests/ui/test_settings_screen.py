"""Instellingen: every change is stored as it is made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.settings import (
    BACKUP_EVERY_DAYS,
    BACKUP_FOLDER,
    HIGH_CONTRAST,
    LARGE_TEXT,
    PRACTICE_ADDRESS,
    PRACTICE_LOGO,
    PRACTICE_NAME,
)
from rugschool.ui.events import Events
from rugschool.ui.settings_screen import SettingsScreen


def _screen(qtbot: QtBot, services: Services, events: Events) -> SettingsScreen:
    screen = SettingsScreen(services.settings, events)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_typing_the_practice_name_and_address_stores_them(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    screen = _screen(qtbot, services, events)
    with qtbot.waitSignal(events.settings_changed):
        # QTest types Latin-1 only (other characters abort Qt), so the name stays ASCII here;
        # the services tests cover names such as Şahin.
        qtbot.keyClicks(screen.name_edit, "Fysio Oost & Zn <Noord>")
    screen.address_edit.setFocus()
    qtbot.keyClicks(screen.address_edit, "Kerkstraat 1")
    qtbot.keyClick(screen.address_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.address_edit, "2000 Antwerpen")

    assert services.settings.get(PRACTICE_NAME) == "Fysio Oost & Zn <Noord>"
    assert services.settings.get(PRACTICE_ADDRESS) == "Kerkstraat 1\n2000 Antwerpen"
    reopened = _screen(qtbot, services, events)
    assert reopened.name_edit.text() == "Fysio Oost & Zn <Noord>"


def test_a_logo_is_scaled_and_stored_as_png(
    qtbot: QtBot, services: Services, events: Events, tmp_path: Path
) -> None:
    picture = QImage(2400, 1200, QImage.Format.Format_RGB32)
    picture.fill(QColor("#1f6f78"))
    path = tmp_path / "logo.jpg"
    assert picture.save(str(path))
    screen = _screen(qtbot, services, events)

    screen.set_logo_from_file(str(path))

    stored = services.settings.get(PRACTICE_LOGO)
    assert stored.startswith(b"\x89PNG")
    back = QImage.fromData(stored)
    assert (back.width(), back.height()) == (800, 400)
    assert screen.remove_logo_button.isEnabled()
    qtbot.mouseClick(screen.remove_logo_button, Qt.MouseButton.LeftButton)
    assert services.settings.get(PRACTICE_LOGO) == b""


def test_a_file_that_is_not_a_picture_stores_nothing(
    qtbot: QtBot, services: Services, events: Events, tmp_path: Path
) -> None:
    path = tmp_path / "notes.png"
    path.write_text("not a picture", encoding="utf-8")
    screen = _screen(qtbot, services, events)
    with qtbot.waitSignal(screen.saved) as message:
        screen.set_logo_from_file(str(path))
    assert "geen afbeelding" in message.args[0]
    assert services.settings.get(PRACTICE_LOGO) == b""


def test_the_pain_bands_and_progression_are_stored_or_refused(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    screen = _screen(qtbot, services, events)
    box = screen.progression
    box.acceptable.setValue(6)
    box.safe.setValue(3)
    box.in_a_row.setValue(3)
    rule = services.progression_rule()
    assert (rule.bands.safe_max, rule.bands.acceptable_max, rule.sessions_in_a_row) == (3, 6, 3)
    assert "0-3" in box.summary.text()
    told: list[str] = []
    screen.saved.connect(told.append)
    box.safe.setValue(7)  # not below the acceptable band: refused, nothing stored
    assert services.pain_bands().safe_max == 3 and "veilig" in told[-1].lower()
    box.reset()
    assert services.progression_rule() == services.settings.progression_rule()
    assert services.pain_bands().safe_max == 2 and services.pain_bands().acceptable_max == 5


def test_backups_and_the_room_are_stored(
    qtbot: QtBot, services: Services, events: Events, tmp_path: Path
) -> None:
    screen = _screen(qtbot, services, events)
    assert screen.backups is not None
    screen.backups.every.setValue(0)
    assert services.settings.get(BACKUP_EVERY_DAYS) == 0
    screen.backups.set_folder(str(tmp_path))
    assert services.settings.get(BACKUP_FOLDER) == str(tmp_path)
    screen.backups.set_folder(str(tmp_path / "bestaat-niet"))
    assert services.settings.get(BACKUP_FOLDER) == str(tmp_path)
    with qtbot.waitSignal(events.settings_changed) as changed:
        screen.room.large_text.setChecked(True)
    assert changed.args == [LARGE_TEXT.name] and services.settings.get(LARGE_TEXT)
    screen.room.high_contrast.setChecked(True)
    assert services.settings.get(HIGH_CONTRAST)


def test_the_region_shows_its_words(qtbot: QtBot, services: Services, events: Events) -> None:
    screen = _screen(qtbot, services, events)
    assert "fysiotherapeut" in screen.region_words.text()
    screen.region_combo.setCurrentIndex(screen.region_combo.findData("be"))
    assert "kinesitherapeut" in screen.region_words.text()
    assert "mutualiteit" in screen.region_words.text() and "30" in screen.region_words.text()


def test_in_clinic_mode_backups_are_not_offered(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    screen = SettingsScreen(services.settings, events, clinic_mode=True)
    qtbot.addWidget(screen)
    assert screen.backups is None
