"""Deelnemers → Privacy: a request for access (a PDF a person can read and a JSON file),
erasing someone for good, the records past their retention term, and the pseudonymised
file for research. The work is in services/privacy.py; this asks and tells."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _, ngettext
from rugschool.services.bundle import Services
from rugschool.services.privacy import PrivacyService, RetentionRow
from rugschool.ui.formatting import date_text
from rugschool.ui.widgets import house_table


def _documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


class PrivacyActions(QObject):
    message = Signal(str)
    erased = Signal(int)

    def __init__(
        self, services: Services, chosen: Callable[[], int | None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.services, self._chosen, self._widget = services, chosen, parent

    @functools.cached_property
    def privacy(self) -> PrivacyService:
        return PrivacyService(self.services.db, self.services.actor)

    def button(self) -> QToolButton:
        button = QToolButton(self._widget)
        button.setText(_("Privacy"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        menu.addAction(_("Export for a request for access…"), self.ask_access_export)
        menu.addAction(_("Erase for good…"), lambda: self.ask_erase())
        menu.addSeparator()
        menu.addAction(_("Records past the retention term…"), self.show_retention)
        menu.addAction(_("Pseudonymised file for research…"), self.ask_research_export)
        button.setMenu(menu)
        return button

    # -------------------------------------------------------------- access

    def ask_access_export(self) -> None:
        participant_id = self._chosen()
        if participant_id is None:
            self.message.emit(_("Choose someone in the list first."))
            return
        folder = QFileDialog.getExistingDirectory(
            self._widget,
            _("Where to put the files for the request for access"),
            str(_documents_folder()),
        )
        if folder:
            self.export_access(participant_id, Path(folder))

    def export_access(self, participant_id: int, folder: Path) -> tuple[Path, Path] | None:
        from rugschool.export.access_report import pdf_renderer

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = self.privacy.export_access(
                participant_id, folder, pdf_renderer(self.services.db)
            )
        except RugschoolError as error:
            QMessageBox.warning(self._widget, _("Request for access"), str(error))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.message.emit(
            _("Written: {files}").format(files=", ".join(path.name for path in written))
        )
        return written

    # -------------------------------------------------------------- erasure

    def ask_erase(self, participant_id: int | None = None) -> None:
        participant_id = participant_id if participant_id is not None else self._chosen()
        if participant_id is None:
            self.message.emit(_("Choose someone in the list first."))
            return
        try:
            preview = self.privacy.erasure_preview(participant_id)
        except RugschoolError as error:
            self.message.emit(str(error))
            return
        details = "".join(f"\n•  {line}" for line in preview.lines())
        answer = QMessageBox.warning(
            self._widget,
            _("Erase {name}?").format(name=preview.full_name),
            _(
                "This removes {name} and everything recorded about them for good:{details}\n\n"
                "The database is rewritten so that their name is nowhere in it. Backups made "
                "before keep it until they expire. Archive instead if you may need the record "
                "later."
            ).format(
                name=preview.full_name, details=details or "\n•  " + _("the personal details")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.erase(participant_id)

    def erase(self, participant_id: int) -> bool:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            preview = self.privacy.erase(participant_id)
        except RugschoolError as error:
            QMessageBox.warning(self._widget, _("Erase"), str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._remove_printouts()
        self.erased.emit(participant_id)
        self.message.emit(_("{name} erased.").format(name=preview.full_name))
        return True

    def _remove_printouts(self) -> None:
        """Copies made to open or print may name them: the folder is emptied."""
        from rugschool.ui.documents import PRINTOUTS_DIR

        folder = self.services.data_dir / PRINTOUTS_DIR
        for path in folder.glob("*") if folder.is_dir() else ():
            with contextlib.suppress(OSError):  # open in a viewer: the weekly clean-up takes it
                path.unlink()

    # -------------------------------------------------------------- retention

    def show_retention(self) -> RetentionDialog:
        rows = self.privacy.retention_due(dt.date.today())
        dialog = RetentionDialog(rows, self.privacy.retention_term(), self, self._widget)
        dialog.show()
        return dialog

    # -------------------------------------------------------------- research

    def ask_research_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self._widget,
            _("Pseudonymised file for research"),
            str(_documents_folder() / "rugschool-onderzoek.csv"),
            _("CSV files") + " (*.csv)",
        )
        if path:
            self.research_export(Path(path))

    def research_export(self, path: Path) -> int | None:
        try:
            count = self.privacy.research_csv(path)
        except RugschoolError as error:
            QMessageBox.warning(self._widget, _("Research file"), str(error))
            return None
        self.message.emit(
            ngettext(
                "{n} participant who consented written to {path}.",
                "{n} participants who consented written to {path}.",
                count,
            ).format(n=count, path=path)
        )
        return count


class RetentionDialog(QDialog):
    """Records whose term has ended, oldest first: erase them, one by one, after a look."""

    def __init__(
        self, rows: list[RetentionRow], term: int, actions: PrivacyActions, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Records past the retention term"))
        self.resize(720, 460)
        self.rows, self.privacy_actions = rows, actions
        self.table = house_table(QTableWidget(0, 3))
        self.table.setHorizontalHeaderLabels([_("Participant"), _("Last contact"), _("Term ended")])
        self.table.horizontalHeader().setStretchLastSection(True)
        explanation = QLabel(
            ngettext(
                "A record is kept {n} year after the last contact.",
                "A record is kept {n} years after the last contact.",
                term,
            ).format(n=term)
            + " "
            + _("These have been kept that long. Erase a record when nothing requires it still.")
        )
        explanation.setWordWrap(True)
        self.empty = QLabel(_("No record is past its term."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.erase_button = buttons.addButton(
            _("Erase for good…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.erase_button.clicked.connect(self.erase_chosen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        actions.erased.connect(self._forget)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            for column, text in enumerate(
                (row.name, date_text(row.last_contact), date_text(row.term_ended))
            ):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(i, column, item)
        self.empty.setVisible(not self.rows)
        self.erase_button.setEnabled(bool(self.rows))

    def chosen(self) -> int | None:
        index = self.table.currentRow()
        return self.rows[index].participant_id if 0 <= index < len(self.rows) else None

    def erase_chosen(self) -> None:
        participant_id = self.chosen()
        if participant_id is not None:
            self.privacy_actions.ask_erase(participant_id)

    def _forget(self, participant_id: int) -> None:
        self.rows = [r for r in self.rows if r.participant_id != participant_id]
        self._fill()
