"""Groepen: the groups on the left; the chosen group's schedule and people on the right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _, ngettext
from rugschool.services.bundle import Services
from rugschool.services.groups import GroupRow
from rugschool.ui.closed_days_dialog import ClosedDaysDialog
from rugschool.ui.events import Events
from rugschool.ui.group_detail import GroupDetail
from rugschool.ui.group_dialog import GroupDialog
from rugschool.ui.group_table_model import GroupTableModel
from rugschool.ui.row_table_model import ROW_ROLE, SORT_ROLE
from rugschool.ui.widgets import make_table, named


def _plan_changed(before: GroupRow, after: GroupRow) -> bool:
    """Only a change to when the group meets re-plans its sessions still to come; a new
    name or location leaves sessions moved by hand where they are."""
    fields = (
        "start_date",
        "weekdays",
        "start_time",
        "kind",
        "exercise_sessions",
        "education_sessions",
        "minutes",
    )
    return any(getattr(before, f) != getattr(after, f) for f in fields)


class GroupsScreen(QWidget):
    message = Signal(str)

    def __init__(self, services: Services, events: Events, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.events = services, events
        self.model = GroupTableModel(services.groups, events, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = make_table(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the newest first
        for column in (1, 4):  # location and therapists: in the detail
            self.table.hideColumn(column)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.detail = GroupDetail(services, events)
        self.detail.message.connect(self.message)
        self.count_label = named(QLabel(), "screenSubtitle")
        self.new_button = named(QPushButton(_("New group…")), "primaryButton")
        self.new_button.clicked.connect(self.add)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.closed_button = QPushButton(_("Closed days…"))
        self.closed_button.setToolTip(_("Holidays and other days the practice is closed"))
        self.closed_button.clicked.connect(self.edit_closed_days)
        self.new_button.setToolTip(_("Plan a new group with its schedule (Ctrl+N)"))
        self.edit_button.setToolTip(_("Edit the chosen group (Enter or double-click)"))
        self.table.setAccessibleName(_("Groups"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows choose a row
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            edit = QShortcut(QKeySequence(enter), self.table, self.edit_selected)
            edit.setContext(Qt.ShortcutContext.WidgetShortcut)
            edit.setWhatsThis(_("Edit the chosen group (in the list)"))
        QShortcut(QKeySequence("Ctrl+N"), self, self.add).setWhatsThis(_("New group (on Groups)"))
        self._layout()
        self.model.modelReset.connect(self._after_reload)
        self._after_reload()

    def _layout(self) -> None:
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.edit_button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.closed_button)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 900])
        self.table.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(named(QLabel(_("Groups")), "screenTitle"))
        layout.addWidget(self.count_label)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)

    def _after_reload(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(ngettext("{n} group", "{n} groups", n).format(n=n))
        chosen = self.detail.group.id if self.detail.group else None
        self.select(chosen) if chosen else self._select_row(0)
        self.edit_button.setEnabled(n > 0)

    def _select_row(self, row: int) -> None:
        if self.proxy.rowCount() > row:
            self.table.selectRow(row)
        else:
            self.detail.show_group(None)

    def select(self, group_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0).data(ROW_ROLE)
            if isinstance(group, GroupRow) and group.id == group_id:
                self.table.selectRow(row)
                self.detail.show_group(group)
                return
        self._select_row(0)

    def selected(self) -> GroupRow | None:
        rows = self.table.selectionModel().selectedRows()
        group = rows[0].data(ROW_ROLE) if rows else None
        return group if isinstance(group, GroupRow) else None

    def _show_selected(self) -> None:
        self.detail.show_group(self.selected())

    def add(self) -> None:
        dialog = GroupDialog(self.services.groups, self.services.therapists.rows(), parent=self)
        if dialog.exec() and dialog.saved:
            # A new group's whole course, even when its start date lies behind us.
            start = dialog.saved.start_date or dt.date.today()
            self.services.schedule.create_sessions(
                dialog.saved.id, now=dt.datetime.combine(start, dt.time())
            )
            self.events.groups_changed.emit()
            self.select(dialog.saved.id)
            self.message.emit(
                _("Group {name} created, with its schedule.").format(name=dialog.saved.name)
            )

    def edit_closed_days(self) -> None:
        dialog = ClosedDaysDialog(self.services.schedule, self)
        dialog.exec()
        if dialog.changed:
            self.events.groups_changed.emit()

    def edit_selected(self) -> None:
        selected = self.selected()
        if selected is None:
            return
        group = self.services.groups.get(selected.id)  # as stored now, not as listed
        dialog = GroupDialog(
            self.services.groups, self.services.therapists.rows(), group, parent=self
        )
        if dialog.exec() and dialog.saved:
            if _plan_changed(group, dialog.saved):
                self.services.schedule.create_sessions(group.id)  # the sessions still to come
            self.events.groups_changed.emit()
            self.select(group.id)
            self.message.emit(_("Saved."))
