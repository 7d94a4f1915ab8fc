"""Printing from the group screen: open, save and print go through real menus and land as
real PDFs; a missing choice or a locked file is a message, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from rugschool.export import output
from rugschool.services.bundle import Services
from rugschool.services.demo import load_demo
from rugschool.ui.events import Events
from rugschool.ui.group_detail import GroupDetail
from rugschool.ui.group_documents import JournalDialog, show_journal
from tests.export.pdf_checks import page_texts, text


@pytest.fixture
def detail(qtbot: QtBot, services: Services, events: Events) -> GroupDetail:
    load_demo(services.db)
    screen = GroupDetail(services, events)
    qtbot.addWidget(screen)
    screen.show_group(services.groups.rows()[0])
    screen.show()
    return screen


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []

    def open_url(url: QUrl) -> bool:
        seen.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return seen


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []

    def warn(_parent: QWidget, _title: str, message: str) -> QMessageBox.StandardButton:
        said.append(message)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return said


def _action(button: QWidget, name: str) -> QAction:
    found = button.menu().findChild(QAction, name)  # type: ignore[attr-defined]
    assert isinstance(found, QAction), name
    return found


def test_opening_a_persons_home_programme_writes_it_to_printouts(
    detail: GroupDetail, services: Services, opened: list[Path]
) -> None:
    detail.tabs.setCurrentIndex(1)
    detail.people_table.selectRow(0)
    name = detail.people.row_at(0).enrollment.name
    _action(detail.person_documents, "open:Thuisprogramma").trigger()
    [path] = opened
    assert path.parent == services.data_dir / "printouts" and path.suffix == ".pdf"
    assert name in text(path.read_bytes())


def test_saving_the_print_run_where_the_therapist_chooses(
    detail: GroupDetail, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chosen" / "groep"  # no extension typed: .pdf is added
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PDF"))
    _action(detail.group_documents, "save:Thuisprogramma's van de groep").trigger()
    pdf = target.with_suffix(".pdf").read_bytes()
    firsts = [p for p in page_texts(pdf) if "pagina 1 van" in p or "page 1 of" in p]
    assert len(firsts) == 10  # one of them (Łukasz) in English, his handout language


def test_printing_hands_the_file_to_the_print_service(
    detail: GroupDetail, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[Path] = []
    monkeypatch.setattr(output, "send_to_printer", printed.append)
    detail.session_table.selectRow(0)
    _action(detail.session_documents, "print:Verslag bijeenkomst").trigger()
    [path] = printed
    assert path.exists() and path.read_bytes().startswith(b"%PDF")


def test_nothing_chosen_is_a_message_and_no_file(
    detail: GroupDetail, services: Services, warnings: list[str], opened: list[Path]
) -> None:
    detail.session_table.clearSelection()
    _action(detail.session_documents, "open:Verslag bijeenkomst").trigger()
    assert warnings == ["Kies eerst een bijeenkomst in het rooster."]
    assert opened == []
    assert not (services.data_dir / "printouts").exists()


def test_an_education_handout_needs_an_education_session(
    detail: GroupDetail, services: Services, warnings: list[str], opened: list[Path]
) -> None:
    sessions = [detail.sessions.row_at(i) for i in range(detail.sessions.rowCount())]
    exercise = next(i for i, s in enumerate(sessions) if s.kind == "exercise")
    detail.session_table.selectRow(exercise)
    _action(detail.session_documents, "open:Hand-out voorlichting").trigger()
    assert warnings and "voorlichting" in warnings[0]
    education = next(i for i, s in enumerate(sessions) if s.kind == "education")
    detail.session_table.selectRow(education)
    _action(detail.session_documents, "open:Hand-out voorlichting").trigger()
    assert len(opened) == 1


def test_a_file_still_open_in_a_viewer_gets_a_new_name(
    detail: GroupDetail, opened: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    detail.people_table.selectRow(0)
    _action(detail.person_documents, "open:Thuisprogramma").trigger()
    first = opened[0]
    real_replace = os.replace

    def locked(src: str, dst: str) -> None:
        if Path(dst) == first:
            raise PermissionError(13, "in use")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    _action(detail.person_documents, "open:Thuisprogramma").trigger()
    assert opened[1] != first and opened[1].name.endswith("(2).pdf")
    assert opened[1].exists() and first.exists()


def test_the_journal_text_shows_each_session_and_copies(
    detail: GroupDetail, qtbot: QtBot, services: Services
) -> None:
    detail.people_table.selectRow(0)
    line = detail.people.row_at(0).enrollment
    dialog = show_journal(detail.document_actions, detail.documents.enrollment, detail)
    assert isinstance(dialog, JournalDialog)
    qtbot.addWidget(dialog)
    assert dialog.sessions.count() == 6  # two education and four exercise sessions
    shown = dialog.text.toPlainText()
    assert shown and "niveau" in shown
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == shown
    assert line.name in dialog.windowTitle()  # the dialog is about the chosen person


def test_the_participants_screen_offers_each_persons_documents(
    qtbot: QtBot, services: Services, events: Events, opened: list[Path]
) -> None:
    from rugschool.ui.participants_screen import ParticipantsScreen

    load_demo(services.db)
    screen = ParticipantsScreen(services.participants, events, services=services)
    qtbot.addWidget(screen)
    screen.show()
    menu = screen.documents_button.menu()
    menu.aboutToShow.emit()
    assert [a.isEnabled() for a in menu.actions()] == [False]  # nobody chosen yet
    screen.table.selectRow(0)  # Berg, Jan van der
    menu.aboutToShow.emit()
    _action(screen.documents_button, "open:Eindverslag voor de verwijzer").trigger()
    [path] = opened
    assert "Jan van der Berg" in text(path.read_bytes())


def test_a_follow_up_questionnaire_from_the_persons_menu(
    detail: GroupDetail, opened: list[Path]
) -> None:
    detail.people_table.selectRow(0)
    name = detail.people.row_at(0).enrollment.name
    _action(detail.person_documents, "open:Vragenlijst, nameting na 3 maanden").trigger()
    [path] = opened
    found = text(path.read_bytes())
    assert name in found and "3 maanden" in found
