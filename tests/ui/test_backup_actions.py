"""Back up now and Restore from the File menu, through the real actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.services.participants import ParticipantInput
from rugschool.ui.main_window import MainWindow


def test_back_up_to_a_stick_with_a_password_and_restore_it(
    make_window: Callable[[], MainWindow],
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.load_demo()
    window: MainWindow = make_window()
    stick = tmp_path / "stick" / "rugschool.backup"
    stick.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(stick), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(stick), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("geheim", True))
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    assert window.backup_actions.back_up_now() == stick
    assert b"Vries" not in stick.read_bytes()  # encrypted
    services.participants.create(ParticipantInput("Later", "Toegevoegd"))
    assert services.participants.count() == 11
    assert window.backup_actions.restore()
    assert services.participants.count() == 10
    assert "10" in asked[0]  # the preview said what the backup holds


def test_a_cancelled_restore_changes_nothing(
    make_window: Callable[[], MainWindow],
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    services.load_demo()
    window: MainWindow = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    assert not window.backup_actions.restore()
    assert services.participants.count() == 10


def test_in_clinic_mode_backups_are_the_servers_business(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    monkeypatch.setattr(Services, "clinic_mode", property(lambda _self: True))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    asked: list[object] = []

    def ask(*details: object) -> tuple[str, str]:
        asked.append(details)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", ask)
    assert window.backup_actions.back_up_now() is None
    assert window.backup_actions.restore() is False
    assert asked == [] and len(told) == 2 and "beheerder" in told[0]
