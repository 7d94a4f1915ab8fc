"""Instellingen: the practice (name, address, logo and region: printed on every PDF), the
therapists, the pain bands and progression rule, the room (large text, high contrast),
automatic backups, privacy and the language. Every change is stored as it is made; there is
no Save button."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import LANGUAGES, _
from rugschool.services.audit import AuditService
from rugschool.services.region import region_words
from rugschool.services.settings import SettingsService
from rugschool.services.therapists import TherapistRow, TherapistService
from rugschool.settings import LANGUAGE, PRACTICE_ADDRESS, PRACTICE_LOGO, PRACTICE_NAME, REGION
from rugschool.ui.events import Events
from rugschool.ui.privacy_settings import PrivacyBox, SecretDialog
from rugschool.ui.settings_boxes import BackupBox, ProgressionBox, RoomBox
from rugschool.ui.widgets import hint, named

LOGO_MAX_SIZE = (800, 400)  # pixels; enough for a sharp header on A4
IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.svg *.webp"


def logo_png(image: QImage) -> bytes:
    """The picture scaled down to fit LOGO_MAX_SIZE, as PNG bytes."""
    width, height = LOGO_MAX_SIZE
    if image.width() > width or image.height() > height:
        image = image.scaled(
            width,
            height,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    buffer.close()
    return bytes(data.data())


class SettingsScreen(QWidget):
    saved = Signal(str)  # a short message for the status bar

    def __init__(
        self,
        service: SettingsService,
        events: Events,
        therapists: TherapistService | None = None,
        audit: AuditService | None = None,
        parent: QWidget | None = None,
        *,
        clinic_mode: bool = False,
    ):
        super().__init__(parent)
        self._service, self._events, self._therapists = service, events, therapists
        self.privacy: PrivacyBox | None = None
        if therapists is not None and audit is not None:
            self.privacy = PrivacyBox(service, therapists, audit)
            self.privacy.saved.connect(self.saved)
        self.name_edit = QLineEdit(service.get(PRACTICE_NAME))
        self.name_edit.setPlaceholderText(_("e.g. Fysiotherapie De Linde"))
        self.name_edit.textEdited.connect(self._store_name)
        self.address_edit = QPlainTextEdit(service.get(PRACTICE_ADDRESS))
        self.address_edit.setPlaceholderText(_("Street and number\nPostcode and town"))
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(92)
        self.address_edit.textChanged.connect(self._store_address)
        self.logo_preview = named(QLabel(), "logoPreview")
        self.logo_preview.setFixedSize(240, 90)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_logo_button = QPushButton(_("Choose…"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(_("Remove"))
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.language_combo = QComboBox()
        for code, label in LANGUAGES.items():
            self.language_combo.addItem(label, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(service.get(LANGUAGE)))
        self.language_combo.currentIndexChanged.connect(self._store_language)
        self.region_combo = QComboBox()
        self.region_combo.addItem(_("Netherlands"), "nl")
        self.region_combo.addItem(_("Flanders"), "be")
        self.region_combo.setCurrentIndex(self.region_combo.findData(service.get(REGION)))
        self.region_combo.currentIndexChanged.connect(self._store_region)
        self.therapist_list = QListWidget()
        self.therapist_list.setMaximumHeight(150)
        self.therapist_list.itemDoubleClicked.connect(lambda _item: self.rename_therapist())
        self.therapist_name = QLineEdit()
        self.therapist_name.setPlaceholderText(_("Name of a therapist"))
        self.therapist_name.setAccessibleName(_("Name of a therapist"))
        self.therapist_name.returnPressed.connect(self.add_therapist)
        self.add_therapist_button = QPushButton(_("Add"))
        self.add_therapist_button.clicked.connect(self.add_therapist)
        self.toggle_therapist_button = QPushButton(_("Active / not active"))
        self.toggle_therapist_button.clicked.connect(self.toggle_therapist)
        self.secret_button = QPushButton(_("Password or PIN…"))
        self.secret_button.clicked.connect(self.ask_secret)
        self.region_words = hint("")
        self._show_region_words()
        self.progression = ProgressionBox(service, self._changed)
        self.progression.saved.connect(self.saved)
        # Clinic mode: the server's backups, not the app's.
        self.backups = None if clinic_mode else BackupBox(service, self._changed)
        if self.backups is not None:
            self.backups.saved.connect(self.saved)
        self.room = RoomBox(service, self._changed)
        self._fill_therapists()
        self._show_logo(service.get(PRACTICE_LOGO))
        self._build()

    def _build(self) -> None:
        practice = QGroupBox(_("Practice"))
        form = QFormLayout(practice)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_("Name"), self.name_edit)
        form.addRow(_("Address"), self.address_edit)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        form.addRow(_("Logo"), logo_row)
        form.addRow(_("Region"), self.region_combo)
        form.addRow(self.region_words)
        form.addRow(
            hint(_("The name, address and logo head every handout, summary and report you print.")),
        )
        language = QGroupBox(_("Language"))
        language_form = QFormLayout(language)
        language_form.addRow(_("Language of the app"), self.language_combo)
        language_form.addRow(
            hint(
                _(
                    "The language of the screens and of the documents you print. "
                    "Dutch is the default."
                )
            ),
        )

        therapists = QGroupBox(_("Therapists"))
        column_t = QVBoxLayout(therapists)
        column_t.addWidget(self.therapist_list)
        adding = QHBoxLayout()  # the name gets room of its own; the actions below it
        adding.addWidget(self.therapist_name, 1)
        adding.addWidget(self.add_therapist_button)
        acting = QHBoxLayout()
        acting.addWidget(self.toggle_therapist_button)
        acting.addWidget(self.secret_button)
        acting.addStretch(1)
        column_t.addLayout(adding)
        column_t.addLayout(acting)
        column_t.addWidget(
            hint(
                _(
                    "Who leads and assists the groups. Double-click a name to change it. "
                    "A therapist who no longer works here is set to not active: their sessions "
                    "keep their name. Each therapist is also a profile on the lock screen, "
                    "with a password or PIN if you give one."
                )
            )
        )

        title = named(QLabel(_("Settings")), "screenTitle")
        subtitle = named(QLabel(_("Changes are stored as you make them.")), "screenSubtitle")
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(28, 24, 28, 24)
        column.setSpacing(16)
        boxes = (practice, therapists, self.progression, self.room, self.backups, self.privacy)
        for widget in (title, subtitle, *boxes, language):
            if widget is not None:
                column.addWidget(widget)
        column.addStretch(1)
        content.setMaximumWidth(760)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # -------------------------------------------------------------- storing

    def _store_name(self, text: str) -> None:
        self._service.set(PRACTICE_NAME, text.strip())
        self._changed(PRACTICE_NAME.name)

    def _store_address(self) -> None:
        self._service.set(PRACTICE_ADDRESS, self.address_edit.toPlainText().strip())
        self._changed(PRACTICE_ADDRESS.name)

    def _store_language(self) -> None:
        code = self.language_combo.currentData()
        self._service.set(LANGUAGE, code)
        self._changed(LANGUAGE.name)
        self._events.language_changed.emit(code)

    def _store_region(self) -> None:
        self._service.set(REGION, self.region_combo.currentData())
        self._show_region_words()
        if self.privacy is not None:
            self.privacy.show_legal_term()  # 20 or 30 years
        self._changed(REGION.name)

    def _show_region_words(self) -> None:
        words = region_words(self._service.get(REGION))
        self.region_words.setText(
            _(
                "On paper and on screen: {therapist}, {insurer}. Records are kept {years} "
                "years after the last contact by law."
            ).format(therapist=words.therapist, insurer=words.insurer, years=words.retention_years)
        )

    # -------------------------------------------------------------- therapists

    def _fill_therapists(self) -> None:
        self.therapist_list.clear()
        if self._therapists is None:
            return
        for row in self._therapists.rows():
            label = row.name if row.active else _("{name} (not active)").format(name=row.name)
            if row.has_secret:
                label += "  · " + _("password or PIN set")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row)
            self.therapist_list.addItem(item)

    def _selected_therapist(self) -> TherapistRow | None:
        item = self.therapist_list.currentItem()
        row = item.data(Qt.ItemDataRole.UserRole + 1) if item else None
        return row if isinstance(row, TherapistRow) else None

    def add_therapist(self) -> None:
        if self._therapists is None:
            return
        try:
            row = self._therapists.add(self.therapist_name.text())
        except RugschoolError as error:
            self.saved.emit(str(error))
            return
        self.therapist_name.clear()
        self._therapists_changed(_("{name} added.").format(name=row.name))

    def toggle_therapist(self) -> None:
        row = self._selected_therapist()
        if row is None or self._therapists is None:
            return
        self._therapists.set_active(row.id, not row.active)
        self._therapists_changed(_("Saved."))

    def ask_secret(self) -> None:
        row = self._selected_therapist()
        if row is None or self._therapists is None:
            self.saved.emit(_("Choose a therapist in the list first."))
            return
        if SecretDialog(self._therapists, row, self).exec():
            self._therapists_changed(_("Saved."))

    def rename_therapist(self) -> None:
        row = self._selected_therapist()
        if row is None or self._therapists is None:
            return
        name, ok = QInputDialog.getText(self, _("Change the name"), _("Name"), text=row.name)
        if ok:
            try:
                self._therapists.rename(row.id, name)
            except RugschoolError as error:
                self.saved.emit(str(error))
                return
            self._therapists_changed(_("Saved."))

    def _therapists_changed(self, text: str) -> None:
        self._fill_therapists()
        self._events.groups_changed.emit()
        self.saved.emit(text)

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the practice logo"), "", _("Pictures") + f" ({IMAGE_FILTER})"
        )
        if path:
            self.set_logo_from_file(path)

    def set_logo_from_file(self, path: str) -> None:
        image = QImage(path)
        if image.isNull():
            self.saved.emit(_("That file is not a picture Rugschool can read."))
            return
        try:
            self._service.set(PRACTICE_LOGO, logo_png(image))
        except RugschoolError as error:
            self.saved.emit(str(error))
            return
        self._show_logo(self._service.get(PRACTICE_LOGO))
        self._changed(PRACTICE_LOGO.name)

    def remove_logo(self) -> None:
        self._service.set(PRACTICE_LOGO, b"")
        self._show_logo(b"")
        self._changed(PRACTICE_LOGO.name)

    def _show_logo(self, png: bytes) -> None:
        pixmap = QPixmap()
        if png and pixmap.loadFromData(png):
            size = self.logo_preview.size()
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.remove_logo_button.setEnabled(bool(png))

    def _changed(self, key: str) -> None:
        self._events.settings_changed.emit(key)
        self.saved.emit(_("Saved."))
