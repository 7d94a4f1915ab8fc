"""Running an exercise session, in the order the hour goes: check-in, the theme of the day,
whether last time's pain had settled, then the exercise grid with the chosen exercise's
levels and the instruction hints beside it. Every entry is stored as it is made."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import N_, _, current_language
from rugschool.services.bundle import Services
from rugschool.services.programme import Programme
from rugschool.services.recording import RecordingService
from rugschool.services.schedule import SessionRow
from rugschool.ui.exercise_grid import (
    ExerciseGrid,
    ExerciseGridModel,
    GridState,
    Row,
    set_room_view,
)
from rugschool.ui.group_dialogs import AddPeopleDialog
from rugschool.ui.interval_timer import IntervalTimer
from rugschool.ui.programme_pages import PictureActions, exercise_page, text
from rugschool.ui.style import current_scale
from rugschool.ui.widgets import named, stored

EXPERIENCES = "__experiences__"
SETTLED_CHOICES = ((None, N_("not asked")), (True, N_("yes")), (False, N_("no")))
# The runner's own keys; the shortcuts are made from this table and the help panel lists it.
EXERCISE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("F5", N_("Open the presenter screen"), "present"),
    ("F6", N_("Show this exercise to the room"), "present_current"),
)
KEY_HELP = N_(
    "Arrow keys move · Enter confirms the planned level · 1-4 set a level · in a pain cell "
    "type the score (1 then 0 makes 10) · E marks went easily · + accepts the suggestion for "
    "next time (↑ up, ? talk it over) · Delete clears · Space ticks "
    "the warm-up · Ctrl+Enter confirms the row, Ctrl+Shift+Enter the whole session · "
    "Ctrl+Z undoes"
)


class ExerciseRunner(QWidget):
    message = Signal(str)
    exercise_shown = Signal(str)  # the exercise key the side panel shows
    present_requested = Signal()
    exercise_presented = Signal(str)  # the therapist puts this exercise on the projector

    def __init__(
        self,
        services: Services,
        session: SessionRow,
        recording: RecordingService | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services, self.session = services, session
        self.recording = recording or services.recording()
        self.programme: Programme = services.programme.of_group(
            session.group_id, current_language()
        )
        # The group's people and who catches up here, not the whole practice (10,000 rows).
        self.names = {r.id: r.full_name for r in services.participants.rows(session.group_id)}
        found = services.schedule.catch_ups(session.id)
        self.names.update(found)
        catch_ups = [pid for pid, _n in found]
        self.expected = services.expected_at(session.id) + catch_ups
        self.catch_ups = set(catch_ups)
        self.tabs = QTabWidget()
        self.check_in_table = self._check_in_tab()
        self.tabs.addTab(self._check_in_page(), _("1  Check-in"))
        self.tabs.addTab(self._theme_tab(), _("2  Theme of the day"))
        self.settled_table = QTableWidget()
        self.settled_table.setAccessibleName(_("Pain after last time"))
        self.settled_table.setTabKeyNavigation(False)
        self.tabs.addTab(self.settled_table, _("3  Pain after last time"))
        self.grid_page = QWidget()
        self.tabs.addTab(self.grid_page, _("4  Exercises"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.grid: ExerciseGrid | None = None
        self.shown_exercise = ""
        self.timer = IntervalTimer()
        title = named(QLabel(_("Exercise session {n}").format(n=session.number)), "pageTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        for key, description, method in EXERCISE_KEYS:
            shortcut = QShortcut(QKeySequence(key), self, getattr(self, method))
            shortcut.setWhatsThis(_(description))

    def present(self) -> None:
        self.present_requested.emit()

    # -------------------------------------------------------------- check-in

    def _check_in_tab(self) -> QTableWidget:
        table = QTableWidget(len(self.expected), 2)
        table.setHorizontalHeaderLabels([_("Present"), _("Reason if absent")])
        table.setAccessibleName(_("Check-in"))
        table.setTabKeyNavigation(False)  # Tab goes on to the button below
        table.setToolTip(_("Space ticks who is present; type a reason for who is absent"))
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(40)
        self._check_ins = self.recording.attendance(self.session.id)
        for row, pid in enumerate(self.expected):
            present, reason = self._check_ins.get(pid, (False, ""))
            self._fill_check_in_row(table, row, pid, present, reason)
        table.resizeColumnToContents(0)  # whole names; the reason takes the rest
        table.itemChanged.connect(self._check_in_changed)
        return table

    def _fill_check_in_row(
        self, table: QTableWidget, row: int, pid: int, present: bool, reason: str
    ) -> None:
        label = self.names.get(pid, "?")
        if pid in self.catch_ups:
            label += "  " + _("(catching up)")
        item = QTableWidgetItem(label)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsSelectable
        )
        item.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, pid)
        table.setItem(row, 0, item)
        table.setItem(row, 1, QTableWidgetItem(reason))

    def _check_in_page(self) -> QWidget:
        page = QWidget()
        add = QPushButton(_("Someone from another group catches up…"))
        add.clicked.connect(self.ask_catch_up)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.check_in_table, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        column.addLayout(row)
        return page

    def ask_catch_up(self) -> None:
        group = self.services.groups.get(self.session.group_id)
        dialog = AddPeopleDialog(self.services, group, self, catch_up=True)
        if dialog.exec():
            for pid in dialog.chosen():
                self.add_catch_up(pid)

    def add_catch_up(self, participant_id: int) -> None:
        """Check in someone from another group who makes up a missed session here."""
        self.services.schedule.add_catch_up(self.session.id, participant_id)
        self.names.update(self.services.schedule.catch_ups(self.session.id))
        self.catch_ups.add(participant_id)
        if participant_id not in self.expected:
            self.expected.append(participant_id)
            table = self.check_in_table
            table.blockSignals(True)
            table.insertRow(table.rowCount())
            self._fill_check_in_row(table, table.rowCount() - 1, participant_id, True, "")
            table.blockSignals(False)
        self.check_in(participant_id, True)

    def _check_in_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        person = self.check_in_table.item(row, 0)
        reason = self.check_in_table.item(row, 1)
        if person is None:
            return
        pid = int(person.data(Qt.ItemDataRole.UserRole))
        present = person.checkState() == Qt.CheckState.Checked
        if not self.check_in(pid, present, reason.text() if reason else ""):
            self._show_stored_check_in(row, pid)  # the screen shows what is stored

    def _show_stored_check_in(self, row: int, pid: int) -> None:
        table = self.check_in_table
        table.blockSignals(True)
        try:
            present, reason = self._check_ins.get(pid, (False, ""))
            self._fill_check_in_row(table, row, pid, present, reason)
        finally:
            table.blockSignals(False)

    def check_in(self, participant_id: int, present: bool, reason: str = "") -> bool:
        """Stores a check-in; False (and a message) when the database refused it."""
        done = stored(
            lambda: self.recording.check_in(
                self.session.id,
                participant_id,
                present=present,
                reason=reason,
                catch_up=participant_id in self.catch_ups,
            ),
            self.message.emit,
        )
        if done:
            self._check_ins[participant_id] = (present, reason.strip() if not present else "")
            self.grid = None  # rebuilt from who is present when the grid is shown again
        return done

    # -------------------------------------------------------------- theme of the day

    def _theme_tab(self) -> QWidget:
        page = QWidget()
        self.theme_combo = QComboBox()
        self.theme_combo.addItem(_("The participants' experiences"), EXPERIENCES)
        for session in self.programme.sessions:
            for theme in session.themes:
                self.theme_combo.addItem(theme.title, theme.key)
        self.theme_combo.setCurrentIndex(-1)
        self.theme_combo.setAccessibleName(_("Theme of the day"))
        self.theme_note = QLineEdit()
        self.theme_note.setAccessibleName(_("What the talk was about"))
        self.theme_note.setPlaceholderText(_("What the talk was about (optional)"))
        self.theme_combo.activated.connect(lambda _i: self.store_theme())
        self.theme_note.editingFinished.connect(self.store_theme)
        column = QVBoxLayout(page)
        column.addWidget(
            text(
                _(
                    "A short talk to start: an education theme, or the "
                    "participants' own experiences."
                ),
                selectable=False,
            )
        )
        column.addWidget(self.theme_combo)
        column.addWidget(self.theme_note)
        column.addStretch(1)
        return page

    def store_theme(self) -> None:
        key = self.theme_combo.currentData()
        if key is None:
            return
        theme = None if key == EXPERIENCES else key
        if stored(
            lambda: self.recording.set_day_theme(self.session.id, theme, self.theme_note.text()),
            self.message.emit,
        ):
            self.message.emit(_("Theme of the day stored."))

    # -------------------------------------------------------------- pain settled

    def _fill_settled(self) -> None:
        present = self.recording.present(self.session.id)
        settled = self._settled = self.recording.pain_settled(self.session.id)
        table = self.settled_table
        table.clear()
        table.setRowCount(len(present))
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels([_("Participant"), _("Pain settled by the next day?")])
        table.horizontalHeader().setStretchLastSection(True)
        for row, pid in enumerate(present):
            table.setItem(row, 0, QTableWidgetItem(self.names.get(pid, "?")))
            combo = QComboBox()
            for value, label in SETTLED_CHOICES:
                combo.addItem(_(label), value)
            combo.setCurrentIndex(
                next(i for i, (v, _l) in enumerate(SETTLED_CHOICES) if v == settled.get(pid))
            )
            combo.currentIndexChanged.connect(partial(self._settled_changed, pid, combo))
            combo.setAccessibleName(
                _("Pain settled by the next day: {name}").format(name=self.names.get(pid, "?"))
            )
            table.setCellWidget(row, 1, combo)
        table.resizeColumnToContents(0)  # whole names

    def _settled_changed(self, pid: int, combo: QComboBox, _index: int) -> None:
        value = combo.currentData()
        if stored(
            lambda: self.recording.set_pain_settled(self.session.id, pid, value),
            self.message.emit,
        ):
            self._settled[pid] = value
            return
        combo.blockSignals(True)  # back to what is stored
        combo.setCurrentIndex(
            next(i for i, (v, _l) in enumerate(SETTLED_CHOICES) if v == self._settled.get(pid))
        )
        combo.blockSignals(False)

    # -------------------------------------------------------------- the grid

    def _tab_changed(self, index: int) -> None:
        if index == 2:
            self._fill_settled()
        if index == 3 and self.grid is None:
            self.build_grid()

    def build_grid(self) -> ExerciseGrid:
        present = self.recording.present(self.session.id)
        levels = self.recording.levels_before(self.session.id, present)
        rows = [Row(pid, self.names.get(pid, "?"), levels[pid]) for pid in present]
        warmed = self.recording.warmups(self.session.id)
        flags = self.services.course_flags().for_session(self.session.id, dt.date.today())
        for row in rows:
            row.warmup = row.participant_id in warmed
            row.flags = tuple(flags.get(row.participant_id, ()))
        exercises = [(e.key, e.name, len(e.levels)) for e in self.programme.exercises]
        state = GridState(
            exercises,
            rows,
            self.recording.results(self.session.id),
            self.recording.history(self.session.id, present),
            self.services.progression_rule(),
        )
        model = ExerciseGridModel(self.recording, self.session.id, state)
        model.problem.connect(self.message)
        self.grid = ExerciseGrid(model)
        self.grid.setAccessibleName(_("Exercises: level and pain per participant"))
        self.grid.setToolTip(_("The keys are listed under the grid, and with F1"))
        self.grid.exercise_selected.connect(self.show_exercise)
        self.side = QScrollArea()
        self.side.setWidgetResizable(True)
        help_label = text(_(KEY_HELP), "hint", selectable=False)
        confirm_all = QPushButton(_("Confirm all planned levels"))
        confirm_all.setToolTip(_("Store the planned level of every empty cell (Ctrl+Shift+Enter)"))
        confirm_all.clicked.connect(lambda: self._confirm_everything())
        presenter = QPushButton(_("Presenter screen (F5)"))
        presenter.clicked.connect(self.present_requested)
        show = QPushButton(_("Show this exercise to the room (F6)"))
        show.clicked.connect(self.present_current)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.grid, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(confirm_all)
        buttons.addStretch(1)
        room = QHBoxLayout() if current_scale() > 1 else buttons  # large text: two rows
        room.addWidget(show)
        room.addWidget(presenter)
        column.addLayout(buttons)
        if room is not buttons:
            room.addStretch(1)
            column.addLayout(room)
        column.addWidget(help_label)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.timer)
        right_column.addWidget(self.side, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([900, 420])
        old = self.grid_page.layout()
        if old is not None:
            QWidget().setLayout(old)  # hands the old layout to a throwaway widget
        box = QVBoxLayout(self.grid_page)
        box.addWidget(splitter)
        if exercises:
            self.show_exercise(exercises[0][0])
        self.grid.setFocus()
        return self.grid

    def _confirm_everything(self) -> None:
        if self.grid is not None:
            done = self.grid.grid.confirm_all(list(range(self.grid.grid.rowCount())))
            self.message.emit(_("{n} levels confirmed.").format(n=done))

    def present_current(self) -> None:
        if self.shown_exercise:
            self.exercise_presented.emit(self.shown_exercise)

    def room_view(self) -> None:
        """For a screen the room can see: numbers instead of names, no pain scores."""
        if self.grid is None:
            self.tabs.setCurrentIndex(3)
        if self.grid is not None:
            set_room_view(self.grid.grid, True)
            self.tabs.setTabVisible(0, False)
            self.tabs.setTabVisible(2, False)

    def show_exercise(self, key: str) -> None:
        self.shown_exercise = key
        pictures = PictureActions(
            self.services.pictures.path,
            set(self.services.pictures.overrides()),
            lambda _p: None,
            lambda _p: None,
            editable=False,
        )
        page = exercise_page(self.programme.exercise(key), pictures, per_row=2)
        layout = page.layout()
        assert layout is not None
        rule = self.services.progression_rule()
        layout.addWidget(text(rule.bands.label(), "hint"))
        layout.addWidget(text(rule.description(), "hint"))
        for hint in self.programme.hints[:3]:
            layout.addWidget(text(f"{hint.title}: {hint.text}", "hint"))
        self.side.setWidget(page)
        self.exercise_shown.emit(key)
