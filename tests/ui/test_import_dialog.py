"""The import dialog: a preview of every line, then the import, checked in the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from rugschool.i18n import set_language
from rugschool.services.bundle import Services
from rugschool.services.csv_import import ImportService
from rugschool.services.groups import GroupInput
from rugschool.ui.import_dialog import ImportDialog

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "csv"
STATUS = 5


def open_dialog(
    qtbot: QtBot, services: Services, sample: str, groups: list[tuple[int, str]] | None = None
) -> ImportDialog:
    dialog = ImportDialog(ImportService(services.db), groups, SAMPLES / sample)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cell(dialog: ImportDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def stored(services: Services) -> list[tuple[str, str, str, dt.date | None]]:
    return [
        (p.first_name, p.name_prefix, p.last_name, p.date_of_birth)
        for p in services.participants.rows()
    ]


def test_import_stores_the_previewed_people(qtbot: QtBot, services: Services) -> None:
    dialog = open_dialog(qtbot, services, "nl_semicolon.csv")
    assert dialog.table.rowCount() == 3
    assert [cell(dialog, r, 0) for r in range(3)] == ["2", "3", "4"]
    assert cell(dialog, 0, 1) == "Berg, Jan van der"
    assert cell(dialog, 0, 2) == "14-03-1978"
    assert dialog.group_choice is None  # no groups offered
    assert dialog.import_button.isEnabled() and not dialog.import_valid_button.isVisible()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_summary is not None and dialog.result_summary.imported == 3
    assert stored(services) == [
        ("Jan", "van der", "Berg", dt.date(1978, 3, 14)),
        ("Zoë", "de", "Vries", dt.date(1985, 7, 2)),
        ("Femke", "van 't", "Hof", dt.date(1969, 11, 30)),
    ]


def test_bad_rows_disable_import_and_offer_only_the_valid_rows(
    qtbot: QtBot, services: Services
) -> None:
    set_language("en")
    dialog = open_dialog(qtbot, services, "bad_rows.csv")
    statuses = [cell(dialog, r, STATUS) for r in range(dialog.table.rowCount())]
    assert statuses[0].startswith("Warning: ")  # line 2: odd phone and e-mail
    assert statuses[1] == "Error: No name."  # line 3
    assert statuses[5] == "OK"  # line 8
    assert cell(dialog, 4, 2) == "gisteren"  # an unreadable date, as written
    assert dialog.summary.text() == "6 lines: 2 to import, 4 with errors, 2 warnings."
    assert not dialog.import_button.isEnabled()
    assert dialog.import_valid_button.isVisible()

    qtbot.mouseClick(dialog.import_valid_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [(first, last) for first, _p, last, _b in stored(services)] == [
        ("Anouk", "Jansen"),
        ("Femke", "Hof"),
    ]


def test_only_errors_offer_no_import_at_all(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "fout.csv"
    path.write_text("Voornaam;Geboortedatum\n;1-1-1980\nJan;31-02-1980\n", encoding="utf-8")
    dialog = ImportDialog(ImportService(services.db), None, path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    assert not dialog.import_valid_button.isVisible()
    assert dialog.message.text() != ""


def test_duplicates_are_shown_and_skipped(qtbot: QtBot, services: Services) -> None:
    set_language("en")
    dialog = open_dialog(qtbot, services, "duplicates.csv")
    assert cell(dialog, 3, STATUS).startswith("Skipped: Same name")  # line 5
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(stored(services)) == 4  # lines 2, 3, 4 and 6


def test_the_chosen_group_gets_them_enrolled(qtbot: QtBot, services: Services) -> None:
    small = services.groups.create(
        GroupInput(name="Klein", start_date=dt.date(2025, 3, 4), max_size=2)
    )
    other = services.groups.create(GroupInput(name="Ander", start_date=dt.date(2025, 3, 5)))
    dialog = open_dialog(
        qtbot, services, "nl_semicolon.csv", [(other.id, "Ander"), (small.id, "Klein")]
    )
    assert dialog.group_choice is not None and dialog.group_choice.count() == 3
    assert dialog.selected_group() is None  # "no group" first
    dialog.group_choice.setCurrentIndex(2)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    result = dialog.result_summary
    assert result is not None and result.group_name == "Klein" and len(result.warnings) == 1
    enrolled = services.groups.enrollments(small.id)
    assert [e.name for e in enrolled] == ["Jan van der Berg", "Zoë de Vries", "Femke van 't Hof"]
    assert services.groups.enrollments(other.id) == []


def test_an_error_while_importing_keeps_the_dialog_open(qtbot: QtBot, services: Services) -> None:
    group = services.groups.create(GroupInput(name="Weg", start_date=None))
    dialog = open_dialog(qtbot, services, "en_comma_bom.csv", [(group.id, "Weg"), (99, "Weg ook")])
    assert dialog.group_choice is not None
    dialog.group_choice.setCurrentIndex(2)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result_summary is None
    assert "99" in dialog.message.text()
    assert stored(services) == []
