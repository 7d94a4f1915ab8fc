"""Instellingen: every change is stored as it is made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.settings import PRACTICE_ADDRESS, PRACTICE_LOGO, PRACTICE_NAME
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
