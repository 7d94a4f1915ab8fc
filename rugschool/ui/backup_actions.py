"""Back up now (to a place the therapist chooses, such as a USB stick, optionally with a
password) and Restore (with a preview of what the backup holds), from the File menu."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services.backup_rules import backup_name
from rugschool.services.backups import BackupPreview
from rugschool.services.bundle import Services
from rugschool.ui.formatting import date_text


class BackupActions(QObject):
    message = Signal(str)
    restored = Signal()

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self._widget = services, parent

    def _password(self, title: str, text: str) -> str | None:
        """The password typed (empty: none); None when cancelled."""
        typed, ok = QInputDialog.getText(self._widget, title, text, QLineEdit.EchoMode.Password)
        return typed if ok else None

    def _clinic_mode(self, title: str) -> bool:
        """In clinic mode the server is backed up by its administrator: said, not offered."""
        if self.services.clinic_mode:
            QMessageBox.information(
                self._widget,
                title,
                _("Backups of the clinic database are made on the server by its administrator."),
            )
        return self.services.clinic_mode

    def back_up_now(self) -> Path | None:
        if self._clinic_mode(_("Back up now")):
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self._widget,
            _("Back up now"),
            str(Path(folder) / backup_name(dt.datetime.now())),
            _("Rugschool backups (*.sqlite3 *.backup)"),
        )
        if not chosen:
            return None
        password = self._password(
            _("Protect the backup"),
            _("A password protects the backup if the stick is lost (leave empty for none):"),
        )
        if password is None:
            return None
        try:
            made = self.services.backups().back_up(Path(chosen), password or None)
        except RugschoolError as error:
            QMessageBox.warning(self._widget, _("Back up now"), str(error))
            return None
        self.message.emit(_("Backup written: {path}").format(path=made))
        return made

    def restore(self) -> bool:
        if self._clinic_mode(_("Restore a backup")):
            return False
        chosen, _filter = QFileDialog.getOpenFileName(
            self._widget, _("Restore a backup"), "", _("Rugschool backups (*.sqlite3 *.backup)")
        )
        if not chosen:
            return False
        service, path = self.services.backups(), Path(chosen)
        password: str | None = None
        try:
            try:
                preview = service.preview(path)
            except RugschoolError:
                password = self._password(_("Restore a backup"), _("The backup's password:"))
                if password is None:
                    return False
                preview = service.preview(path, password)
            if not self._confirm(preview):
                return False
            safety = service.restore(path, password)
        except RugschoolError as error:
            QMessageBox.warning(self._widget, _("Restore a backup"), str(error))
            return False
        self.restored.emit()
        self.message.emit(
            _("Restored. The database as it was is kept in {path}").format(path=safety)
        )
        return True

    def _confirm(self, preview: BackupPreview) -> bool:
        text = _(
            "This backup of {date} holds {participants} participants, {groups} groups and "
            "{sessions} sessions. It replaces everything in Rugschool now; the database as it "
            "is now is kept in the backup folder first. Restore it?"
        ).format(
            date=date_text(preview.made_at.date()),
            participants=preview.participants,
            groups=preview.groups,
            sessions=preview.sessions,
        )
        answer = QMessageBox.question(self._widget, _("Restore a backup"), text)
        return answer == QMessageBox.StandardButton.Yes
