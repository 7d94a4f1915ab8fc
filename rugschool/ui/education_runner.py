"""Running an education session at the front of the room: one core message at a time, in the
order of the session's themes, large enough to talk from, with the talking points for the
therapist beside it.

What was covered is the course's fidelity record: a tick is stored the moment it is made,
notes are stored on a short pause in typing and when the field loses focus, and Ctrl+Z undoes
the last tick by writing back what was there before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import NotFound, RugschoolError
from rugschool.i18n import N_, _, current_language
from rugschool.services.bundle import Services
from rugschool.services.programme import CoreMessage, EducationSession, Theme
from rugschool.services.schedule import SessionRow
from rugschool.ui.formatting import date_text
from rugschool.ui.programme_pages import text
from rugschool.ui.style import px
from rugschool.ui.widgets import named

NOTE_PAUSE_MS = 800  # a note is stored this long after the last keystroke
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
# The runner's keys: each becomes a shortcut on the runner, and the help panel lists them
# from here. (key, what it does, the runner's method)
RUNNER_KEYS: tuple[tuple[QKeySequence.StandardKey | Qt.Key, str, str], ...] = (
    (Qt.Key.Key_Right, N_("Next core message"), "next_step"),
    (Qt.Key.Key_PageDown, N_("Next core message"), "next_step"),
    (Qt.Key.Key_Space, N_("Next core message"), "next_step"),
    (Qt.Key.Key_Left, N_("Previous core message"), "previous_step"),
    (Qt.Key.Key_PageUp, N_("Previous core message"), "previous_step"),
    (Qt.Key.Key_C, N_("Mark the core message covered (or not)"), "toggle_covered"),
    (QKeySequence.StandardKey.Undo, N_("Undo the last tick"), "undo"),
    (Qt.Key.Key_F5, N_("Open the presenter screen"), "present"),
)


@dataclass(frozen=True)
class Step:
    """One core message as it comes up in one theme (a message may come up in several)."""

    theme: Theme
    theme_number: int
    message: CoreMessage


def education_steps(session: EducationSession) -> list[Step]:
    return [
        Step(theme, number, message)
        for number, theme in enumerate(session.themes, 1)
        for message in theme.messages
    ]


def programme_session(services: Services, session: SessionRow) -> EducationSession:
    """Education session N of the group is session N of the programme, in the UI's language."""
    if session.kind != "education":
        raise ValueError(f"session {session.id} is not an education session")
    programme = services.programme.of_group(session.group_id, current_language())
    for candidate in programme.sessions:
        if candidate.number == session.number:
            return candidate
    raise NotFound(_("The programme has no education session {n}.").format(n=session.number))


def clock_text(seconds: float) -> str:
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes:02d}:{rest:02d}"


