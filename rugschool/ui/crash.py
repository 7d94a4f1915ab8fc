"""Unexpected errors: log them, and show a dialog that names the log file. A user error
(RugschoolError) that reaches this far is shown as a plain message instead."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rugschool.errors import RugschoolError
from rugschool.i18n import _

_log = logging.getLogger("rugschool.crash")


def show_user_error(parent: QWidget | None, error: RugschoolError) -> None:
    QMessageBox.warning(parent, _("Rugschool"), str(error))


def show_crash_dialog(parent: QWidget | None, details: str, log_path: Path) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Rugschool: unexpected error"))
    box.setText(
        _(
            "Something went wrong that should not have. What you entered before this is "
            "stored. You can carry on, or restart Rugschool to be safe."
        )
    )
    box.setInformativeText(_("The details are in the log file:\n{path}").format(path=log_path))
    box.setDetailedText(details)
    box.exec()


class CrashHandler:
    """Installed as sys.excepthook while the GUI runs."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        parent = QApplication.activeWindow()
        if isinstance(error, RugschoolError):
            _log.warning("user error: %s", error)
            show_user_error(parent, error)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        _log.error("unexpected error\n%s", details)
        if self._showing:  # an error inside the dialog itself: log it, do not loop
            return
        self._showing = True
        try:
            show_crash_dialog(parent, details, self.log_path)
        finally:
            self._showing = False
