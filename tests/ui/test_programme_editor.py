"""The programme editor on the Programma screen, driven as a therapist would: edit mode,
an item's form, Save, Ctrl+Z, reset to default, levels and exercises added and removed,
groups moved, a whole programme exported and imported; each checked in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QPushButton, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.services.programme import Programme
from rugschool.services.programme_items import ItemRef
from rugschool.ui.events import Events
from rugschool.ui.programme_editor import ItemDialog, MoveGroupsDialog
from rugschool.ui.programme_pages import LevelCard
from rugschool.ui.programme_screen import ProgrammeScreen
from tests.conftest import load_demo

NEW_TEXT = "Lig op je rug en til je billen op. Houd je buik licht aangespannen."


@pytest.fixture
def screen(qtbot: QtBot, services: Services, events: Events) -> ProgrammeScreen:
    load_demo(services.db)
    widget = ProgrammeScreen(services.programme, services.pictures, events)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.mouseClick(widget.edit_button, Qt.MouseButton.LeftButton)
    widget.show_section("exercise:buttocks")
    return widget


def _current(services: Services) -> Programme:
    return services.programme.current("nl")


def _page(screen: ProgrammeScreen) -> QWidget:
    page = screen.page_area.widget()
    assert page is not None
    return page


def _button(screen: ProgrammeScreen, name: str) -> QAbstractButton:
    found = _page(screen).findChild(QAbstractButton, name) or screen.findChild(
        QAbstractButton, name
    )
    assert found is not None, name
    return found


def _dialog(screen: ProgrammeScreen) -> ItemDialog:
    dialogs = [d for d in screen.findChildren(ItemDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _field(dialog: ItemDialog, name: str) -> Any:
    return next(
        item for section in dialog.sections for item in section.fields if name in item.names
    )


def _click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _edit_level_two(screen: ProgrammeScreen) -> ItemDialog:
    card = _page(screen).findChildren(LevelCard)[1]
    assert card.edit_action is not None  # edit mode: the card's menu edits the level
    card.edit_action.trigger()
    return _dialog(screen)


def test_read_mode_has_no_edit_controls(screen: ProgrammeScreen, qtbot: QtBot) -> None:
    assert _page(screen).findChild(QPushButton, "addLevel") is not None
    _click(qtbot, screen.edit_button)  # "Done editing"
    assert _page(screen).findChild(QPushButton, "addLevel") is None
    assert all(card.edit_action is None for card in _page(screen).findChildren(LevelCard))
    assert screen.edit_row.isHidden()


def test_a_level_edited_in_its_form_is_stored_and_shown_and_undone(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot
) -> None:
    before = _current(services)
    old_level = before.exercise("buttocks").levels[1]
    dialog = _edit_level_two(screen)
    instruction = _field(dialog, "instruction")
    instruction.edit.setPlainText(NEW_TEXT)
    _field(dialog, "sets").spin.setValue(3)

    with qtbot.waitSignal(screen.message):
        _click(qtbot, dialog.save_button)

    level = _current(services).exercise("buttocks").levels[1]
    assert (level.instruction, level.dose.sets) == (NEW_TEXT, 3)
    assert _current(services).version_id != before.version_id  # the demo recorded the old one
    assert services.programme.recorded_level(old_level.id).instruction == old_level.instruction
    card = _page(screen).findChildren(LevelCard)[1]
    assert card.level.instruction == NEW_TEXT  # the screen shows what is stored
    assert screen.current_section() == "exercise:buttocks"
    assert screen.behind_row.isVisibleTo(screen)  # the running demo group stays behind

    with qtbot.waitActive(screen):
        screen.activateWindow()
    qtbot.keyClick(screen.sections, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    level = _current(services).exercise("buttocks").levels[1]
    assert (level.instruction, level.dose.sets) == (old_level.instruction, old_level.dose.sets)


def test_a_refused_value_stays_in_the_form_and_nothing_is_stored(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot
) -> None:
    before = _current(services)
    dialog = _edit_level_two(screen)
    _field(dialog, "instruction").edit.setPlainText("   ")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text()
    assert _current(services) == before
    dialog.reject()


def test_a_field_and_a_whole_item_go_back_to_the_default(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot
) -> None:
    default = _current(services).exercise("buttocks").levels[1]
    dialog = _edit_level_two(screen)
    assert dialog.findChild(QToolButton, "default_instruction") is None  # nothing edited yet
    _field(dialog, "instruction").edit.setPlainText(NEW_TEXT)
    _field(dialog, "sets").spin.setValue(4)
    _click(qtbot, dialog.save_button)

    dialog = _edit_level_two(screen)
    default_button = dialog.findChild(QToolButton, "default_instruction")
    assert default_button is not None
    _click(qtbot, default_button)
    assert _field(dialog, "instruction").edit.toPlainText() == default.instruction
    _click(qtbot, dialog.save_button)
    level = _current(services).exercise("buttocks").levels[1]
    assert level.instruction == default.instruction and level.dose.sets == 4

    dialog = _edit_level_two(screen)
    assert dialog.reset_button is not None and dialog.reset_button.isEnabled()
    _click(qtbot, dialog.reset_button)
    assert _current(services).exercise("buttocks").levels[1].dose == default.dose


def test_levels_and_exercises_are_added_and_removed(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot
) -> None:
    questions: list[str] = []

    def answer_yes(_title: str, text: str) -> bool:
        questions.append(text)
        return True

    screen.editing.ask = answer_yes

    _click(qtbot, _button(screen, "addLevel"))
    dialog = _dialog(screen)
    _field(dialog, "instruction").edit.setPlainText("Een vijfde niveau, zwaarder.")
    _click(qtbot, dialog.save_button)
    assert len(_current(services).exercise("buttocks").levels) == 5
    assert len(_page(screen).findChildren(LevelCard)) == 5

    editor = services.programme.editor()
    recorded = {n: editor.recordings(ItemRef.level("buttocks", n)) for n in range(1, 5)}
    number = next(n for n, count in recorded.items() if count)
    remove = _button(screen, "removeLevel")
    assert isinstance(remove, QToolButton)
    remove.menu().actions()[number - 1].trigger()
    levels = _current(services).exercise("buttocks").levels
    assert [lv.instruction for lv in levels][-1] == "Een vijfde niveau, zwaarder."
    assert len(levels) == 4
    assert str(recorded[number]) in questions[-1]  # the question names the recordings

    _click(qtbot, _button(screen, "addExercise"))
    dialog = _dialog(screen)
    _field(dialog, "name").edit.setText("Evenwicht")
    _field(dialog, "purpose").edit.setPlainText("Stevig op je benen staan.")
    _field(dialog, "instruction").edit.setPlainText("Sta op een been.")
    _click(qtbot, dialog.save_button)
    assert _current(services).exercises[-1].name == "Evenwicht"
    assert screen.current_section() == "exercise:evenwicht"

    _click(qtbot, _button(screen, "removeExercise"))
    assert "evenwicht" not in [e.key for e in _current(services).exercises]
    assert "exercise:evenwicht" not in screen.section_keys()


def test_a_removal_the_therapist_declines_changes_nothing(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot
) -> None:
    before = _current(services)
    screen.editing.ask = lambda _title, _text: False
    _click(qtbot, _button(screen, "removeExercise"))
    assert _current(services) == before


def test_a_running_group_moves_when_the_therapist_says_so(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _edit_level_two(screen)
    _field(dialog, "instruction").edit.setPlainText(NEW_TEXT)
    _click(qtbot, dialog.save_button)
    assert screen.behind_row.isVisibleTo(screen)

    def tick_all(self: MoveGroupsDialog) -> int:
        for row in range(self.groups.count()):
            self.groups.item(row).setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(MoveGroupsDialog, "exec", tick_all)
    _click(qtbot, _button(screen, "moveGroups"))
    editor = services.programme.editor()
    assert editor.groups_behind(_current(services).version_id) == []
    assert not screen.behind_row.isVisibleTo(screen)


def test_a_programme_exported_and_imported_from_the_screen(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _edit_level_two(screen)
    _field(dialog, "instruction").edit.setPlainText(NEW_TEXT)
    _click(qtbot, dialog.save_button)
    exported = _current(services)

    assert screen.editing.export_to(tmp_path / "oost.zip")
    assert (tmp_path / "oost.zip").exists()
    with qtbot.waitSignal(screen.message):
        assert screen.editing.import_from(tmp_path / "oost.zip")
    imported = _current(services)
    assert imported.version_id != exported.version_id
    assert imported.source_file == "oost.zip"
    assert imported.exercise("buttocks").levels[1].instruction == NEW_TEXT
    assert "oost.zip" in screen.subtitle.text()

    broken = tmp_path / "kapot.toml"
    broken.write_text("[programme]\nname = 'x'\n", encoding="utf-8")
    with qtbot.waitSignal(screen.message) as message:
        assert not screen.editing.import_from(broken)
    assert "kapot.toml" in message.args[0]
    assert _current(services).version_id == imported.version_id


def test_a_screen_showing_an_older_version_reloads_and_the_second_save_stores(
    screen: ProgrammeScreen, services: Services, qtbot: QtBot
) -> None:
    other = ProgrammeScreen(services.programme, services.pictures, Events())  # another PC
    qtbot.addWidget(other)
    other.show()
    _click(qtbot, other.edit_button)
    other.show_section("exercise:buttocks")

    theirs = _edit_level_two(other)  # open on the other PC first
    _field(theirs, "instruction").edit.setPlainText(NEW_TEXT)

    dialog = _edit_level_two(screen)
    _field(dialog, "sets").spin.setValue(3)
    _click(qtbot, dialog.save_button)  # a new version: the demo recorded the old one

    _click(qtbot, theirs.save_button)
    assert theirs.isVisible() and theirs.problem.text()  # refused: that screen was behind
    assert other.programme is not None
    assert other.programme.version_id == _current(services).version_id  # it reloaded
    _click(qtbot, theirs.save_button)  # what was typed is still there: save again
    level = _current(services).exercise("buttocks").levels[1]
    assert (level.instruction, level.dose.sets) == (NEW_TEXT, 3)
