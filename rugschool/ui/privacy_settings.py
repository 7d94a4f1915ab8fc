"""Instellingen → Privacy: the idle lock, the retention term, the audit log; and the dialog
that gives a therapist's profile a password or PIN."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services.audit import AuditService
from rugschool.services.privacy_rules import retention_term
from rugschool.services.settings import SettingsService
from rugschool.services.therapists import TherapistRow, TherapistService
from rugschool.settings import IDLE_LOCK_MINUTES, REGION, RETENTION_YEARS
from rugschool.ui.audit_log import AuditLogDialog
from rugschool.ui.widgets import hint, named, stored


class SecretDialog(QDialog):
    """A new password or PIN for one profile, typed twice; "No password" removes it."""

    def __init__(
        self, therapists: TherapistService, row: TherapistRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Password or PIN for {name}").format(name=row.name))
        self._therapists, self._row = therapists, row
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = named(QLabel(), "formMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.remove = buttons.addButton(_("No password"), QDialogButtonBox.ButtonRole.ResetRole)
        self.remove.setEnabled(row.has_secret)
        self.remove.clicked.connect(self.clear)
        form = QFormLayout()
        form.addRow(_("New password or PIN"), self.first)
        form.addRow(_("Once more"), self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _(
                    "At least four characters. The lock screen asks for it; it is stored "
                    "only as a hash, so nobody can read it back. Forgotten? Another "
                    "therapist sets a new one here."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        if self.first.text() != self.second.text():
            self.message.setText(_("The two do not match; type them again."))
            return
        if not self.first.text():
            self.message.setText(_("Type a password or PIN, or choose No password."))
            return
        try:
            self._therapists.set_secret(self._row.id, self.first.text())
        except RugschoolError as error:
            self.message.setText(str(error))
            return
        self.accept()

    def clear(self) -> None:
        try:
            self._therapists.set_secret(self._row.id, None)
        except RugschoolError as error:
            self.message.setText(str(error))
            return
        self.accept()


class PrivacyBox(QGroupBox):
    saved = Signal(str)

    def __init__(
        self,
        settings: SettingsService,
        therapists: TherapistService,
        audit: AuditService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Privacy"), parent)
        self._settings, self._therapists, self._audit = settings, therapists, audit
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(_(" min"))
        self.idle.setSpecialValueText(_("never"))
        self.idle.setValue(settings.get(IDLE_LOCK_MINUTES))
        self.idle.valueChanged.connect(self._store_idle)
        self.retention = QSpinBox()
        self.retention.setRange(0, 115)
        self.retention.setSuffix(_(" years"))
        self.retention.setValue(settings.get(RETENTION_YEARS))
        self.retention.valueChanged.connect(self._store_retention)
        self.show_legal_term()
        log = QPushButton(_("View the audit log…"))
        log.clicked.connect(self.show_log)
        form = QFormLayout(self)
        form.addRow(_("Lock after"), self.idle)
        form.addRow(
            hint(
                _(
                    "Without keyboard or mouse for this long, Rugschool locks itself and "
                    "hides every name; Ctrl+L locks at once. Never while a session runs."
                )
            )
        )
        form.addRow(_("Keep records"), self.retention)
        form.addRow(
            hint(
                _(
                    "How long after the last contact a record is kept; 0 follows the law of "
                    "the region (20 years in the Netherlands, 30 in Flanders). Records past "
                    "the term are listed for review under Participants."
                )
            )
        )
        form.addRow(log)

    def show_legal_term(self) -> None:
        term = retention_term(0, self._settings.get(REGION))
        self.retention.setSpecialValueText(_("legal term ({n} years)").format(n=term))

    def _store_idle(self, minutes: int) -> None:
        self._said(stored(lambda: self._settings.set(IDLE_LOCK_MINUTES, minutes), self.saved.emit))

    def _store_retention(self, years: int) -> None:
        self._said(stored(lambda: self._settings.set(RETENTION_YEARS, years), self.saved.emit))

    def _said(self, done: bool) -> None:
        if done:
            self.saved.emit(_("Saved."))

    def show_log(self) -> AuditLogDialog:
        dialog = AuditLogDialog(self._audit, self._therapists, self)
        dialog.show()
        return dialog
