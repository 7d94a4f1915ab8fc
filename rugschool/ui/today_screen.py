"""Vandaag: today's and the coming sessions, and the appointments that are due; one action
(double-click or Enter) starts a session."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import N_, _
from rugschool.services.bundle import Services
from rugschool.services.measures import DueMeasure
from rugschool.services.schedule import AppointmentRow, SessionRow
from rugschool.services.schedule_rules import APPOINTMENT_NAMES
from rugschool.services.therapists import TherapistRow
from rugschool.ui.documents import DocumentActions
from rugschool.ui.education_runner import EducationRunner
from rugschool.ui.events import Events
from rugschool.ui.exercise_runner import ExerciseRunner
from rugschool.ui.formatting import date_text
from rugschool.ui.group_documents import GroupDocuments
from rugschool.ui.measures_due_model import MeasuresDueModel
from rugschool.ui.presenter import PresenterWindow, open_presenter
from rugschool.ui.progress_window import ProgressWindow
from rugschool.ui.row_table_model import ROW_ROLE, Column, RowTableModel
from rugschool.ui.schedule_models import WEEKDAY_NAMES, session_title
from rugschool.ui.widgets import make_table, named

DAYS_AHEAD = 14
# The session window's own keys (the help panel lists them from here).
SESSION_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Ctrl+T", N_("Choose who records"), "choose_recorder"),
    ("F1", N_("Keyboard shortcuts"), "show_keys"),
)


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
        isinstance(w, SessionWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def open_session(
    services: Services, session: SessionRow, report: Callable[[str], object]
) -> SessionWindow | None:
    """A session in a window of its own, shown; a problem is reported instead (the caller
    keeps the window, or it closes at once)."""
    try:
        window = SessionWindow(services, session)
    except RugschoolError as error:
        report(str(error))
        return None
    window.show()
    return window


class SessionWindow(QWidget):
    """The runner of one session in a window of its own, with who records."""

    def __init__(
        self, services: Services, session: SessionRow, runner_message: Signal | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"{session.group_name}: {session_title(session.kind, session.number)}")
        self.resize(1366, 800)
        self.services, self.session = services, session
        self.presenter: PresenterWindow | None = None
        # Who records: the therapist whose profile is unlocked, else the session's lead.
        recorder = services.actor.therapist_id or session.lead_id
        self.recording = services.recording(recorder)
        therapists = services.therapists.rows(active_only=True)
        self.lead = self._therapist_combo(therapists, session.lead_id, _("nobody"))
        self.assistant = self._therapist_combo(therapists, session.assistant_id, _("nobody"))
        self.lead.activated.connect(lambda _i: self._store_team())
        self.assistant.activated.connect(lambda _i: self._store_team())
        self.therapist = QComboBox()
        for row in therapists:
            self.therapist.addItem(row.name, row.id)
        self.therapist.setCurrentIndex(max(0, self.therapist.findData(recorder)))
        self.therapist.currentIndexChanged.connect(
            lambda _i: setattr(self.recording, "therapist_id", self.therapist.currentData())
        )
        self.runner = self._runner(services, session)
        self.help_button = QPushButton(_("Keys (F1)"))
        self.help_button.setToolTip(_("Every key of the session window and the runner"))
        self.help_button.clicked.connect(self.show_keys)
        top = QHBoxLayout()
        for text, combo in (
            (_("&Lead:"), self.lead),
            (_("&Assistant:"), self.assistant),
            (_("&Recording:"), self.therapist),
        ):
            if combo is self.therapist:
                top.addStretch(1)
            label = QLabel(text)
            label.setBuddy(combo)  # the label names the choice, also for a screen reader
            top.addWidget(label)
            top.addWidget(combo)
        self.therapist.setToolTip(_("Whose name goes with what is recorded (Ctrl+T)"))
        top.addWidget(self._documents_button())
        top.addWidget(self.help_button)
        for key, description, method in SESSION_KEYS:
            shortcut = QShortcut(QKeySequence(key), self, getattr(self, method))
            shortcut.setWhatsThis(_(description))
        self.status = named(QLabel(), "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.runner, 1)
        layout.addWidget(self.status)
        self._tab_order()

    def _tab_order(self) -> None:
        """The choices along the top first, then the runner."""
        chain: list[QWidget] = [
            self.lead,
            self.assistant,
            self.therapist,
            self.documents,
            self.help_button,
        ]
        if isinstance(self.runner, ExerciseRunner):
            chain.append(self.runner.tabs.tabBar())
        else:
            chain.append(self.runner)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def choose_recorder(self) -> None:
        self.therapist.setFocus()
        self.therapist.showPopup()

    def show_keys(self) -> None:
        from rugschool.ui.help_panel import show_help  # the panel lists this window's keys

        show_help(self)

    def _documents_button(self) -> QWidget:
        """This session's summary, paper sheet or education handout, from the runner."""
        actions = DocumentActions(self.services, self)
        actions.message.connect(self._say)
        session = self.session
        documents = GroupDocuments(actions, lambda: session.group_id, lambda: session, lambda: None)
        self.documents = documents.session_button(self)
        return self.documents

    @staticmethod
    def _therapist_combo(
        therapists: list[TherapistRow], chosen: int | None, none_label: str
    ) -> QComboBox:
        combo = QComboBox()
        combo.addItem(none_label, None)
        for row in therapists:
            combo.addItem(row.name, row.id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        return combo

    def _store_team(self) -> None:
        """Who ran this session: stored as soon as it is chosen."""
        try:
            self.services.schedule.set_therapists(
                self.session.id, self.lead.currentData(), self.assistant.currentData()
            )
        except RugschoolError as error:
            self._say(str(error))
            return
        self._say(_("Saved."))

    def _runner(self, services: Services, session: SessionRow) -> QWidget:
        if session.kind == "education":
            education = EducationRunner(services, session)
            education.message.connect(self._say)
            education.present_requested.connect(
                lambda: open_presenter(self, None, on_open=self._attach_education)
            )
            return education
        runner = ExerciseRunner(services, session, self.recording)
        runner.message.connect(self._say)
        runner.present_requested.connect(
            lambda: open_presenter(self, runner.room_view, on_open=self._attach_exercise)
        )
        runner.exercise_presented.connect(self._present_exercise)
        return runner

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _attach_education(self, presenter: PresenterWindow) -> None:
        runner = self.runner
        assert isinstance(runner, EducationRunner)
        self.presenter = presenter
        total = len(runner.steps)
        presenter.show_message(runner.current_message(), total)
        runner.step_changed.connect(lambda message: presenter.show_message(message, total))

    def _attach_exercise(self, presenter: PresenterWindow) -> None:
        self.presenter = presenter
        presenter.show_title(self.windowTitle())
        runner = self.runner
        if isinstance(runner, ExerciseRunner):
            runner.timer.tick.connect(presenter.set_timer)

    def _present_exercise(self, key: str) -> None:
        runner = self.runner
        if self.presenter is None or not isinstance(runner, ExerciseRunner):
            self._say(_("Open the presenter screen first (F5)."))
            return
        self.presenter.show_exercise(runner.programme.exercise(key), self.services.pictures.path)


class TodayScreen(QWidget):
    message = Signal(str)

    def __init__(self, services: Services, events: Events, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.events = services, events
        self.windows: list[SessionWindow] = []
        self.sessions = SessionsModel(self._load_sessions, self)
        self.appointments = AppointmentsModel(self._load_appointments, self)
        self.session_table = make_table(self.sessions)
        self.session_table.doubleClicked.connect(lambda _i: self.start_selected())
        self.appointment_table = make_table(self.appointments)
        self.measures = MeasuresDueModel(self._load_measures, self)
        self.measure_table = make_table(self.measures)
        self.measure_table.setToolTip(_("Double-click to enter the measures"))
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
        window = ProgressWindow(self.services, self.events, found[0], self)
        window.show_measures()
        window.show()
        return window

    def _load_sessions(self) -> list[SessionRow]:
        start = dt.datetime.combine(dt.date.today(), dt.time())
        return self.services.schedule.upcoming(start, DAYS_AHEAD)

    def _load_appointments(self) -> list[tuple[AppointmentRow, str, str]]:
        return self.services.schedule.due_appointments(dt.date.today() + dt.timedelta(days=7))

    def selected(self) -> SessionRow | None:
        rows = self.session_table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, SessionRow) else None

    def start_selected(self) -> SessionWindow | None:
        session = self.selected()
        if session is None:
            self.message.emit(_("Choose a session first."))
            return None
        window = open_session(self.services, session, self.message.emit)
        if window is not None:
            self.windows.append(window)
        return window
