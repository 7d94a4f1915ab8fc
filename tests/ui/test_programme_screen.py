"""Programma: the whole programme on screen, and a level's own photo."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.ui.events import Events
from rugschool.ui.programme_pages import LevelCard
from rugschool.ui.programme_screen import KEY_ROLE, ProgrammeScreen


def _page(screen: ProgrammeScreen) -> QWidget:
    page = screen.page_area.widget()
    assert page is not None
    return page


def _screen(qtbot: QtBot, services: Services, events: Events) -> ProgrammeScreen:
    services.install_programmes()
    screen = ProgrammeScreen(services.programme, services.pictures, events)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    return screen


def test_every_part_of_the_programme_has_a_section(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    screen = _screen(qtbot, services, events)
    keys = screen.section_keys()
    assert keys[0] == "warmup"
    assert len([k for k in keys if k.startswith("exercise:")]) == 8
    assert len([k for k in keys if k.startswith("session:")]) == 2
    assert keys[-2:] == ["messages", "hints"]
    assert screen.current_section() == "warmup"
    assert "Rugschool" in screen.subtitle.text()


def test_an_exercise_shows_its_four_levels_side_by_side(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    screen = _screen(qtbot, services, events)
    items = [screen.sections.item(row) for row in range(screen.sections.count())]
    [item] = [i for i in items if i.data(KEY_ROLE) == "exercise:buttocks"]
    qtbot.mouseClick(
        screen.sections.viewport(),
        Qt.MouseButton.LeftButton,
        pos=screen.sections.visualItemRect(item).center(),
    )
    assert screen.current_section() == "exercise:buttocks"
    cards = _page(screen).findChildren(LevelCard)
    assert [card.level.number for card in cards] == [1, 2, 3, 4]
    tops = {card.geometry().top() for card in cards}
    assert len(tops) == 1  # one row
    assert all(not card.picture.pixmap().isNull() for card in cards)
    assert all(card.picture.width() > 150 for card in cards)  # four fit side by side
    assert all(card.level.instruction for card in cards)


def test_sessions_messages_and_hints_show_their_texts(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    screen = _screen(qtbot, services, events)
    programme = services.programme.current("nl")
    for key, expected in (
        ("session:session-1", programme.sessions[0].themes[0].title),
        ("messages", programme.core_messages[4].explanation),
        ("hints", programme.hints[0].text),
    ):
        screen.show_section(key)
        texts = [label.text() for label in _page(screen).findChildren(type(screen.title))]
        assert any(expected in t for t in texts), key


def test_a_level_gets_its_own_photo_and_the_drawing_back(
    qtbot: QtBot, services: Services, events: Events, tmp_path: Path
) -> None:
    photo = tmp_path / "bridge.jpg"
    Image.new("RGB", (1200, 900), (90, 140, 90)).save(photo)
    screen = _screen(qtbot, services, events)
    screen.show_section("exercise:buttocks")

    with qtbot.waitSignal(screen.message):
        assert screen.replace_picture("buttocks-1", photo)

    assert "buttocks-1" in services.pictures.overrides()  # stored
    card = _page(screen).findChildren(LevelCard)[0]
    assert card.restore_action.isEnabled()
    assert screen.current_section() == "exercise:buttocks"  # the page stayed

    screen.restore_picture("buttocks-1")
    assert services.pictures.overrides() == {}
    card = _page(screen).findChildren(LevelCard)[0]
    assert not card.restore_action.isEnabled()


def test_a_file_that_is_not_a_photo_is_a_message(
    qtbot: QtBot, services: Services, events: Events, tmp_path: Path
) -> None:
    bad = tmp_path / "x.jpg"
    bad.write_text("no", encoding="utf-8")
    screen = _screen(qtbot, services, events)
    with qtbot.waitSignal(screen.message) as message:
        assert not screen.replace_picture("buttocks-1", bad)
    assert "geen foto" in message.args[0]
