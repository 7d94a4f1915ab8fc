"""Take a group along, open it on a laptop, bring it back: from the File menu, through the
real actions and the real dialog, checked in the database."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from rugschool.config import sqlite_url
from rugschool.models.migrate import open_database
from rugschool.services.bring_back import (
    BroughtBack,
    Conflict,
    ConflictsToDecide,
    FieldDifference,
    Side,
)
from rugschool.services.bundle import Services
from rugschool.ui.bring_back_dialog import BringBackDialog
from rugschool.ui.events import Events
from rugschool.ui.main_window import MainWindow
from rugschool.ui.take_along_actions import open_command


def _take_along(window: MainWindow, target: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    group = window.services.groups.rows()[0]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: (group.name, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    made = window.take_along_actions.take_along()
    assert made == target.with_suffix(".rugschool") and made.is_file()
    assert "Bestand" in told[0]  # says how to open it on the laptop
    return made


def _laptop(file: Path, tmp_path: Path) -> Services:
    return Services(open_database(sqlite_url(file), tmp_path / "lb").database, tmp_path / "lt")


def _set_phone(services: Services, participant_id: int, phone: str) -> None:
    data = services.participants.get(participant_id).data
    services.participants.update(participant_id, replace(data, phone=phone))


def test_a_change_on_both_sides_is_chosen_in_the_dialog(
    make_window: Callable[[], MainWindow],
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    services.load_demo()
    window = make_window()
    file = _take_along(window, tmp_path / "dinsdag", monkeypatch)
    laptop = _laptop(file, tmp_path)
    person = laptop.participants.rows(window.services.groups.rows()[0].id)[0].id
    _set_phone(laptop, person, "06 11111111")
    laptop.close()
    _set_phone(services, person, "06 22222222")

    dialog = BringBackDialog(services, file, services.preview_bring_back(file), window)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Toegevoegd: Auditlogregel × 1" in shown  # the laptop's change was logged there
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing stored before every conflict has a choice
    differs = dialog.table.item(0, 1)
    assert differs is not None and "06 22222222" in differs.text()
    combo = dialog.table.cellWidget(0, 2)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(2)  # the laptop's version
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert dialog.outcome is not None
    assert services.participants.get(person).data.phone == "06 11111111"


def test_bringing_back_from_the_menu_refreshes_and_stores_once(
    make_window: Callable[[], MainWindow],
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.load_demo()
    window = make_window()
    file = _take_along(window, tmp_path / "dinsdag.rugschool", monkeypatch)
    laptop = _laptop(file, tmp_path)
    person = laptop.participants.rows()[0].id
    _set_phone(laptop, person, "06 33333333")
    laptop.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(file), ""))

    def accept(dialog: BringBackDialog) -> int:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return int(dialog.result())

    monkeypatch.setattr(BringBackDialog, "exec", accept)
    refreshed: list[bool] = []
    window.events.participants_changed.connect(lambda: refreshed.append(True))

    assert window.take_along_actions.bring_back()
    assert services.participants.get(person).data.phone == "06 33333333"
    assert refreshed
    assert "1 gewijzigd" in window.statusBar().currentMessage()


def test_a_file_that_is_no_group_gets_a_message(
    make_window: Callable[[], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    bad = tmp_path / "kapot.rugschool"
    bad.write_bytes(b"geen database")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert not window.take_along_actions.bring_back()
    assert "kapot.rugschool" in warned[0]


def test_opening_a_file_taken_along_starts_the_app_on_it(
    make_window: Callable[[], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    file = tmp_path / "dinsdag.rugschool"
    file.touch()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(file), ""))
    started: list[tuple[str, list[str]]] = []

    def start(program: str, arguments: list[str]) -> tuple[bool, int]:
        started.append((program, arguments))
        return True, 1

    monkeypatch.setattr(QProcess, "startDetached", start)
    assert window.take_along_actions.open_taken_along()
    assert started == [open_command(file, window.services.data_dir)]
    program, arguments = started[0]
    assert program == sys.executable and arguments[-2:] == ["--open", str(file)]


def test_the_window_says_it_holds_a_group_taken_along(
    qtbot: QtBot, tmp_path: Path, events: Events, services: Services
) -> None:
    services.load_demo()
    file = services.take_along(services.groups.rows()[0].id, tmp_path / "dinsdag.rugschool").path
    laptop = _laptop(file, tmp_path)
    window = MainWindow(laptop, events, tmp_path / "log")
    qtbot.addWidget(window)
    assert "dinsdag.rugschool" in window.windowTitle()
    laptop.close()


def test_records_a_choice_brings_up_are_added_to_the_list(
    make_window: Callable[[], MainWindow],
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    services.load_demo()
    window = make_window()
    file = _take_along(window, tmp_path / "dinsdag", monkeypatch)
    first = Conflict("participants:[1]", "Deelnemer: Zoë", (FieldDifference("telefoon", "1", "2"),))
    later = Conflict("enrollments:[1, 1]", "Inschrijving: Zoë", ())
    result = BroughtBack("Dinsdag", "2026-11-25T10:00:00", conflicts=[first])
    dialog = BringBackDialog(services, file, result, window)
    qtbot.addWidget(dialog)
    calls: list[dict[str, Side]] = []

    def bring_back(_path: Path, choices: dict[str, Side]) -> BroughtBack:
        calls.append(dict(choices))
        if len(calls) == 1:
            raise ConflictsToDecide(replace(result, conflicts=[later]))
        return replace(result, conflicts=[])

    monkeypatch.setattr(services, "bring_back", bring_back)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    dialog.choose_all(Side.TAKEN)
    dialog.ok_button.click()
    assert dialog.table.rowCount() == 2 and not dialog.ok_button.isEnabled()
    dialog.choose(1, Side.CLINIC)
    dialog.ok_button.click()
    assert calls[-1] == {first.key: Side.TAKEN, later.key: Side.CLINIC}
    assert dialog.outcome is not None
