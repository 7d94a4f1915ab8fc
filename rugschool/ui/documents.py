"""Printing from the app: every document can be opened in the system's PDF viewer, saved
where the therapist chooses, or sent straight to the printer.

A "Documents" button carries a menu with one submenu per document (Open, Save as…, Print).
What to print is read from the screen when the action is chosen, so a menu never prints a
stale selection. Making a document shows a wait cursor; a problem (nothing chosen, a file
open in another program, no printer) is a message, and nothing is half-written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from rugschool.errors import ExportError, RugschoolError
from rugschool.export.output import remove_old_files
from rugschool.i18n import _
from rugschool.services.audit import AuditAction
from rugschool.services.bundle import Services
from rugschool.ui.widgets import busy

if TYPE_CHECKING:  # the export layer (ReportLab) loads on first use, not at start-up
    from rugschool.export.documents import Documents, Made

_log = logging.getLogger(__name__)

PRINTOUTS_DIR = "printouts"
# Copies made to open or print hold health data: they go after a week (saved files stay).
PRINTOUTS_KEPT_DAYS = 7
OPEN, SAVE, PRINT = "open", "save", "print"
Make = Callable[["Documents"], "Made"]


@dataclass(frozen=True)
class Entry:
    """One document in a menu: its label and how to make it."""

    label: str
    make: Make
    ways: tuple[str, ...] = (OPEN, SAVE, PRINT)


class DocumentActions(QObject):
    """Makes documents and does what was asked with them."""

    message = Signal(str)

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self._widget = parent
        self._last_folder: Path | None = None

    def documents(self) -> Documents:
        from rugschool.export.documents import Documents

        return Documents(self.services)

    def run(self, way: str, make: Make) -> Path | None:
        """Makes the document and opens, saves or prints it; the path written, or None
        when the therapist cancelled or it could not be done (they have been told)."""
        try:
            with busy():
                made = make(self.documents())
            if way == SAVE:
                return self._save(made)
            with busy():
                path = self._to_printouts(made, AuditAction.PRINTED if way == PRINT else None)
                if way == PRINT:
                    from rugschool.export.output import send_to_printer

                    send_to_printer(path)
                    self.message.emit(_("Sent to the printer: {name}").format(name=path.name))
                else:
                    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
                    self.message.emit(_("Opened: {name}").format(name=path.name))
            return path
        except RugschoolError as error:
            QMessageBox.warning(self._widget, _("Documents"), str(error))
            return None

    def _save(self, made: Made) -> Path | None:
        folder = self._last_folder or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        suffix = Path(made.file_name).suffix
        kind = _("PDF documents (*.pdf)") if suffix == ".pdf" else _("CSV files (*.csv)")
        chosen, _filter = QFileDialog.getSaveFileName(
            self._widget, _("Save as"), str(folder / made.file_name), kind
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        with busy():
            made.write(path)
        self._last_folder = path.parent
        self.message.emit(_("Saved: {path}").format(path=path))
        return path

    def _to_printouts(self, made: Made, action: AuditAction | None = None) -> Path:
        """Into the data folder's printouts/, under a new name when the old one is still
        open in a viewer that will not let go of it."""
        folder = self.services.data_dir / PRINTOUTS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        remove_old_files(folder, PRINTOUTS_KEPT_DAYS)
        stem, suffix = Path(made.file_name).stem, Path(made.file_name).suffix
        for n in range(1, 20):
            path = folder / (made.file_name if n == 1 else f"{stem} ({n}){suffix}")
            try:
                return made.write(path, action or AuditAction.EXPORTED)
            except ExportError:
                if not path.exists():
                    raise
                _log.info("%s is in use; trying another name", path.name)
        raise ExportError(_("Close the documents that are open in the PDF viewer, then try again."))


def add_entries(menu: QMenu, actions: DocumentActions, entries: Sequence[Entry]) -> None:
    """A submenu per document: Open, Save as…, Print."""
    labels = {OPEN: _("Open"), SAVE: _("Save as…"), PRINT: _("Print")}
    for entry in entries:
        sub = menu.addMenu(entry.label)
        for way in entry.ways:
            action = sub.addAction(labels[way])
            action.setObjectName(f"{way}:{entry.label}")
            action.triggered.connect(lambda _checked=False, w=way, m=entry.make: actions.run(w, m))


def document_menu(actions: DocumentActions, entries: Sequence[Entry], parent: QWidget) -> QMenu:
    menu = QMenu(parent)
    add_entries(menu, actions, entries)
    return menu


def document_button(
    actions: DocumentActions, entries: Sequence[Entry], parent: QWidget, label: str = ""
) -> QToolButton:
    """A "Documents" button that drops down the documents' menu."""
    button = QToolButton(parent)
    button.setText(label or _("Documents"))
    button.setToolTip(_("Print, open or save the documents for this"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setMenu(document_menu(actions, entries, button))
    return button
