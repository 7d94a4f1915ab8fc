"""Taking a group along to a laptop, opening it there, and bringing it back, from the File
menu. Taking along writes one file; the laptop opens that file as its own database (a second
window of the app, so the laptop's own data stays apart); bringing back shows what changes
and lets the therapist choose where both sides changed."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from rugschool.config import TAKEN_ALONG_SUFFIX as SUFFIX
from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services.bundle import Services
from rugschool.ui.widgets import busy


def file_filter() -> str:
    return _("Groups taken along (*{suffix})").format(suffix=SUFFIX)


def open_command(file: Path, data_dir: Path) -> tuple[str, list[str]]:
    """The program and arguments that start Rugschool on a file taken along."""
    arguments = ["--data-dir", str(data_dir), "--open", str(file)]
    if getattr(sys, "frozen", False):  # the bundle: its executable is the app
        return sys.executable, arguments
    return sys.executable, ["-m", "rugschool", *arguments]


class TakeAlongActions(QObject):
    message = Signal(str)
    brought_back = Signal()

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self._widget = services, parent

    def take_along(self) -> Path | None:
        title = _("Take a group along")
        groups = [g for g in self.services.groups.rows() if not g.archived]
        if not groups:
            QMessageBox.information(self._widget, title, _("There is no group to take along."))
            return None
        names = [g.name for g in groups]
        name, ok = QInputDialog.getItem(
            self._widget, title, _("Which group goes along to the laptop?"), names, 0, False
        )
        if not ok:
            return None
        group = groups[names.index(name)]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self._widget, title, str(Path(folder) / f"{group.name}{SUFFIX}"), file_filter()
        )
        if not chosen:
            return None
        path = Path(chosen) if chosen.endswith(SUFFIX) else Path(chosen + SUFFIX)
        try:
            with busy():
                made = self.services.take_along(group.id, path)
        except RugschoolError as error:
            QMessageBox.warning(self._widget, title, str(error))
            return None
        QMessageBox.information(
            self._widget,
            title,
            _(
                "{name} is written to {path}: {participants} participants and {sessions} "
                "sessions. On the laptop, open it with File → Open a group taken along. Bring it "
                "back here afterwards with File → Bring a group back."
            ).format(
                name=made.group_name,
                path=made.path,
                participants=made.participants,
                sessions=made.sessions,
            ),
        )
        self.message.emit(_("Group taken along: {path}").format(path=made.path))
        return made.path

    def open_taken_along(self) -> bool:
        chosen, _filter = QFileDialog.getOpenFileName(
            self._widget, _("Open a group taken along"), "", file_filter()
        )
        if not chosen:
            return False
        program, arguments = open_command(Path(chosen), self.services.data_dir)
        started = QProcess.startDetached(program, arguments)[0]
        if not started:
            QMessageBox.warning(
                self._widget,
                _("Open a group taken along"),
                _("Rugschool could not be started on {path}.").format(path=chosen),
            )
            return False
        self.message.emit(_("Opening {path} in a window of its own…").format(path=chosen))
        return True

    def bring_back(self) -> bool:
        title = _("Bring a group back")
        chosen, _filter = QFileDialog.getOpenFileName(self._widget, title, "", file_filter())
        if not chosen:
            return False
        try:
            with busy():
                preview = self.services.preview_bring_back(Path(chosen))
        except RugschoolError as error:
            QMessageBox.warning(self._widget, title, str(error))
            return False
        from rugschool.ui.bring_back_dialog import BringBackDialog  # when first used

        dialog = BringBackDialog(self.services, Path(chosen), preview, self._widget)
        if dialog.exec() != BringBackDialog.DialogCode.Accepted or dialog.outcome is None:
            return False
        self.brought_back.emit()
        self.message.emit(dialog.outcome_text())
        return True
