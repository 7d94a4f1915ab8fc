"""The days the practice is closed: no group meets, the courses run on after them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _, ngettext
from rugschool.services.schedule import ScheduleService
from rugschool.ui.formatting import date_text
from rugschool.ui.widgets import named


class ClosedDaysDialog(QDialog):
    def __init__(self, schedule: ScheduleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schedule = schedule
        self.changed = False
        self.setWindowTitle(_("Closed days"))
        self.setMinimumSize(440, 420)
        self.list = QListWidget()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        today = dt.date.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. Christmas"))
        add = QPushButton(_("Close this day"))
        add.clicked.connect(self.add_selected_day)
        remove = QPushButton(_("Open again"))
        remove.clicked.connect(self.remove_selected)
        self.message = named(QLabel(), "hint")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        row = QHBoxLayout()
        for widget in (self.day, self.reason, add):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        explanation = QLabel(
            _(
                "Sessions on a closed day move on to the next meeting day; "
                "the rest of the course follows. Held sessions never move."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for closed in self.schedule.closed_days():
            item = QListWidgetItem(f"{date_text(closed.day)}  {closed.reason}".strip())
            item.setData(Qt.ItemDataRole.UserRole, closed.day.isoformat())
            self.list.addItem(item)

    def add_selected_day(self) -> None:
        day = self.day.date()
        self.add_day(dt.date(day.year(), day.month(), day.day()), self.reason.text())

    def add_day(self, day: dt.date, reason: str) -> None:
        moved = self.schedule.add_closed_day(day, reason)
        self.changed = True
        self.reason.clear()
        self._fill()
        self.message.setText(
            ngettext("{n} session moved on.", "{n} sessions moved on.", moved).format(n=moved)
        )

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.schedule.remove_closed_day(
                dt.date.fromisoformat(item.data(Qt.ItemDataRole.UserRole))
            )
            self.changed = True
            self._fill()
            self.message.setText(
                _(
                    "The day is open again. Sessions that moved stay where they "
                    "are; move them back by hand if you wish."
                )
            )
