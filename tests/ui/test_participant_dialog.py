"""Adding and editing a participant through the real dialog and screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.ui.events import Events
from rugschool.ui.participant_dialog import ParticipantDialog
from rugschool.ui.participants_screen import ParticipantsScreen


def _type(qtbot: QtBot, dialog: ParticipantDialog, **fields: str) -> None:
    for name, text in fields.items():
        edit = getattr(dialog, name)
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_adding_a_participant_stores_them(qtbot: QtBot, services: Services) -> None:
    dialog = ParticipantDialog(services.participants)
    qtbot.addWidget(dialog)
    _type(
        qtbot,
        dialog,
        first_name="Jan",
        name_prefix="van der",
        last_name="Berg",
        date_of_birth="30-06-1957",
        phone="06-12345678",
        referrer="Dr. Bakker",
    )
    check = dialog.consent_report.check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))

    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )

    assert dialog.result() == ParticipantDialog.DialogCode.Accepted
    [row] = services.participants.rows()
    assert (row.first_name, row.name_prefix, row.last_name) == ("Jan", "van der", "Berg")
    detail = services.participants.get(row.id)
    assert detail.data.date_of_birth is not None and detail.data.date_of_birth.year == 1957
    assert detail.data.consent_report_on is not None
    assert detail.data.consent_media_on is None


def test_a_bad_date_keeps_the_dialog_open_and_stores_nothing(
    qtbot: QtBot, services: Services
) -> None:
    dialog = ParticipantDialog(services.participants)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog, first_name="An", date_of_birth="31-02-1980")
    dialog.save()
    assert dialog.result() != ParticipantDialog.DialogCode.Accepted
    assert "bestaat" in dialog.message.text()
    assert services.participants.count() == 0


def test_an_odd_phone_number_warns_but_saves(qtbot: QtBot, services: Services) -> None:
    dialog = ParticipantDialog(services.participants)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog, last_name="Maes", phone="12")
    dialog.phone.editingFinished.emit()
    assert "telefoonnummer" in dialog.message.text()
    dialog.save()
    assert services.participants.rows()[0].phone == "12"


@pytest.mark.parametrize(
    ("answer", "count"), [(QMessageBox.StandardButton.No, 10), (QMessageBox.StandardButton.Yes, 11)]
)
def test_a_likely_duplicate_asks_first(
    qtbot: QtBot,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
    count: int,
) -> None:
    services.load_demo()
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = ParticipantDialog(services.participants)
    qtbot.addWidget(dialog)
    _type(
        qtbot,
        dialog,
        first_name="Jan",
        name_prefix="van der",
        last_name="Berg",
        date_of_birth="30-06-1957",
    )
    dialog.save()
    assert asked and "Jan van der Berg" in asked[0]
    assert services.participants.count() == count


def test_the_screen_adds_archives_and_erases(
    qtbot: QtBot, services: Services, events: Events, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.load_demo()
    screen = ParticipantsScreen(services.participants, events, services=services)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.proxy.rowCount() == 10
    screen.table.selectRow(0)  # Berg, Jan van der
    qtbot.mouseClick(screen.archive_button, Qt.MouseButton.LeftButton)
    assert services.participants.get(3).archived
    assert screen.proxy.rowCount() == 9  # the current list hides the archived
    screen.filter_combo.setCurrentIndex(screen.filter_combo.findData("archived"))
    assert screen.proxy.rowCount() == 1
    screen.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(screen.erase_button, Qt.MouseButton.LeftButton)
    assert services.participants.count() == 9
    assert screen.proxy.rowCount() == 0


def test_search_ignores_accents_in_the_screen(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    services.load_demo()
    screen = ParticipantsScreen(services.participants, events)
    qtbot.addWidget(screen)
    qtbot.keyClicks(screen.search, "celik")
    assert [screen.proxy.index(r, 0).data() for r in range(screen.proxy.rowCount())] == [
        "Çelik, Mehmet"
    ]


def test_the_handout_language_is_stored(qtbot: QtBot, services: Services) -> None:
    dialog = ParticipantDialog(services.participants)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog, first_name="Aylin", last_name="Kaya")
    assert dialog.language.currentData() == "nl"  # Dutch unless chosen otherwise
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    [row] = services.participants.rows()
    assert services.participants.get(row.id).data.language == "en"
