"""Parts of Instellingen, each a group box that stores its setting as it changes: the pain
bands and the progression rule, the automatic backups, and the room (large text, high
contrast)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services.progression import GLAD_ACCEPTABLE_MAX, GLAD_SAFE_MAX
from rugschool.services.settings import SettingsService
from rugschool.settings import (
    BACKUP_EVERY_DAYS,
    BACKUP_FOLDER,
    HIGH_CONTRAST,
    LARGE_TEXT,
    SettingKey,
)
from rugschool.ui.widgets import hint

Changed = Callable[[str], None]  # told the key of a setting that changed


def _spin(low: int, high: int, value: int, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setAccessibleName(name)
    return spin


class ProgressionBox(QGroupBox):
    """The pain bands (end of safe, end of acceptable) and the sessions in a row that make
    the rule suggest one level up. Checked together; a refused combination is said and
    the fields go back to what is stored."""

    saved = Signal(str)

    def __init__(self, service: SettingsService, changed: Changed) -> None:
        super().__init__(_("Pain bands and progression"))
        self._service, self._changed = service, changed
        rule = service.progression_rule()
        self.safe = _spin(0, 9, rule.bands.safe_max, _("Safe up to"))
        self.acceptable = _spin(1, 10, rule.bands.acceptable_max, _("Acceptable up to"))
        self.in_a_row = _spin(1, 8, rule.sessions_in_a_row, _("Sessions in a row"))
        for spin in (self.safe, self.acceptable, self.in_a_row):
            spin.valueChanged.connect(self._store)
        self.default_button = QPushButton(_("GLA:D default"))
        self.default_button.setToolTip(_("Safe 0-2, acceptable 3-5, two sessions in a row"))
        self.default_button.clicked.connect(self.reset)
        self.summary = hint("")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(_("Pain safe up to (NRS)"), self.safe)
        form.addRow(_("Pain acceptable up to (NRS)"), self.acceptable)
        form.addRow(_("Sessions gone well in a row before a level up"), self.in_a_row)
        form.addRow(self.default_button)
        form.addRow(self.summary)
        form.addRow(
            hint(
                _(
                    "Pain during an exercise, scored 0 to 10. Rugschool suggests one level up "
                    "after this many sessions in a row that went easily or with pain in the "
                    "safe band; pain above the acceptable band is talked over. Rugschool only "
                    "suggests: the level is decided with the participant."
                )
            )
        )
        self._show_rule()

    def _store(self) -> None:
        try:
            self._service.set_progression(
                self.safe.value(), self.acceptable.value(), self.in_a_row.value()
            )
        except RugschoolError as error:
            self.saved.emit(str(error))
            return
        self._show_rule()
        self._changed("progression")

    def reset(self) -> None:
        for spin, value in ((self.safe, GLAD_SAFE_MAX), (self.acceptable, GLAD_ACCEPTABLE_MAX)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.in_a_row.setValue(2)
        self._store()

    def _show_rule(self) -> None:
        rule = self._service.progression_rule()
        self.summary.setText(f"{rule.bands.label()}\n{rule.description()}")


class BackupBox(QGroupBox):
    """How often the automatic backup runs at start, and a second folder it is copied to."""

    saved = Signal(str)

    def __init__(self, service: SettingsService, changed: Changed) -> None:
        super().__init__(_("Automatic backups"))
        self._service, self._changed = service, changed
        every = service.get(BACKUP_EVERY_DAYS)
        self.every = _spin(0, 30, every, _("Back up at start every so many days"))
        self.every.setSpecialValueText(_("only when closing"))
        self.every.setSuffix(_(" days"))
        self.every.valueChanged.connect(self._store_every)
        self.folder = QLineEdit(service.get(BACKUP_FOLDER))
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(_("none"))
        self.folder.setAccessibleName(_("Second backup folder"))
        self.choose_button = QPushButton(_("Choose…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.clear_button = QPushButton(_("None"))
        self.clear_button.clicked.connect(lambda: self.set_folder(""))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        form = QFormLayout(self)
        form.addRow(_("Back up at start every"), self.every)
        form.addRow(_("Also copy to"), row)
        form.addRow(
            hint(
                _(
                    "A backup is made when the app starts (when the last one is this many days "
                    "old) and when it closes, in the backup folder of the data folder. A second "
                    "folder, on a network drive or a stick, keeps a copy away from this "
                    "laptop. Backups expire: 7 daily, 4 weekly and 12 monthly are kept."
                )
            )
        )

    def _store_every(self, days: int) -> None:
        self._service.set(BACKUP_EVERY_DAYS, days)
        self._changed(BACKUP_EVERY_DAYS.name)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Second backup folder"))
        if chosen:
            self.set_folder(chosen)

    def set_folder(self, folder: str) -> None:
        if folder and not Path(folder).is_dir():
            self.saved.emit(_("{path} is not a folder.").format(path=folder))
            return
        self._service.set(BACKUP_FOLDER, folder)
        self.folder.setText(folder)
        self._changed(BACKUP_FOLDER.name)


class RoomBox(QGroupBox):
    """The interface in the group room: larger for reading from a distance, high contrast."""

    def __init__(self, service: SettingsService, changed: Changed) -> None:
        super().__init__(_("In the group room"))
        self._service, self._changed = service, changed
        self.large_text = self._check(_("Large text (the whole interface)"), LARGE_TEXT)
        self.high_contrast = self._check(_("High contrast"), HIGH_CONTRAST)
        form = QFormLayout(self)
        form.addRow(self.large_text)
        form.addRow(self.high_contrast)
        form.addRow(
            hint(
                _(
                    "Large text scales every screen by half as much again, so the group can "
                    "read along on a projector or from three metres. High contrast uses black, "
                    "white and a strong focus colour. Light or dark follows the system."
                )
            )
        )

    def _check(self, text: str, key: SettingKey[bool]) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(self._service.get(key))
        box.toggled.connect(lambda on, k=key: self._store(k, on))
        return box

    def _store(self, key: SettingKey[bool], on: bool) -> None:
        self._service.set(key, on)
        self._changed(key.name)
