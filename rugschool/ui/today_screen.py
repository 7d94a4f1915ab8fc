"""Vandaag: today's and the coming sessions, and the appointments that are due; one action
(double-click or Enter) starts a session."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import N_, _
from rugschool.services.bundle import Services
from rugschool.services.measures import DueMeasure
from rugschool.services.schedule import AppointmentRow, SessionRow
from rugschool.services.schedule_rules import APPOINTMENT_NAMES
from rugschool.services.scoring import OVERDUE_REACH
from rugschool.ui.events import Events
from rugschool.ui.formatting import date_text
from rugschool.ui.measures_due_model import MeasuresDueModel
from rugschool.ui.progress_window import ProgressWindow
from rugschool.ui.row_table_model import ROW_ROLE, Column, RowTableModel
from rugschool.ui.schedule_models import WEEKDAY_NAMES, session_title
from rugschool.ui.widgets import SESSION_WINDOW, make_table, named

if TYPE_CHECKING:
    from rugschool.ui.session_window import SessionWindow

DAYS_AHEAD = 14


def _when(moment: dt.datetime) -> str:
    today = dt.date.today()
    if moment.date() == today:
        day = _("today")
    elif moment.date() == today + dt.timedelta(days=1):
        day = _("tomorrow")
    else:
        day = f"{_(WEEKDAY_NAMES[moment.weekday()])} {date_text(moment.date())}"
    return f"{day} {moment:%H:%M}"


class SessionsModel(RowTableModel[SessionRow]):
    columns = (
        Column(N_("When"), lambda s: _when(s.starts_at), lambda s: s.starts_at.isoformat()),
        Column(N_("Group"), lambda s: s.group_name),
        Column(N_("Session"), lambda s: session_title(s.kind, s.number)),
        Column(N_("Lead"), lambda s: s.lead or "—"),
    )


class AppointmentsModel(RowTableModel[tuple[AppointmentRow, str, str]]):
    columns = (
        Column(N_("Due"), lambda a: date_text(a[0].due_on), lambda a: a[0].due_on.isoformat()),
        Column(N_("Participant"), lambda a: a[1]),
        Column(N_("Appointment"), lambda a: _(APPOINTMENT_NAMES.get(a[0].kind, a[0].kind))),
        Column(N_("Group"), lambda a: a[2]),
    )


def session_running() -> bool:
    """A session window is open: the therapist is running a session (no idle lock then)."""
    return any(
        w.objectName() == SESSION_WINDOW and w.isVisible() for w in QApplication.topLevelWidgets()
    )


class TodayScreen(QWidget):
    message = Signal(str)

    def __init__(self, services: Services, events: Events, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.events = services, events
        self.windows: list[SessionWindow] = []  # kept: a window without an owner would go
        self.sessions = SessionsModel(self._load_sessions, self)
        self.appointments = AppointmentsModel(self._load_appointments, self)
        self.session_table = make_table(self.sessions)
        self.session_table.doubleClicked.connect(lambda _i: self.start_selected())
        self.appointment_table = make_table(self.appointments)
        self.measures = MeasuresDueModel(self._load_measures, self)
        self.measure_table = make_table(self.measures)
        self.measure_table.setToolTip(
            _(
                "Double-click to enter the measures. A missed moment stays here for half a "
                "year after its due date; older ones are in the person's progress window."
            )
        )
        self.appointment_table.setToolTip(
            _(
                "A missed appointment stays here for half a year after its due date; older "
                "ones are in the person's enrollment."
            )
        )
        self.measure_table.doubleClicked.connect(lambda _i: self.open_measures())
        self.start_button = named(QPushButton(_("Start the session")), "primaryButton")
        self.start_button.clicked.connect(self.start_selected)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            start = QShortcut(QKeySequence(enter), self.session_table, self.start_selected)
            start.setContext(Qt.ShortcutContext.WidgetShortcut)  # not while typing elsewhere
            start.setWhatsThis(_("Start the chosen session (in the list on Today)"))
        self.session_table.setAccessibleName(_("Today's and the coming sessions"))
        for table in (self.session_table, self.appointment_table, self.measure_table):
            table.setTabKeyNavigation(False)  # Tab leaves a table; the arrows choose a row
        self.appointment_table.setAccessibleName(_("Appointments due"))
        self.measure_table.setAccessibleName(_("Measures due or overdue"))
        self.start_button.setToolTip(_("Open the chosen session in a window of its own (Enter)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(named(QLabel(_("Today")), "screenTitle"))
        layout.addWidget(named(QLabel(_("Today's and the coming sessions")), "themeTitle"))
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.session_table, 3)
        due = QHBoxLayout()
        for title, table, share in (
            (_("Appointments due"), self.appointment_table, 2),
            (_("Measures due or overdue"), self.measure_table, 3),
        ):
            column = QVBoxLayout()
            column.addWidget(named(QLabel(title), "themeTitle"))
            column.addWidget(table)
            due.addLayout(column, share)
        layout.addLayout(due, 2)
        events.groups_changed.connect(self.reload)
        events.participants_changed.connect(self.reload)
        if self.sessions.rowCount():
            self.session_table.selectRow(0)

    def reload(self) -> None:
        self.sessions.reload()
        self.appointments.reload()
        self.measures.reload()

    def _load_measures(self) -> list[DueMeasure]:
        return self.services.measures.due(dt.date.today())

    def open_measures(self) -> ProgressWindow | None:
        """The chosen person's progress window, on its measures."""
        rows = self.measure_table.selectionModel().selectedRows()
        due = rows[0].data(ROW_ROLE) if rows else None
        if not isinstance(due, DueMeasure):
            return None
        found = [
            e for e in self.services.groups.enrollments_of(due.participant_id)
            if e.id == due.enrollment_id
        ]  # fmt: skip
        if not found:
            return None
        from rugschool.ui.progress_window import ProgressWindow

        window = ProgressWindow(self.services, self.events, found[0], self)
        window.show_measures()
        window.show()
        return window

    def _load_sessions(self) -> list[SessionRow]:
        start = dt.datetime.combine(dt.date.today(), dt.time())
        return self.services.schedule.upcoming(start, DAYS_AHEAD)

    def _load_appointments(self) -> list[tuple[AppointmentRow, str, str]]:
        today = dt.date.today()
        return self.services.schedule.due_appointments(
            today + dt.timedelta(days=7), today - OVERDUE_REACH
        )

    def selected(self) -> SessionRow | None:
        rows = self.session_table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, SessionRow) else None

    def start_selected(self) -> SessionWindow | None:
        from rugschool.ui.session_window import open_session

        session = self.selected()
        if session is None:
            self.message.emit(_("Choose a session first."))
            return None
        window = open_session(self.services, session, self.message.emit)
        if window is not None:
            self.windows.append(window)
        return window