class EducationRunner(QWidget):
    """Raises NotFound (a RugschoolError) when the programme has no such session or it has no
    core messages."""

    step_changed = Signal(object)  # the CoreMessage now shown (the presenter screen follows)
    present_requested = Signal()
    message = Signal(str)  # a short confirmation or problem for the status bar

    def __init__(
        self,
        services: Services,
        session: SessionRow,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.education = programme_session(services, session)
        self.steps = education_steps(self.education)
        if not self.steps:
            raise NotFound(_("This education session has no core messages."))
        self._recording = services.recording()
        self._covered: dict[str, bool] = self._recording.coverage(session.id)
        # As stored, by message key: read back, so a tick never writes an empty note over one
        # typed in an earlier sitting.
        self._notes: dict[str, str] = self._recording.coverage_notes(session.id)
        self._undo: list[tuple[str, bool | None]] = []  # (message key, covered before)
        self._points: dict[int, set[int]] = {}  # talking points ticked, by step (not stored)
        self._index = 0
        self._clock, self._started = clock, clock()
        self._build()
        self._layout()
        self._fit()
        self._connect()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._tick()
        self._show_step(0)

    # -------------------------------------------------------------- building

    def _build(self) -> None:
        heading = _("Education session {n}: {title}").format(
            n=self.education.number, title=self.education.title
        )
        when = f"{self.session.group_name} · {date_text(self.session.starts_at.date())}"
        self.title = text(heading, "pageTitle", selectable=False)
        self.subtitle = text(when, "hint", selectable=False)
        self.clock = named(QLabel(), "runnerClock")
        self.clock.setToolTip(_("Time since the session was opened"))
        self.present_button = self._button(_("Presenter screen (F5)"))
        self.number = text("", "runnerNumber", selectable=False)
        self.message_title = text("", "runnerTitle")
        self.explanation = text("", "runnerExplanation")
        self.theme_place = text("", "sectionLabel", selectable=False)
        self.theme_title = text("", "themeTitle")
        self.theme_summary = text("", "hint")
        self.points = named(QListWidget(), "talkingPoints")
        self.points.setWordWrap(True)
        self.points.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.points.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.covered_box = named(QCheckBox(_("Covered (C)")), "coveredBox")
        self.covered_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes = named(QPlainTextEdit(), "runnerNotes")
        self.notes.setPlaceholderText(_("Notes on this core message (Esc returns to the keys)"))
        self.notes.setTabChangesFocus(True)  # Tab leaves the notes, as in every other field
        self.notes.setAccessibleName(_("Notes on this core message"))
        self.notes_state = text("", "hint", selectable=False)
        self.previous_button = self._button(_("← Previous"))
        self.next_button = named(self._button(_("Next →")), "primaryButton")
        self.counter = named(QLabel(), "stepCounter")
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.note_timer = QTimer(self)
        self.note_timer.setSingleShot(True)
        self.note_timer.setInterval(NOTE_PAUSE_MS)

    @staticmethod
    def _button(label: str) -> QPushButton:
        button = QPushButton(label)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the runner
        return button

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(14)
        layout.addLayout(self._header())
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(self._message_area(), 1)
        body.addWidget(self._panel())
        layout.addLayout(body, 1)
        layout.addLayout(self._footer())

    def _header(self) -> QHBoxLayout:
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(text(_("Elapsed"), "hint", selectable=False))
        header.addWidget(self.clock)
        header.addSpacing(16)
        header.addWidget(self.present_button)
        return header

    def _message_area(self) -> QScrollArea:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 12, 8)
        column.setSpacing(14)
        for widget in (self.number, self.message_title, self.explanation):
            column.addWidget(widget)
        column.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidget(page)
        return area

    def _panel(self) -> QFrame:
        panel = self.panel = named(QFrame(), "runnerPanel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(16, 14, 16, 14)
        column.setSpacing(6)
        for widget in (self.theme_place, self.theme_title, self.theme_summary):
            column.addWidget(widget)
        column.addSpacing(6)
        column.addWidget(text(_("Talking points"), "sectionLabel", selectable=False))
        column.addWidget(self.points, 1)
        column.addWidget(self.covered_box)
        column.addWidget(text(_("Notes"), "sectionLabel", selectable=False))
        column.addWidget(self.notes)
        column.addWidget(self.notes_state)
        return panel

    def _footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        footer.addWidget(text(_("Keys: ← → or Space, C covered, Ctrl+Z undo"), "hint"), 1)
        footer.addWidget(self.previous_button)
        footer.addWidget(self.counter)
        footer.addWidget(self.next_button)
        return footer

    def _connect(self) -> None:
        self.previous_button.clicked.connect(self.previous_step)
        self.next_button.clicked.connect(self.next_step)
        self.present_button.clicked.connect(self.present_requested)
        self.covered_box.clicked.connect(self.set_covered)
        self.points.itemChanged.connect(self._point_ticked)
        self.notes.textChanged.connect(self.note_timer.start)
        self.notes.installEventFilter(self)
        self.note_timer.timeout.connect(self.store_note)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        self.shortcuts: list[QShortcut] = []
        for key, description, method in RUNNER_KEYS:
            # With the children: also when a button was clicked last. The notes field takes
            # its own keys first, so typing there never steps on or ticks.
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(_(description))
            shortcut.activated.connect(getattr(self, method))
            self.shortcuts.append(shortcut)

    def present(self) -> None:
        self.present_requested.emit()

    def _fit(self) -> None:
        """The panel and the notes field grow with the text (large text mode)."""
        self.panel.setFixedWidth(px(440))
        self.notes.setFixedHeight(max(px(76), 3 * self.notes.fontMetrics().lineSpacing() + 16))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    # -------------------------------------------------------------- stepping

    def current_index(self) -> int:
        return self._index

    def current_message(self) -> CoreMessage:
        return self.steps[self._index].message

    def next_step(self) -> None:
        self.go_to(self._index + 1)

    def previous_step(self) -> None:
        self.go_to(self._index - 1)

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.steps) and index != self._index:
            self.store_note()
            self._show_step(index)
            self.step_changed.emit(self.current_message())

    def _show_step(self, index: int) -> None:
        self._index = index
        step = self.steps[index]
        message = step.message
        self.number.setText(_("Core message {n}").format(n=message.number))
        self.message_title.setText(message.title)
        self.explanation.setText(message.explanation)
        self.theme_place.setText(
            _("Theme {n} of {total}").format(n=step.theme_number, total=len(self.education.themes))
        )
        self.theme_title.setText(step.theme.title)
        self.theme_summary.setText(step.theme.summary)
        self.theme_summary.setVisible(bool(step.theme.summary))
        self._fill_points(message.talking_points, self._points.get(index, set()))
        self.covered_box.setChecked(self.is_covered(message.key))
        self.note_timer.stop()
        self.notes.blockSignals(True)
        self.notes.setPlainText(self._notes.get(message.key, ""))
        self.notes.blockSignals(False)
        self.notes_state.clear()
        self.counter.setText(_("{n} of {total}").format(n=index + 1, total=len(self.steps)))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.steps) - 1)

    def _fill_points(self, points: tuple[str, ...], ticked: set[int]) -> None:
        self.points.blockSignals(True)
        self.points.clear()
        for row, point in enumerate(points):
            item = QListWidgetItem(point)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(CHECKED if row in ticked else UNCHECKED)
            self.points.addItem(item)
        self.points.blockSignals(False)

    def _point_ticked(self, item: QListWidgetItem) -> None:
        ticked = self._points.setdefault(self._index, set())
        row = self.points.row(item)
        if item.checkState() == CHECKED:
            ticked.add(row)
        else:
            ticked.discard(row)

    # -------------------------------------------------------------- coverage

    def is_covered(self, message_key: str) -> bool:
        return self._covered.get(message_key, False)

    def toggle_covered(self) -> None:
        self.set_covered(not self.is_covered(self.current_message().key))

    def set_covered(self, covered: bool) -> None:
        key = self.current_message().key
        before = self._covered.get(key)  # None: never recorded
        if self._store(key, covered, self.notes.toPlainText()):
            self._undo.append((key, before))
        self.covered_box.setChecked(self.is_covered(key))

    def undo(self) -> None:
        """Writes back the last tick's state before. A message that had never been recorded
        goes back to not covered: the service has no way to remove its row."""
        if not self._undo:
            self.message.emit(_("Nothing to undo."))
            return
        key, before = self._undo.pop()
        shown = key == self.current_message().key
        note = self.notes.toPlainText() if shown else self._notes.get(key, "")
        if self._store(key, bool(before), note):
            self.message.emit(_("Undone: the last tick."))
        self.covered_box.setChecked(self.is_covered(self.current_message().key))

    def store_note(self) -> None:
        self.note_timer.stop()
        key = self.current_message().key
        note = self.notes.toPlainText()
        if note.strip() == self._notes.get(key, "").strip():
            return
        if self._store(key, self.is_covered(key), note):
            self.notes_state.setText(_("Note stored."))

    def _store(self, key: str, covered: bool, note: str) -> bool:
        # The service writes the tick and the note together, so both always go along.
        try:
            self._recording.set_covered(self.session.id, key, covered, note)
        except RugschoolError as error:
            self.message.emit(str(error))
            return False
        self._covered[key], self._notes[key] = covered, note
        return True

    # -------------------------------------------------------------- time and keys

    def _tick(self) -> None:
        self.clock.setText(clock_text(self._clock() - self._started))

    def hideEvent(self, event: QHideEvent) -> None:
        self.store_note()  # leaving the screen while a note still waits for its pause
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes:
            if event.type() == QEvent.Type.FocusOut:
                self.store_note()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                self.setFocus()  # back to stepping; the focus out stores the note
                return True
        return super().eventFilter(watched, event)
