"""One group: what it is, its schedule (move one session, or shift it and all after it), and
its people (add from the list or the waiting list, change status, remove)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _, ngettext
from rugschool.services.bundle import Services
from rugschool.services.groups import ROLLING, EnrollmentRow, GroupRow
from rugschool.services.schedule import SessionRow
from rugschool.services.versions import ChangedMeanwhile
from rugschool.ui.documents import DocumentActions
from rugschool.ui.enrollment_dialog import EnrollmentDialog
from rugschool.ui.events import Events
from rugschool.ui.group_dialogs import AddPeopleDialog, MoveDialog
from rugschool.ui.group_documents import GroupDocuments
from rugschool.ui.group_progress import GroupProgressTab
from rugschool.ui.progress_window import ProgressWindow
from rugschool.ui.row_table_model import ROW_ROLE
from rugschool.ui.schedule_models import (
    WEEKDAY_NAMES,
    EnrollmentLine,
    EnrollmentTableModel,
    SessionTableModel,
    session_title,
)
from rugschool.ui.widgets import make_table, named


def _summary(group: GroupRow) -> str:
    days = ", ".join(_(WEEKDAY_NAMES[d - 1]) for d in group.weekdays)
    at = group.start_time.strftime("%H:%M") if group.start_time else ""
    kind = _("Rolling group") if group.kind == ROLLING else _("Fixed course")
    parts = [
        kind,
        f"{days} {at}".strip(),
        group.location,
        _("{active} of {max} places taken").format(active=group.active_count, max=group.max_size),
    ]
    if group.waiting_count:
        parts.append(_("{n} on the waiting list").format(n=group.waiting_count))
    if group.therapists:
        parts.append(", ".join(group.therapists))
    return "  ·  ".join(p for p in parts if p)


class GroupDetail(QWidget):
    message = Signal(str)

    def __init__(self, services: Services, events: Events, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.events = services, events
        self.group: GroupRow | None = None
        self.title = named(QLabel(), "pageTitle")
        self.summary = named(QLabel(), "pageSubtitle")
        self.summary.setWordWrap(True)
        self.sessions = SessionTableModel(self._load_sessions, self)
        self.session_windows: list[QWidget] = []  # kept, or they would close at once
        self.people = EnrollmentTableModel(self._load_people)
        self.people.setParent(self)
        self.session_table: QTableView = make_table(self.sessions)
        self.people_table: QTableView = make_table(self.people)
        self.session_table.setAccessibleName(_("Schedule"))
        self.people_table.setAccessibleName(_("Participants of the group"))
        for table in (self.session_table, self.people_table):
            table.setTabKeyNavigation(False)  # Tab leaves a table; the arrows choose a row
        self.document_actions = DocumentActions(services, self)
        self.document_actions.message.connect(self.message)
        self.documents = GroupDocuments(
            self.document_actions,
            lambda: self.group.id if self.group else None,
            self._selected_session,
            self._selected_enrollment,
        )
        self.group_documents = self.documents.group_button(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._sessions_tab(), _("Schedule"))
        self.tabs.addTab(self._people_tab(), _("Participants"))
        self.progress_tab = GroupProgressTab(services)
        self.tabs.addTab(self.progress_tab, _("Progress"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_progress())
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.group_documents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        events.groups_changed.connect(self.reload)
        events.participants_changed.connect(self.reload)

    def _sessions_tab(self) -> QWidget:
        self.open_button = QPushButton(_("Open…"))
        self.open_button.setToolTip(
            _(
                "Open this session in a window of its own, also one that has passed: to enter "
                "a paper recording form or correct an entry (Enter or double-click)"
            )
        )
        self.open_button.clicked.connect(self.open_selected)
        self.session_table.activated.connect(lambda _i: self.open_selected())
        self.move_button = QPushButton(_("Move…"))
        self.move_button.setToolTip(_("Give this one session another date and time"))
        self.move_button.clicked.connect(self.ask_move)
        self.shift_button = QPushButton(_("Shift this and later ones"))
        self.shift_button.setToolTip(
            _(
                "Move this session and all after it on by one meeting: each takes the next one's "
                "date, the last goes to the next meeting day"
            )
        )
        self.shift_button.clicked.connect(self.shift_selected)
        self.catch_up_button = QPushButton(_("Catch-up…"))
        self.catch_up_button.setToolTip(
            _("Someone from another group makes up a missed session in this one")
        )
        self.catch_up_button.clicked.connect(self.ask_catch_up)
        self.session_documents = self.documents.session_button(self)
        return self._tab(
            self.session_table,
            [
                self.open_button,
                self.move_button,
                self.shift_button,
                self.catch_up_button,
                self.session_documents,
            ],
        )

    def _people_tab(self) -> QWidget:
        self.add_button = QPushButton(_("Add people…"))
        self.add_button.clicked.connect(self.ask_add_people)
        self.activate_button = QPushButton(_("Make active"))
        self.activate_button.clicked.connect(lambda: self.set_status("active"))
        self.wait_button = QPushButton(_("To the waiting list"))
        self.wait_button.clicked.connect(lambda: self.set_status("waiting"))
        self.remove_button = QPushButton(_("Remove from the group"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.details_button = QPushButton(_("Goal, levels, appointments…"))
        self.details_button.clicked.connect(self.edit_selected)
        self.progress_button = QPushButton(_("Progress and measures…"))
        self.progress_button.setToolTip(
            _("Charts, measures, goal and self-management tools of this person")
        )
        self.progress_button.clicked.connect(self.open_progress)
        self.people_table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.person_documents = self.documents.person_button(self)
        # Two rows: six buttons do not fit beside each other on a laptop screen.
        person = [self.add_button, self.details_button, self.progress_button, self.person_documents]
        status = [self.activate_button, self.wait_button, self.remove_button]
        return self._tab(self.people_table, person, status)

    @staticmethod
    def _tab(table: QTableView, *rows: Sequence[QWidget]) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        for buttons in rows:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            column.addLayout(row)
        column.addWidget(table, 1)
        return tab

    # -------------------------------------------------------------- content

    def show_group(self, group: GroupRow | None) -> None:
        self.group = group
        self.title.setText(group.name if group else _("No group chosen"))
        self.summary.setText(
            _summary(group)
            if group
            else _("Create a group with New group…; its schedule is made from the programme.")
        )
        self.sessions.reload()
        self.people.reload()
        self.tabs.setEnabled(group is not None)
        self._refresh_progress()

    def _refresh_progress(self) -> None:
        """The charts only while their tab is shown: they take a moment to build."""
        if self.tabs.currentWidget() is self.progress_tab:
            self.progress_tab.show_group(self.group.id if self.group else None)

    def open_progress(self) -> ProgressWindow | None:
        enrollment = self._selected_enrollment()
        if enrollment is None:
            self.message.emit(_("Choose a participant in the list first."))
            return None
        window = ProgressWindow(self.services, self.events, enrollment, self)
        window.show()
        return window

    def reload(self) -> None:
        if self.group is not None:
            try:
                self.show_group(self.services.groups.get(self.group.id))
            except RugschoolError:
                self.show_group(None)

    def _load_sessions(self) -> list[SessionRow]:
        return self.services.schedule.sessions(self.group.id) if self.group else []

    def _load_people(self) -> list[EnrollmentLine]:
        if self.group is None:
            return []
        progress = self.services.schedule.group_progress(self.group.id, dt.datetime.now())
        flags = self.services.course_flags().for_group(self.group.id, dt.date.today())
        return [
            EnrollmentLine(
                row,
                progress[row.id].label if row.id in progress else "",
                tuple(flags.get(row.participant_id, ())),
            )
            for row in self.services.groups.enrollments(self.group.id)
        ]

    def _selected(self, table: QTableView) -> object | None:
        rows = table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _selected_session(self) -> SessionRow | None:
        session = self._selected(self.session_table)
        return session if isinstance(session, SessionRow) else None

    def _selected_enrollment(self) -> EnrollmentRow | None:
        line = self._selected(self.people_table)
        return line.enrollment if isinstance(line, EnrollmentLine) else None

    # -------------------------------------------------------------- schedule

    def open_selected(self) -> QWidget | None:
        """The session window for any session of the schedule, past ones too."""
        from rugschool.ui.session_window import open_session

        session = self._selected_session()
        if session is None:
            self.message.emit(_("Choose a session first."))
            return None
        window = open_session(self.services, session, self.message.emit)
        if window is not None:
            self.session_windows = [w for w in self.session_windows if w.isVisible()] + [window]
        return window

    def ask_move(self) -> None:
        session = self._selected_session()
        if session is None:
            self.message.emit(_("Choose a session in the schedule first."))
            return
        dialog = MoveDialog(session, self)
        if dialog.exec():
            self.move_session(session.id, dialog.moment(), session.version)

    def move_session(
        self, session_id: int, moment: dt.datetime, version: int | None = None
    ) -> None:
        """`version` is the one the schedule showed: moved by someone else since, the move
        is refused and the schedule shows where the session is now."""
        try:
            self.services.schedule.move_session(session_id, moment, version=version)
        except ChangedMeanwhile as error:
            self._schedule_changed(str(error))
            return
        except RugschoolError as error:
            self.message.emit(str(error))
            return
        self._schedule_changed(_("The session is moved."))

    def shift_selected(self) -> None:
        session = self._selected_session()
        if session is None:
            self.message.emit(_("Choose a session in the schedule first."))
            return
        self.shift(session.id)

    def shift(self, session_id: int) -> None:
        moved = self.services.schedule.shift_from(session_id)
        self._schedule_changed(
            ngettext(
                "{n} session shifted on by one meeting.",
                "{n} sessions shifted on by one meeting.",
                moved,
            ).format(n=moved)
        )

    def ask_catch_up(self) -> None:
        session = self._selected_session()
        if session is None or self.group is None:
            self.message.emit(_("Choose a session in the schedule first."))
            return
        dialog = AddPeopleDialog(self.services, self.group, self, catch_up=True)
        dialog.setWindowTitle(
            _("Catch-up in {session}").format(session=session_title(session.kind, session.number))
        )
        if dialog.exec():
            self.add_catch_ups(session.id, dialog.chosen())

    def add_catch_ups(self, session_id: int, participant_ids: list[int]) -> None:
        for participant_id in participant_ids:
            self.services.schedule.add_catch_up(session_id, participant_id)
        self._schedule_changed(_("Catch-up planned."))

    def _schedule_changed(self, text: str) -> None:
        self.events.groups_changed.emit()
        self.message.emit(text)

    # -------------------------------------------------------------- people

    def ask_add_people(self) -> None:
        if self.group is None:
            return
        dialog = AddPeopleDialog(self.services, self.group, self)
        if dialog.exec():
            self.add_people(dialog.chosen(), waiting=dialog.waiting.isChecked())

    def add_people(self, participant_ids: list[int], *, waiting: bool = False) -> None:
        assert self.group is not None
        over = self.services.groups.enroll_all(self.group.id, participant_ids, waiting=waiting)
        self.events.groups_changed.emit()
        self.events.participants_changed.emit()
        text = _("Added; the group is now over its maximum size.") if over else _("Added.")
        self.message.emit(text)

    def edit_selected(self) -> None:
        line = self._selected(self.people_table)
        if not isinstance(line, EnrollmentLine):
            return
        now = self.services.groups.enrollment(line.enrollment.id)  # as stored, not as listed
        if EnrollmentDialog(self.services, now, self).exec():
            self.events.groups_changed.emit()
            self.message.emit(_("Saved."))

    def set_status(self, status: str) -> None:
        line = self._selected(self.people_table)
        if isinstance(line, EnrollmentLine):
            self.services.groups.update_enrollment(line.enrollment.id, status=status)
            self.events.groups_changed.emit()
            self.events.participants_changed.emit()

    def remove_selected(self) -> None:
        line = self._selected(self.people_table)
        if (
            isinstance(line, EnrollmentLine)
            and QMessageBox.question(
                self,
                _("Remove from the group?"),
                _(
                    "{name} leaves this group, with their goal, starting levels and appointments "
                    "in it. To keep those, set them to the waiting list instead."
                ).format(name=line.enrollment.name),
            )
            == QMessageBox.StandardButton.Yes
        ):
            self.services.groups.remove_enrollment(line.enrollment.id)
            self.events.groups_changed.emit()
            self.events.participants_changed.emit()
            self.message.emit(
                _("{name} is no longer in this group.").format(name=line.enrollment.name)
            )
