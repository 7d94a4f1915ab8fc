"""The exercise grid: a row per participant present, a tick column for the warm-up, and per
exercise a level column and a pain column. Every key press that changes a cell is stored at
once; Ctrl+Z puts the last change back.

The key contract (also in the help panel): arrows move; Enter confirms the planned level;
1-4 set a level; in a pain cell a digit enters the pain (1 then 0 makes 10); E marks "went
easily"; + (or U) accepts the suggestion for next time (↑ up, ? talk it over); Delete clears
the entry; Space ticks the warm-up; Ctrl+Enter confirms the planned
levels of the row, Ctrl+Shift+Enter those of the whole session.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from rugschool.errors import RugschoolError
from rugschool.i18n import N_, _
from rugschool.services.course_flags_rules import Flag
from rugschool.services.progression import (
    DEFAULT_RULE,
    Attempt,
    ProgressionRule,
    Suggestion,
    suggest,
)
from rugschool.services.recording import RecordingService, Result
from rugschool.ui.schedule_models import flag_tooltip
from rugschool.ui.style import current_theme, pt, px

AnyIndex = QModelIndex | QPersistentModelIndex
EASY_MARK = " ✓"
# The grid's keys, for the help panel: (keys, what they do, the kind of cell they work in).
# tests/ui/test_accessibility.py presses every one of them on a real grid.
GRID_KEYS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("Left", "Right", "Up", "Down"), N_("Move between the cells"), "level"),
    (("Return",), N_("Confirm the planned level"), "level"),
    (("1", "2", "3", "4"), N_("Set the level done"), "level"),
    (tuple("0123456789"), N_("In a pain cell: the pain score (1 then 0 makes 10)"), "pain"),
    (("E",), N_("Went easily (or not)"), "level"),
    (("+", "U"), N_("Accept the suggestion for next time"), "level"),
    (("Del", "Backspace"), N_("Clear the entry"), "level"),
    (("Space",), N_("Tick the warm-up"), "warmup"),
    (("Ctrl+Return",), N_("Confirm the planned levels of the row"), "level"),
    (("Ctrl+Shift+Return",), N_("Confirm the planned levels of the whole session"), "level"),
    (("Ctrl+Z",), N_("Undo the last entry"), "level"),
)


@dataclass
class Row:
    participant_id: int
    name: str  # shown to the therapist only; never on the presenter screen
    planned: dict[str, int]  # exercise key -> the level they stand at
    warmup: bool = False
    flags: tuple[Flag, ...] = ()  # attention flags of their course (therapist only)


@dataclass
class Change:
    """One stored change, so Ctrl+Z can write back what was there before."""

    participant_id: int
    exercise: str  # "" for the warm-up
    before: Result | None = None
    warmup_before: bool = False


@dataclass
class GridState:
    exercises: list[tuple[str, str, int]]  # (key, short name, number of levels)
    rows: list[Row]
    results: dict[tuple[int, str], Result] = field(default_factory=dict)
    # Attempts in earlier sessions, for the progression rule; this session's entry is added
    # when a suggestion is asked for.
    history: dict[tuple[int, str], list[Attempt]] = field(default_factory=dict)
    rule: ProgressionRule = DEFAULT_RULE


class ExerciseGridModel(QAbstractTableModel):
    problem = Signal(str)

    def __init__(self, recording: RecordingService, session_id: int, state: GridState) -> None:
        super().__init__()
        self.recording, self.session_id, self.state = recording, session_id, state
        self.undo_stack: list[tuple[Change, ...]] = []  # each step is undone as a whole
        self.room_view = False

    # -------------------------------------------------------------- shape

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.state.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + 2 * len(self.state.exercises)

    def cell(self, column: int) -> tuple[str, str]:
        """What a column holds: ("warmup", "") or ("level"|"pain", exercise key)."""
        if column == 0:
            return "warmup", ""
        key = self.state.exercises[(column - 1) // 2][0]
        return ("level" if (column - 1) % 2 == 0 else "pain"), key

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            kind, key = self.cell(section)
            return next((n for k, n, _c in self.state.exercises if k == key), _("Warm-up"))
        if role == Qt.ItemDataRole.ToolTipRole and not self.room_view:
            return flag_tooltip(self.state.rows[section].flags) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            if self.room_view:  # on a shared screen: no names, no flags
                return str(section + 1)
            row = self.state.rows[section]
            return f"⚑ {row.name}" if row.flags else row.name
        kind, key = self.cell(section)
        if kind == "warmup":
            return _("Warm-up")
        # Numbers keep sixteen columns on a laptop screen; the name is in the tooltip and
        # in the side panel.
        number = next(i for i, (k, _n, _c) in enumerate(self.state.exercises, 1) if k == key)
        return str(number) if kind == "level" else _("pain")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.state.rows[index.row()]
        kind, key = self.cell(index.column())
        result = self.state.results.get((row.participant_id, key))
        if role == Qt.ItemDataRole.DisplayRole:
            if self.room_view and kind == "pain":
                return ""  # pain scores are not for the room
            return self._text(row, kind, key, result) + self._mark(row, kind, key, result)
        if role == Qt.ItemDataRole.ToolTipRole and kind == "level" and result is not None:
            advice = self.suggestion(index.row(), key)
            return advice.reason if advice else None
        if role == Qt.ItemDataRole.ForegroundRole and kind == "level" and result is None:
            return QBrush(QColor(current_theme().muted))  # planned, not yet confirmed
        if role == Qt.ItemDataRole.FontRole and kind == "level":
            # Confirmed in bold, planned in italics: told apart without colour too.
            font = QFont()
            font.setBold(result is not None)
            font.setItalic(result is None)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def suggestion(self, row: int, key: str) -> Suggestion | None:
        """The rule's advice for the next session, once this session's level is entered."""
        person = self.state.rows[row]
        result = self.state.results.get((person.participant_id, key))
        if result is None or self.room_view:
            return None
        attempts = [
            *self.state.history.get((person.participant_id, key), []),
            Attempt(result.level, result.pain, result.easy),
        ]
        levels = next(c for k, _n, c in self.state.exercises if k == key)
        return suggest(attempts, self.state.rule, levels, person.planned.get(key, 1))

    def _mark(self, row: Row, kind: str, key: str, result: Result | None) -> str:
        if kind != "level" or result is None or self.room_view:
            return ""
        if result.next_level is not None:
            return f" → {result.next_level}"  # agreed for next time
        index = self.state.rows.index(row)
        advice = self.suggestion(index, key)
        return {"up": " ↑", "discuss": " ?"}.get(advice.kind, "") if advice else ""

    def accept(self, row: int, key: str) -> bool:
        """The therapist agrees with the suggestion: the next session starts there."""
        advice = self.suggestion(row, key)
        if advice is None or advice.kind == "stay":
            return False
        return self._store(row, key, next_level=advice.level)

    @staticmethod
    def _text(row: Row, kind: str, key: str, result: Result | None) -> str:
        if kind == "warmup":
            return "✓" if row.warmup else ""
        if kind == "pain":
            return "" if result is None or result.pain is None else str(result.pain)
        if result is None:
            return str(row.planned.get(key, 1))
        return f"{result.level}{EASY_MARK if result.easy else ''}"

    # -------------------------------------------------------------- changes

    def _store(self, row: int, key: str, **change: Any) -> bool:
        person = self.state.rows[row]
        try:
            before = self.recording.record(self.session_id, person.participant_id, key, **change)
        except RugschoolError as error:
            self.problem.emit(str(error))
            return False
        self.undo_stack.append((Change(person.participant_id, key, before),))
        # What is stored now follows from what was there and what changed: no read-back
        # query on the recording path.
        start = before or Result(level=0)
        self._refresh(person.participant_id, key, replace(start, **change))
        return True

    def _refresh(self, participant_id: int, key: str, stored: Result | None) -> None:
        if stored is None:
            self.state.results.pop((participant_id, key), None)
        else:
            self.state.results[(participant_id, key)] = stored
        row = next(i for i, r in enumerate(self.state.rows) if r.participant_id == participant_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def planned(self, row: int, key: str) -> int:
        return self.state.rows[row].planned.get(key, 1)

    def confirm(self, row: int, key: str) -> bool:
        """Enter: the planned level is the level done."""
        if (self.state.rows[row].participant_id, key) in self.state.results:
            return False
        return self._store(row, key, level=self.planned(row, key))

    def set_level(self, row: int, key: str, level: int) -> bool:
        return self._store(row, key, level=level)

    def set_pain(self, row: int, key: str, pain: int | None) -> bool:
        person = self.state.rows[row]
        if (person.participant_id, key) not in self.state.results:
            return self._store(row, key, level=self.planned(row, key), pain=pain)
        return self._store(row, key, pain=pain)

    def toggle_easy(self, row: int, key: str) -> bool:
        result = self.state.results.get((self.state.rows[row].participant_id, key))
        if result is None:
            return self._store(row, key, level=self.planned(row, key), easy=True)
        return self._store(row, key, easy=not result.easy)

    def clear(self, row: int, key: str) -> bool:
        person = self.state.rows[row]
        if (person.participant_id, key) not in self.state.results:
            return False
        return self._put([(person.participant_id, key, None)])

    def toggle_warmup(self, row: int) -> None:
        person = self.state.rows[row]
        try:
            self.recording.set_warmup(self.session_id, person.participant_id, not person.warmup)
        except RugschoolError as error:
            self.problem.emit(str(error))
            return
        self.undo_stack.append((Change(person.participant_id, "", warmup_before=person.warmup),))
        person.warmup = not person.warmup
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def confirm_all(self, rows: list[int]) -> int:
        """The planned level of every empty cell in these rows, stored together: all of them
        or, when the write fails, none (and one Ctrl+Z takes them all back)."""
        cells: list[tuple[int, str, Result | None]] = [
            (self.state.rows[row].participant_id, key, Result(level=self.planned(row, key)))
            for row in rows
            for key, _name, _count in self.state.exercises
            if (self.state.rows[row].participant_id, key) not in self.state.results
        ]
        return len(cells) if cells and self._put(cells) else 0

    def _put(self, cells: list[tuple[int, str, Result | None]]) -> bool:
        """Writes whole cells in one transaction; the screen changes only when it is stored."""
        try:
            befores = self.recording.put_all(self.session_id, cells)
        except RugschoolError as error:
            self.problem.emit(str(error))
            return False
        self.undo_stack.append(
            tuple(
                Change(p, key, before) for (p, key, _r), before in zip(cells, befores, strict=True)
            )
        )
        for participant_id, key, stored in cells:
            self._refresh(participant_id, key, stored)
        return True

    def undo(self) -> bool:
        """Writes back what the last step replaced; when that fails the step stays, so
        Ctrl+Z can be pressed again."""
        if not self.undo_stack:
            return False
        step = self.undo_stack[-1]
        try:
            if step[0].exercise == "":
                self._undo_warmup(step[0])
            else:
                befores = [(c.participant_id, c.exercise, c.before) for c in reversed(step)]
                self.recording.put_all(self.session_id, befores)
                for change in step:
                    self._refresh(change.participant_id, change.exercise, change.before)
        except RugschoolError as error:
            self.problem.emit(str(error))
            return False
        self.undo_stack.pop()
        return True

    def _undo_warmup(self, change: Change) -> None:
        person = next(r for r in self.state.rows if r.participant_id == change.participant_id)
        self.recording.set_warmup(self.session_id, person.participant_id, change.warmup_before)
        person.warmup = change.warmup_before
        row = self.state.rows.index(person)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))


def set_room_view(grid: ExerciseGridModel, on: bool) -> None:
    """Numbers instead of names, no pain scores: for a screen the whole room can see."""
    grid.beginResetModel()
    grid.room_view = on
    grid.endResetModel()


class ExerciseGrid(QTableView):
    """The table the therapist types into, by the key contract in the module docstring."""

    exercise_selected = Signal(str)

    def __init__(self, model: ExerciseGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = model
        self._pending_pain: tuple[int, int] | None = None  # a "1" that may become 10
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.fit_cells()
        self.setAlternatingRowColors(True)
        self.setObjectName("exerciseGrid")
        self.setTabKeyNavigation(False)  # the arrows move; Tab goes on to the buttons
        self.clicked.connect(self._clicked)
        if model.rowCount():
            self.setCurrentIndex(model.index(0, 1))

    def fit_cells(self) -> None:
        """Columns as wide as what they hold ("3 ✓ ↑" on one line, the warm-up's header is a
        word), rows at least a finger's width: measured in the font, so large text fits."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        pad = metrics.horizontalAdvance("MM")
        self.horizontalHeader().setDefaultSectionSize(max(52, metrics.horizontalAdvance("8") + pad))
        self.setColumnWidth(0, max(110, metrics.horizontalAdvance(_("Warm-up")) + pad))
        level = max(66, metrics.horizontalAdvance(f"3{EASY_MARK} ↑") + pad)
        pain = max(46, metrics.horizontalAdvance(_("pain")) + pad)
        for column in range(1, self.grid.columnCount()):
            self.setColumnWidth(column, level if self.grid.cell(column)[0] == "level" else pain)
        self.verticalHeader().setDefaultSectionSize(max(44, 2 * metrics.height()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_cells()  # large text switched on or off while the grid is shown

    def currentChanged(self, current: AnyIndex, previous: AnyIndex) -> None:
        super().currentChanged(current, previous)
        self._pending_pain = None
        _kind, key = self.grid.cell(current.column()) if current.isValid() else ("", "")
        if key:
            self.exercise_selected.emit(key)

    def _clicked(self, index: QModelIndex) -> None:
        """Mouse and touch: a tap on the warm-up ticks it; a tap on a level or pain cell
        opens a menu of large targets with every entry that cell can take."""
        kind, exercise = self.grid.cell(index.column())
        if kind == "warmup":
            self.grid.toggle_warmup(index.row())
            return
        menu = self.cell_menu(index.row(), kind, exercise)
        menu.popup(self.viewport().mapToGlobal(self.visualRect(index).bottomLeft()))

    def cell_menu(self, row: int, kind: str, exercise: str) -> QMenu:
        menu = QMenu(self)
        menu.setStyleSheet(
            f"QMenu::item {{ padding: {px(10)}px {px(28)}px; font-size: {pt(13)}; }}"
        )
        if kind == "level":
            planned = self.grid.planned(row, exercise)
            menu.addAction(
                _("Confirm level {n}").format(n=planned), lambda: self.grid.confirm(row, exercise)
            )
            count = next(c for k, _n, c in self.grid.state.exercises if k == exercise)
            for level in range(1, count + 1):
                menu.addAction(
                    _("Level {n}").format(n=level),
                    partial(self.grid.set_level, row, exercise, level),
                )
            menu.addAction(_("Went easily"), lambda: self.grid.toggle_easy(row, exercise))
            menu.addAction(_("Accept the suggestion"), lambda: self.grid.accept(row, exercise))
        else:
            for pain in range(11):
                menu.addAction(
                    _("Pain {n}").format(n=pain),
                    partial(self.grid.set_pain, row, exercise, pain),
                )
        menu.addSeparator()
        menu.addAction(_("Clear"), lambda: self.grid.clear(row, exercise))
        menu.addAction(_("Undo the last entry"), self.grid.undo)
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if not index.isValid() or not self._handle(event, index.row(), index.column()):
            super().keyPressEvent(event)

    def _handle(self, event: QKeyEvent, row: int, column: int) -> bool:
        key, mods = event.key(), event.modifiers()
        kind, exercise = self.grid.cell(column)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Z and ctrl:
            return self.grid.undo() or True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._enter(row, exercise, ctrl, bool(mods & Qt.KeyboardModifier.ShiftModifier))
        if kind == "warmup" and key == Qt.Key.Key_Space:
            self.grid.toggle_warmup(row)
            return True
        if not exercise:
            return False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return self.grid.clear(row, exercise) or True
        if key == Qt.Key.Key_E:
            return self.grid.toggle_easy(row, exercise) or True
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_U):
            return self.grid.accept(row, exercise) or True
        digit = key - Qt.Key.Key_0 if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 else None
        if digit is None:
            return False
        if kind == "level":
            return self.grid.set_level(row, exercise, digit) or True
        return self._pain_digit(row, column, exercise, digit)

    def _enter(self, row: int, exercise: str, all_of_row: bool, whole_session: bool) -> bool:
        if all_of_row:
            rows = list(range(self.grid.rowCount())) if whole_session else [row]
            self.grid.confirm_all(rows)
        elif exercise:
            self.grid.confirm(row, exercise)
        return True

    def _pain_digit(self, row: int, column: int, exercise: str, digit: int) -> bool:
        if self._pending_pain == (row, column) and digit == 0:
            self.grid.set_pain(row, exercise, 10)  # "1" then "0": ten
            self._pending_pain = None
            return True
        self.grid.set_pain(row, exercise, digit)
        self._pending_pain = (row, column) if digit == 1 else None
        return True
