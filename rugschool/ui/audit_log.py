"""The audit log on screen (Instellingen → "View the audit log…"): newest first, filtered by
participant number, therapist, action and period, and exported to a spreadsheet file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _
from rugschool.services.audit import (
    ACTION_NAMES,
    AuditAction,
    AuditRow,
    AuditService,
    write_audit_csv,
)
from rugschool.services.therapists import TherapistService
from rugschool.ui.widgets import house_table, named

SHOWN = 2000  # rows on screen; the export holds everything that matches


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class AuditLogDialog(QDialog):
    def __init__(
        self, audit: AuditService, therapists: TherapistService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Audit log"))
        self.resize(900, 600)
        self._audit = audit
        self.participant = QLineEdit()
        self.participant.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.participant.setPlaceholderText(_("all"))
        self.participant.setAccessibleName(_("Participant number"))
        self.therapist = QComboBox()
        self.therapist.addItem(_("all"), None)
        for row in therapists.rows():
            self.therapist.addItem(row.name, row.id)
        self.action = QComboBox()
        self.action.addItem(_("all"), None)
        for action, name in ACTION_NAMES.items():
            self.action.addItem(_(name), action.value)
        today = dt.date.today()
        self.since = QDateEdit(_qdate(today - dt.timedelta(days=90)))
        self.until = QDateEdit(_qdate(today))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        for signal in (
            self.participant.textChanged,
            self.therapist.currentIndexChanged,
            self.action.currentIndexChanged,
            self.since.dateChanged,
            self.until.dateChanged,
        ):
            signal.connect(self.reload)
        self.table = house_table(QTableWidget(0, 5))
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("Therapist"), _("Action"), _("Participant number"), _("What")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = named(QLabel(), "formMessage")
        export = QPushButton(_("Export…"))
        export.clicked.connect(self.ask_export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        filters = QFormLayout()
        filters.addRow(_("Participant number"), self.participant)
        filters.addRow(_("Therapist"), self.therapist)
        filters.addRow(_("Action"), self.action)
        period = QHBoxLayout()
        period.addWidget(self.since)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.until)
        period.addStretch(1)
        filters.addRow(_("Period"), period)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(export)
        bottom.addWidget(buttons)
        about = QLabel(
            _(
                "Who opened, changed, printed, exported or erased whose data, and when. "
                "People are named by number only; the log cannot be changed."
            )
        )
        about.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.reload()

    def matching(self, limit: int | None = SHOWN) -> list[AuditRow]:
        text = self.participant.text().strip()
        action = self.action.currentData()
        return self._audit.rows(
            participant_id=int(text) if text.isdigit() else None,
            therapist_id=self.therapist.currentData(),
            action=AuditAction(action) if action else None,
            since=_pydate(self.since.date()),
            until=_pydate(self.until.date()),
            limit=limit,
        )

    def reload(self) -> None:
        rows = self.matching()
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            local = row.at.replace(tzinfo=dt.UTC).astimezone()
            cells = (
                local.strftime("%d-%m-%Y %H:%M"),
                row.therapist,
                row.action_text,
                "" if row.participant_id is None else str(row.participant_id),
                row.detail_text,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(i, column, item)
        self.count.setText(
            _("{n} entries (the newest {shown} are shown)").format(n=len(rows), shown=SHOWN)
            if len(rows) >= SHOWN
            else _("{n} entries").format(n=len(rows))
        )

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the audit log"), "auditlog.csv", _("Spreadsheet (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        rows = self.matching(limit=None)
        try:
            write_audit_csv(rows, path)
        except OSError as error:
            self.count.setText(
                _("{path} could not be written: {reason}").format(
                    path=path, reason=error.strerror or error
                )
            )
            return
        self.count.setText(_("{n} entries exported to {path}.").format(n=len(rows), path=path))
