"""The small dialogs of the group screen: moving a session, adding people."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _
from rugschool.services.bundle import Services
from rugschool.services.groups import GroupRow
from rugschool.services.participants import matches
from rugschool.services.schedule import SessionRow
from rugschool.ui.row_table_model import ROW_ROLE
from rugschool.ui.schedule_models import (
    session_title,
)


class MoveDialog(QDialog):
    def __init__(self, session: SessionRow, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            _("Move {session}").format(session=session_title(session.kind, session.number))
        )
        at = session.starts_at
        self.edit = QDateTimeEdit(QDateTime(at.year, at.month, at.day, at.hour, at.minute, 0))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd-MM-yyyy HH:mm")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("New date and time")))
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    def moment(self) -> dt.datetime:
        value = self.edit.dateTime()
        day, time = value.date(), value.time()
        return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


class AddPeopleDialog(QDialog):
    """Search the participants not yet in this group, tick who joins."""

    def __init__(
        self, services: Services, group: GroupRow, parent: QWidget, *, catch_up: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add people to {group}").format(group=group.name))
        self.setMinimumSize(460, 480)
        enrolled = {e.participant_id for e in services.groups.enrollments(group.id)}
        self._rows = [
            r
            for r in services.participants.rows(sort=True)
            if r.id not in enrolled and not r.archived
        ]
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name…"))
        self.search.textChanged.connect(self._fill)
        self.list = QListWidget()
        self.waiting = QCheckBox(_("On the waiting list"))
        self.waiting.setVisible(not catch_up)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.search, self.list, self.waiting, buttons):
            layout.addWidget(widget)
        self._ticked: set[int] = set()
        self.list.itemChanged.connect(self._remember)
        self._fill("")

    def _fill(self, query: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for row in self._rows:
            if matches(row, query):
                item = QListWidgetItem(row.list_name)
                item.setData(ROW_ROLE, row.id)
                item.setFlags(item.flags() | item.flags().ItemIsUserCheckable)
                checked = row.id in self._ticked
                item.setCheckState(
                    item.checkState().Checked if checked else item.checkState().Unchecked
                )
                self.list.addItem(item)
        self.list.blockSignals(False)

    def _remember(self, item: QListWidgetItem) -> None:
        participant = int(item.data(ROW_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self._ticked.add(participant)
        else:
            self._ticked.discard(participant)

    def chosen(self) -> list[int]:
        return sorted(self._ticked)
