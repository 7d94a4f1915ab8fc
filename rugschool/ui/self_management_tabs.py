"""The self-management tabs of a participant's progress window (seed 001, seed 003): the
goal (one line, made SMART, the value behind it, and how it went at the final visit),
graded activity (`graded_activity_tab`), the exposure ladder and the pacing week plan.
The window lists them (`progress_window.extra_tabs`) and builds each when first shown.

Every change is stored at once; a user error shows in the tab's message label and stores
nothing; after storing, the window's charts follow (`window.refresh()`). After a change
notice the window calls a tab's `reload()`, which never drops what is being typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import N_, _
from rugschool.services.groups import GOAL_OUTCOMES, EnrollmentRow, goal_outcome_text
from rugschool.services.pacing_rules import (
    DAY_NAMES,
    DAY_PART_NAMES,
    KIND_NAMES,
    NEED_NAMES,
    PacingBlock,
    day_part_name,
)
from rugschool.services.self_management import (
    LADDER_STEPS,
    ExposureInput,
    ExposureRow,
    SmartGoalText,
    next_exposure_step,
)
from rugschool.ui.formatting import date_text
from rugschool.ui.tab_helpers import button_row, hint_label, labelled, message_label, run, table
from rugschool.ui.widgets import named

if TYPE_CHECKING:
    from rugschool.ui.progress_window import ProgressWindow

NEXT_STEP_COLOUR = "#cfe5e3"
KIND_COLOURS = {"effort": "#fbe3cf", "rest": "#dcefdc"}
# Field, label, hint: the SMART parts and the value behind the goal.
SMART_PARTS = (
    ("specific", N_("Specific"), N_("What exactly does the person want to do again?")),
    ("measurable", N_("Measurable"), N_("How will you both see it: minutes, metres, times?")),
    ("acceptable", N_("Acceptable"), N_("Does the person want this goal themselves?")),
    ("realistic", N_("Realistic"), N_("Can it be reached in the course, with the complaints?")),
    ("time_bound", N_("Time-bound"), N_("By when: for example the final visit.")),
    ("value", N_("What matters behind this goal"),
     N_("The value it serves, for example playing with the grandchildren.")),
)  # fmt: skip


# ------------------------------------------------------------------ goal


class GoalTab(QWidget):
    """Each field is stored when the therapist leaves it or presses Enter."""

    def __init__(self, window: ProgressWindow) -> None:
        super().__init__()
        self._progress = window
        enrollment = self._enrollment_now()
        self._stored = window.services.self_management.smart_goal(enrollment.id)
        self._stored_goal = enrollment.personal_goal
        own_words = _("The goal in one line, in the person's own words")
        self.personal_goal = labelled(
            QLineEdit(enrollment.personal_goal), _("Personal goal"), own_words
        )
        self.personal_goal.editingFinished.connect(self._save_personal_goal)
        form = QFormLayout()
        form.addRow(_("Personal goal"), self.personal_goal)
        self.parts: dict[str, QLineEdit] = {}
        for name, label, hint in SMART_PARTS:
            edit = labelled(QLineEdit(getattr(self._stored, name)), _(label), _(hint))
            edit.setPlaceholderText(_(hint))
            edit.editingFinished.connect(self._save_smart_goal)
            form.addRow(_(label), edit)
            self.parts[name] = edit
        self.outcome = self._outcome_box(enrollment.goal_outcome)
        form.addRow(_("Goal reached (final visit)"), self.outcome)
        self.message = message_label()
        column = QVBoxLayout(self)
        intro = _("Make the goal SMART with the person; each field is stored when you leave it.")
        column.addWidget(hint_label(intro))
        column.addLayout(form)
        column.addWidget(self.message)
        column.addStretch(1)

    def reload(self) -> None:
        """The goal as stored now; a field the therapist is typing in keeps its text (it is
        stored when they leave it)."""
        enrollment = self._enrollment_now()
        self._stored = self._progress.services.self_management.smart_goal(enrollment.id)
        self._stored_goal = enrollment.personal_goal
        _show_stored(self.personal_goal, enrollment.personal_goal)
        for name, edit in self.parts.items():
            _show_stored(edit, getattr(self._stored, name))
        self.outcome.blockSignals(True)  # showing what is stored is not a change to store
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(enrollment.goal_outcome)))
        self.outcome.blockSignals(False)

    def _enrollment_now(self) -> EnrollmentRow:
        """The enrollment as stored now (the window's copy may be older)."""
        window = self._progress
        rows = window.services.groups.enrollments_of(window.enrollment.participant_id)
        return next((row for row in rows if row.id == window.enrollment.id), window.enrollment)

    def _outcome_box(self, outcome: str | None) -> QComboBox:
        box = QComboBox()
        for value in (None, *GOAL_OUTCOMES):
            box.addItem(goal_outcome_text(value), value)
        box.setCurrentIndex(max(0, box.findData(outcome)))
        together = _("Judge the goal together with the person at the final visit.")
        labelled(box, _("Goal reached (final visit)"), together)
        box.currentIndexChanged.connect(self._save_outcome)
        return box

    def _save_personal_goal(self) -> None:
        text = self.personal_goal.text().strip()
        if text == self._stored_goal:  # editingFinished also comes on leaving a field unchanged
            return
        groups, enrollment_id = self._progress.services.groups, self._progress.enrollment.id
        if run(self._progress, self.message,
               lambda: groups.update_enrollment(enrollment_id, personal_goal=text)):  # fmt: skip
            self._stored_goal = text

    def _save_smart_goal(self) -> None:
        texts = {f.name: self.parts[f.name].text().strip() for f in fields(SmartGoalText)}
        goal = SmartGoalText(**texts)
        if goal == self._stored:
            return
        service = self._progress.services.self_management
        enrollment_id = self._progress.enrollment.id
        if run(self._progress, self.message, lambda: service.save_smart_goal(enrollment_id, goal)):
            self._stored = goal

    def _save_outcome(self) -> None:
        outcome = self.outcome.currentData()
        groups, enrollment_id = self._progress.services.groups, self._progress.enrollment.id
        run(self._progress, self.message,
            lambda: groups.update_enrollment(enrollment_id, goal_outcome=outcome))  # fmt: skip


def _show_stored(edit: QLineEdit, text: str) -> None:
    if not (edit.hasFocus() and edit.isModified()):
        edit.setText(text)


# ------------------------------------------------------------------ exposure ladder


class FearDelegate(QStyledItemDelegate):
    """Fear is typed in a spin box from 0 to 10."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QSpinBox(parent)
        box.setRange(0, 10)
        return labelled(box, _("Fear (0-10)"))


LADDER_COLUMNS = (N_("Step"), N_("Movement or activity"), N_("Fear (0-10)"), N_("Done on"))
DESCRIPTION, FEAR, DONE = 1, 2, 3
LADDER_TIP = N_(
    "Up to ten movements or activities the person avoids out of fear, from 1 (least feared) "
    "to 10 (most feared), each with a fear score from 0 to 10. Work up the ladder one step "
    "at a time. Clear a description to remove its step."
)


class ExposureTab(QWidget):
    """Ten steps, least feared first, edited in place; the whole ladder is stored on each
    edit, and the next step to take is highlighted."""

    def __init__(self, window: ProgressWindow) -> None:
        super().__init__()
        self._progress = window
        columns = [_(title) for title in LADDER_COLUMNS]
        self.table = table(columns, _("Exposure ladder"), _(LADDER_TIP))
        self.table.setRowCount(LADDER_STEPS)
        self.table.setItemDelegateForColumn(FEAR, FearDelegate(self.table))
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.next_label = hint_label(name="sectionLabel")
        self.message = message_label()
        self.done_button = labelled(QPushButton(_("Done today")), _("Done today"),
                                    _("The selected step was done today."))  # fmt: skip
        self.clear_button = labelled(QPushButton(_("Not done")), _("Not done"),
                                     _("Clears the date of the selected step."))  # fmt: skip
        self.done_button.clicked.connect(lambda: self._mark_done(dt.date.today()))
        self.clear_button.clicked.connect(lambda: self._mark_done(None))
        self._fill(window.services.self_management.exposure(window.enrollment.id))
        self.table.itemChanged.connect(self._on_item_changed)
        column = QVBoxLayout(self)
        column.addWidget(hint_label(_(LADDER_TIP)))
        column.addWidget(self.table, 1)
        column.addWidget(self.next_label)
        column.addLayout(button_row(self.done_button, self.clear_button))
        column.addWidget(self.message)

    def _fill(self, ladder: list[ExposureRow]) -> None:
        by_rank = {row.rank: row for row in ladder}
        for index in range(LADDER_STEPS):
            step = by_rank.get(index + 1)
            rank = QTableWidgetItem(str(index + 1))
            done = QTableWidgetItem(date_text(step.done_on) if step else "")
            done.setData(Qt.ItemDataRole.UserRole, step.done_on if step else None)
            for item in (rank, done):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            fear = QTableWidgetItem()
            if step:
                fear.setData(Qt.ItemDataRole.EditRole, step.fear)
            items = (rank, QTableWidgetItem(step.description if step else ""), fear, done)
            for column, item in enumerate(items):
                self.table.setItem(index, column, item)
        self._highlight(ladder)

    def reload(self) -> None:
        """The ladder as stored now; not while a cell is being edited (leaving the cell
        stores the whole ladder)."""
        if self.table.state() == QTableWidget.State.EditingState:
            return
        window = self._progress
        self.table.blockSignals(True)  # showing what is stored is not a change to store
        self._fill(window.services.self_management.exposure(window.enrollment.id))
        self.table.blockSignals(False)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every cell got an item in _fill
        return item

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() in (DESCRIPTION, FEAR):
            self._store()

    def _steps(self) -> tuple[list[ExposureInput], list[int]]:
        """The steps to store, and the ranks of steps still without a fear score."""
        steps, waiting = [], []
        for index in range(LADDER_STEPS):
            description = self._cell(index, DESCRIPTION).text().strip()
            fear = self._cell(index, FEAR).data(Qt.ItemDataRole.EditRole)
            done_on = self._cell(index, DONE).data(Qt.ItemDataRole.UserRole)
            if description and fear is None:
                waiting.append(index + 1)
            elif description:
                steps.append(ExposureInput(index + 1, description, int(fear), done_on))
        return steps, waiting

    def _store(self) -> None:
        service = self._progress.services.self_management
        enrollment_id = self._progress.enrollment.id
        steps, waiting = self._steps()
        if run(self._progress, self.message, lambda: service.set_exposure(enrollment_id, steps)):
            self._highlight(service.exposure(enrollment_id))
            if waiting:
                text = _("Step {rank} is stored once it has a fear score from 0 to 10.")
                self.message.setText(text.format(rank=waiting[0]))

    def _mark_done(self, day: dt.date | None) -> None:
        index = self.table.currentRow()
        if index < 0 or index + 1 not in {step.rank for step in self._steps()[0]}:
            self.message.setText(_("Choose a step of the ladder first."))
            return
        item = self._cell(index, DONE)
        self.table.blockSignals(True)  # the date goes with the whole ladder in _store
        item.setData(Qt.ItemDataRole.UserRole, day)
        item.setText(date_text(day))
        self.table.blockSignals(False)
        self._store()

    def _highlight(self, ladder: list[ExposureRow]) -> None:
        step = next_exposure_step(ladder)
        self.table.blockSignals(True)  # a colour is a change too: it must not store
        for index in range(LADDER_STEPS):
            is_next = step is not None and index + 1 == step.rank
            for column in range(len(LADDER_COLUMNS)):
                colour = QColor(NEXT_STEP_COLOUR) if is_next else None
                self._cell(index, column).setData(Qt.ItemDataRole.BackgroundRole, colour)
        self.table.blockSignals(False)
        if step is not None:
            text = _("Next step: {step} (fear {fear})").format(
                step=step.description, fear=step.fear
            )
        else:
            text = _("Every step is done.") if ladder else _("The ladder is still empty.")
        self.next_label.setText(text)


# ------------------------------------------------------------------ pacing


PACING_TIP = N_(
    "Spread activities over the day and the week, alternate effort and rest, and alternate "
    "what must be done with what the person wants to do."
)


def _choice_box(name: str, choices: dict[str, str] | dict[int, str]) -> QComboBox:
    box = labelled(QComboBox(), name)
    for value, text in choices.items():
        box.addItem(_(text), value)
    return box


class PacingTab(QWidget):
    """The week plan as a grid (days across; morning, afternoon and evening down, a row
    per block), a row to add a block, and hints where the plan goes against the advice."""

    def __init__(self, window: ProgressWindow) -> None:
        super().__init__()
        self._progress = window
        self.blocks: list[PacingBlock] = []
        self._row_parts: list[str] = []  # the part of the day of each grid row
        self.grid = table([_(name) for name in DAY_NAMES], _("Week plan"), _(PACING_TIP))
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().show()
        self.grid.verticalHeader().setMinimumSectionSize(44)  # an empty slot still looks like one
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.currentCellChanged.connect(self._cell_chosen)
        self.day = _choice_box(_("Day"), dict(enumerate(DAY_NAMES, 1)))
        self.part = _choice_box(_("Part of the day"), DAY_PART_NAMES)
        example = _("For example: groceries, a walk, reading")
        self.activity = labelled(QLineEdit(), _("Activity"), example)
        self.activity.setPlaceholderText(_("Activity"))
        self.kind = _choice_box(_("Effort or rest"), KIND_NAMES)
        self.need = _choice_box(_("Must or want"), NEED_NAMES)
        self.add_button = named(QPushButton(_("Add block")), "primaryButton")
        self.remove_button = labelled(QPushButton(_("Remove block")), _("Remove block"),
                                      _("Removes the block chosen in the grid."))  # fmt: skip
        self.hints = hint_label()
        self.message = message_label()
        self.add_button.clicked.connect(self.add_block)
        self.activity.returnPressed.connect(self.add_block)
        self.remove_button.clicked.connect(self.remove_block)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        entry = QHBoxLayout()
        for widget in (self.day, self.part, self.activity, self.kind, self.need):
            entry.addWidget(widget, 1 if widget is self.activity else 0)
        entry.addWidget(self.add_button)
        entry.addSpacing(16)
        entry.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.addWidget(hint_label(_(PACING_TIP)))
        column.addWidget(self.grid, 1)
        column.addLayout(entry)
        column.addWidget(self.message)
        column.addWidget(named(QLabel(_("Hints")), "sectionLabel"))
        column.addWidget(self.hints)

    def reload(self) -> None:
        window = self._progress
        service = window.services.self_management
        self.blocks = service.pacing(window.enrollment.id)
        self._fill_grid()
        hints = [hint.text for hint in service.pacing_hints(window.enrollment.id)]
        if not self.blocks:
            hints = [_("The week plan is still empty.")]
        elif not hints:
            hints = [_("No remarks: effort and rest alternate, and so do must and want.")]
        self.hints.setText("\n".join(f"• {hint}" for hint in hints))

    def _fill_grid(self) -> None:
        slots: dict[tuple[int, str], list[int]] = {}
        for index, block in enumerate(self.blocks):
            slots.setdefault((block.weekday, block.day_part), []).append(index)
        self._row_parts, labels, first_row = [], [], {}
        for part in DAY_PART_NAMES:
            first_row[part] = len(self._row_parts)
            height = max(len(slots.get((day, part), [])) for day in range(1, 8))
            for n in range(max(height, 1)):
                self._row_parts.append(part)
                labels.append(day_part_name(part) if n == 0 else "")
        self.grid.clearContents()
        self.grid.setRowCount(len(self._row_parts))
        self.grid.setVerticalHeaderLabels(labels)
        for (weekday, part), indices in slots.items():
            for n, index in enumerate(indices):
                self.grid.setItem(first_row[part] + n, weekday - 1, self._block_item(index))
        self.grid.resizeRowsToContents()

    def _block_item(self, index: int) -> QTableWidgetItem:
        block = self.blocks[index]
        kind, need = _(KIND_NAMES[block.kind]), _(NEED_NAMES[block.need])
        item = QTableWidgetItem(f"{block.activity}\n{kind} · {need}")
        item.setData(Qt.ItemDataRole.UserRole, index)
        item.setBackground(QColor(KIND_COLOURS[block.kind]))
        if block.need == "want":  # what gives energy stands out
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
        return item

    def _cell_chosen(self, row: int, column: int) -> None:
        """Choosing a cell sets the day and part of the day for the next block."""
        if row >= 0 and column >= 0:
            self.day.setCurrentIndex(column)
            self.part.setCurrentIndex(self.part.findData(self._row_parts[row]))

    def _store(self, blocks: list[PacingBlock]) -> bool:
        service = self._progress.services.self_management
        enrollment_id = self._progress.enrollment.id
        stored = run(
            self._progress, self.message, lambda: service.set_pacing(enrollment_id, blocks)
        )
        if stored:
            self.reload()
        return stored

    def add_block(self) -> None:
        weekday, part = int(self.day.currentData()), str(self.part.currentData())
        in_slot = [b for b in self.blocks if (b.weekday, b.day_part) == (weekday, part)]
        block = PacingBlock(weekday, part, self.activity.text(), str(self.kind.currentData()),
                            str(self.need.currentData()), position=len(in_slot) + 1)  # fmt: skip
        if self._store([*self.blocks, block]):
            self.activity.clear()

    def remove_block(self) -> None:
        item = self.grid.currentItem()
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if index is None:
            self.message.setText(_("Choose a block in the week plan first."))
            return
        self._store([block for n, block in enumerate(self.blocks) if n != index])
