"""Help → About Rugschool: the version, where the data is stored (with a button that opens
the folder), the log, and the licences of what Rugschool ships."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rugschool import APP_NAME, __version__
from rugschool.i18n import _
from rugschool.paths import resource_path
from rugschool.services.bundle import Services
from rugschool.ui.widgets import hint, named

FONT_LICENCE = ("fonts", "LICENSE.txt")


def _value(text: str) -> QLabel:
    """A value the therapist may want to copy (a path): selectable, wrapped anywhere."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


class AboutDialog(QDialog):
    def __init__(self, services: Services, log_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("About Rugschool"))
        self.setMinimumWidth(620)
        self.data_dir = services.data_dir
        self.version_label = _value(__version__)
        self.data_label = _value(str(services.data_dir))
        self.database_label = _value(services.describe_database())
        self.log_label = _value(str(log_path))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, value in (
            (_("Version:"), self.version_label),
            (_("Data folder:"), self.data_label),
            (_("Database:"), self.database_label),
            (_("Log file:"), self.log_label),
        ):
            form.addRow(text, value)  # the row's label names the value for a screen reader
        self.open_button = QPushButton(_("Open the data folder"))
        self.open_button.setToolTip(_("Show the data folder in the file manager"))
        self.open_button.clicked.connect(self.open_data_folder)
        self.licence_button = QPushButton(_("Font licence"))
        self.licence_button.setToolTip(_("The licence of the DejaVu fonts in the documents"))
        self.licence_button.clicked.connect(self.open_font_licence)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.licence_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel(f"{APP_NAME} {__version__}"), "pageTitle"))
        layout.addWidget(
            hint(
                _(
                    "Runs an eight-week group back school: participants, sessions, measures and "
                    "handouts. Works without internet; your data stays where it is stored."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(hint(self.licences()))
        layout.addWidget(buttons)

    @staticmethod
    def licences() -> str:
        return _(
            "Printed documents embed the DejaVu Sans fonts (Bitstream Vera licence; DejaVu's "
            "changes are in the public domain). Made with Qt {qt} and PySide6 {pyside} (LGPL "
            "3), Python {python}."
        ).format(qt=qVersion(), pyside=PySide6.__version__, python=platform.python_version())

    def open_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def open_font_licence(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(resource_path(*FONT_LICENCE))))
