"""Adding or editing a participant. Errors keep the dialog open with a clear message; odd
contact details only warn; a likely duplicate asks before it is stored. When another
therapist saved the person after the form was opened, the save is refused and the form
shows what is stored now."""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import LANGUAGES, _
from rugschool.services.participants import (
    LikelyDuplicate,
    ParticipantDetail,
    ParticipantInput,
    ParticipantRow,
    ParticipantService,
)
from rugschool.services.region import region_words
from rugschool.services.validation import email_warning, parse_date_of_birth, phone_warning
from rugschool.ui.style import current_theme
from rugschool.ui.widgets import named, saved_or_reloaded

DATE_FORMAT = "dd-MM-yyyy"


class ConsentRow(QWidget):
    """A consent: ticked or not, and the date it was given (today when ticked)."""

    def __init__(self, label: str, given_on: dt.date | None) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(DATE_FORMAT)
        self.check.toggled.connect(self.date.setEnabled)
        self.set_value(given_on)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check, 1)
        row.addWidget(self.date)

    def set_value(self, given_on: dt.date | None) -> None:
        day = given_on or dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.check.setChecked(given_on is not None)
        self.date.setEnabled(given_on is not None)

    def value(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        day = self.date.date()
        return dt.date(day.year(), day.month(), day.day())


class ParticipantDialog(QDialog):
    def __init__(
        self,
        service: ParticipantService,
        detail: ParticipantDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._detail = service, detail
        self.saved: ParticipantRow | None = None
        data = detail.data if detail else ParticipantInput(first_name="", last_name="")
        self.setWindowTitle(_("Edit participant") if detail else _("New participant"))
        self.setMinimumWidth(560)
        self.first_name = QLineEdit()
        self.name_prefix = QLineEdit()
        self.name_prefix.setPlaceholderText(_("e.g. van der"))
        self.name_prefix.setMaximumWidth(120)
        self.last_name = QLineEdit()
        self.date_of_birth = QLineEdit()
        self.date_of_birth.setPlaceholderText(_("dd-mm-jjjj"))
        self.date_of_birth.setMaximumWidth(140)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("06-12345678")
        self.email = QLineEdit()
        self.referrer = QLineEdit()
        self.referrer.setPlaceholderText(_("GP or specialist; may stay empty"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.consent_report = ConsentRow(
            _("A report to the GP or referrer"), data.consent_report_on
        )
        self.consent_media = ConsentRow(_("Photos or video during sessions"), data.consent_media_on)
        self.consent_research = ConsentRow(
            _("Pseudonymised data for research or a registry"), data.consent_research_on
        )
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setToolTip(_("The language of their handouts"))
        self.message = named(QLabel(), "formMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.phone, self.email):
            edit.editingFinished.connect(self._show_warnings)
        self._fill(data)
        self._build()

    def _fill(self, data: ParticipantInput) -> None:
        """Shows `data` in the form (when opened, and after a refused save)."""
        self.first_name.setText(data.first_name)
        self.name_prefix.setText(data.name_prefix)
        self.last_name.setText(data.last_name)
        born = data.date_of_birth.strftime("%d-%m-%Y") if data.date_of_birth else ""
        self.date_of_birth.setText(born)
        self.phone.setText(data.phone)
        self.email.setText(data.email)
        self.referrer.setText(data.referrer)
        self.notes.setPlainText(data.notes)
        self.consent_report.set_value(data.consent_report_on)
        self.consent_media.set_value(data.consent_media_on)
        self.consent_research.set_value(data.consent_research_on)
        self.language.setCurrentIndex(max(0, self.language.findData(data.language)))

    def _build(self) -> None:
        names = QHBoxLayout()
        names.addWidget(self.first_name, 2)
        names.addWidget(self.name_prefix, 1)
        names.addWidget(self.last_name, 3)
        form = QFormLayout()
        form.addRow(_("First name, prefix, last name"), names)
        form.addRow(_("Date of birth"), self.date_of_birth)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("E-mail"), self.email)
        form.addRow(_("Referrer"), self.referrer)
        form.addRow(_("Handout language"), self.language)
        form.addRow(_("Notes"), self.notes)
        consents = QGroupBox(_("Consent"))
        column = QVBoxLayout(consents)
        for row in (self.consent_report, self.consent_media, self.consent_research):
            column.addWidget(row)
        hint = named(
            QLabel(
                _(
                    "Rugschool stores no citizen service number and nothing from the "
                    "{insurer}: your own record system stays the legal file."
                ).format(insurer=region_words(self._service.region()).insurer)
            ),
            "hint",
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(consents)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def data(self) -> ParticipantInput:
        """What is typed, as input for the service; an unreadable date raises."""
        return ParticipantInput(
            first_name=self.first_name.text(),
            name_prefix=self.name_prefix.text(),
            last_name=self.last_name.text(),
            date_of_birth=parse_date_of_birth(self.date_of_birth.text()),
            phone=self.phone.text(),
            email=self.email.text(),
            referrer=self.referrer.text(),
            notes=self.notes.toPlainText(),
            consent_report_on=self.consent_report.value(),
            consent_media_on=self.consent_media.value(),
            consent_research_on=self.consent_research.value(),
            language=str(self.language.currentData()),
        )

    def _show_warnings(self) -> None:
        warnings = [
            w for w in (phone_warning(self.phone.text()), email_warning(self.email.text())) if w
        ]
        self._say(" ".join(warnings), error=False)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setProperty("error", error)
        theme = current_theme()
        self.message.setStyleSheet(f"color: {theme.error if error else theme.warning};")
        self.message.setText(text)

    def save(self) -> None:
        report = functools.partial(self._say, error=True)
        if saved_or_reloaded(self._store, self._reload, report) and self.saved is not None:
            self.accept()

    def _store(self) -> None:
        data = self.data()
        if self._detail is not None:
            detail = self._detail
            self.saved = self._service.update(detail.id, data, version=detail.version)
        else:
            self.saved = self._create(data)

    def _reload(self) -> None:
        """The person as stored now, and the version the next save is based on."""
        assert self._detail is not None
        self._detail = self._service.get(self._detail.id)
        self._fill(self._detail.data)

    def _create(self, data: ParticipantInput) -> ParticipantRow | None:
        try:
            return self._service.create(data)
        except LikelyDuplicate as duplicate:
            answer = QMessageBox.question(
                self,
                _("Possibly a duplicate"),
                str(duplicate) + "\n\n" + _("Add this person anyway?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            return self._service.create(data, allow_duplicate=True)
