"""A write that fails leaves the screen as it was, says what happened, and can be retried."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.services.recording import Result
from rugschool.ui.exercise_grid import ExerciseGrid
from rugschool.ui.exercise_runner import ExerciseRunner
from rugschool.ui.participant_dialog import ParticipantDialog
from tests.failures import WriteFailures, snapshot

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def failures(services: Services) -> Iterator[WriteFailures]:
    services.load_demo()
    injected = WriteFailures(services.db.engine)
    yield injected
    injected.remove()


@pytest.fixture
def runner(qtbot: QtBot, services: Services, failures: WriteFailures) -> ExerciseRunner:
    session = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4]
    runner = ExerciseRunner(services, session)
    qtbot.addWidget(runner)
    runner.resize(1400, 800)
    for pid in runner.expected[:3]:
        runner.check_in(pid, True)
    return runner


def _grid(runner: ExerciseRunner) -> ExerciseGrid:
    runner.tabs.setCurrentIndex(3)
    assert runner.grid is not None
    runner.grid.setFocus()
    return runner.grid


def _shown(grid: ExerciseGrid, row: int, column: int) -> tuple[str, bool]:
    """The text of a cell, and whether it shows a stored entry (bold) or a planned one."""
    index = grid.grid.index(row, column)
    font = grid.grid.data(index, Qt.ItemDataRole.FontRole)
    return grid.grid.data(index), font is not None and font.bold()


def test_a_level_that_cannot_be_stored(
    qtbot: QtBot, runner: ExerciseRunner, failures: WriteFailures, services: Services
) -> None:
    grid = _grid(runner)
    grid.setCurrentIndex(grid.grid.index(0, 1))
    before, stored = snapshot(services.db), _shown(grid, 0, 1)
    failures.arm(always=True)
    with qtbot.waitSignal(runner.message) as said:
        qtbot.keyClick(grid, Qt.Key.Key_3)
    assert "full" in said.args[0] and "niet opgeslagen" in said.args[0]
    assert _shown(grid, 0, 1) == stored and stored[1] is False  # still the planned level
    assert grid.grid.undo_stack == []
    assert snapshot(services.db) == before

    failures.arm(None)  # space again: the same key stores it
    qtbot.keyClick(grid, Qt.Key.Key_3)
    assert _shown(grid, 0, 1) == ("3", True)
    pid = grid.grid.state.rows[0].participant_id
    key = grid.grid.state.exercises[0][0]
    assert runner.recording.result(runner.session.id, pid, key) == Result(3)


def test_confirming_the_whole_session_is_all_or_nothing(
    qtbot: QtBot, runner: ExerciseRunner, failures: WriteFailures, services: Services
) -> None:
    grid = _grid(runner)
    before = snapshot(services.db)
    failures.arm(7)  # the seventh cell of twenty-four fails
    qtbot.keyClick(grid, Qt.Key.Key_Return, CTRL | SHIFT)
    assert snapshot(services.db) == before
    assert grid.grid.state.results == {}
    assert not any(_shown(grid, r, 1)[1] for r in range(3))

    failures.arm(None)
    qtbot.keyClick(grid, Qt.Key.Key_Return, CTRL | SHIFT)
    assert len(runner.recording.results(runner.session.id)) == 3 * 8
    qtbot.keyClick(grid, Qt.Key.Key_Z, CTRL)  # one Ctrl+Z takes the whole step back
    assert runner.recording.results(runner.session.id) == {}
    assert grid.grid.state.results == {}


def test_an_undo_that_cannot_be_stored_can_be_tried_again(
    qtbot: QtBot, runner: ExerciseRunner, failures: WriteFailures
) -> None:
    grid = _grid(runner)
    grid.setCurrentIndex(grid.grid.index(1, 3))
    qtbot.keyClick(grid, Qt.Key.Key_2)
    failures.arm(always=True)
    qtbot.keyClick(grid, Qt.Key.Key_Z, CTRL)
    assert _shown(grid, 1, 3) == ("2", True)
    assert len(runner.recording.results(runner.session.id)) == 1
    failures.arm(None)
    qtbot.keyClick(grid, Qt.Key.Key_Z, CTRL)
    assert runner.recording.results(runner.session.id) == {}
    assert _shown(grid, 1, 3)[1] is False


def test_a_warm_up_tick_that_cannot_be_stored(
    qtbot: QtBot, runner: ExerciseRunner, failures: WriteFailures
) -> None:
    grid = _grid(runner)
    grid.setCurrentIndex(grid.grid.index(0, 0))
    failures.arm(always=True)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.grid.data(grid.grid.index(0, 0)) == ""
    assert runner.recording.warmups(runner.session.id) == set()


def test_a_check_in_that_cannot_be_stored_is_unticked_again(
    qtbot: QtBot, runner: ExerciseRunner, failures: WriteFailures
) -> None:
    table = runner.check_in_table
    item = table.item(5, 0)
    assert item is not None and item.checkState() == Qt.CheckState.Unchecked
    failures.arm(always=True)
    with qtbot.waitSignal(runner.message):
        item.setCheckState(Qt.CheckState.Checked)
    shown = table.item(5, 0)
    assert shown is not None and shown.checkState() == Qt.CheckState.Unchecked
    assert runner.expected[5] not in runner.recording.attendance(runner.session.id)

    failures.arm(None)
    shown.setCheckState(Qt.CheckState.Checked)
    assert runner.recording.attendance(runner.session.id)[runner.expected[5]] == (True, "")


def test_pain_settled_goes_back_to_what_is_stored(
    runner: ExerciseRunner, failures: WriteFailures
) -> None:
    runner.tabs.setCurrentIndex(2)
    combo = runner.settled_table.cellWidget(0, 1)
    assert isinstance(combo, QComboBox) and combo.currentData() is None
    combo.setCurrentIndex(1)  # yes
    failures.arm(always=True)
    combo.setCurrentIndex(2)  # no: refused
    assert combo.currentData() is True
    pid = runner.recording.present(runner.session.id)[0]
    assert runner.recording.pain_settled(runner.session.id)[pid] is True

    runner.tabs.setCurrentIndex(0)  # the stored answer shows when the tab is filled again
    runner.tabs.setCurrentIndex(2)
    combo = runner.settled_table.cellWidget(0, 1)
    assert isinstance(combo, QComboBox) and combo.currentData() is True


def test_a_participant_form_that_cannot_be_stored_stays_open(
    qtbot: QtBot, services: Services, failures: WriteFailures
) -> None:
    dialog = ParticipantDialog(services.participants)
    qtbot.addWidget(dialog)
    dialog.first_name.setText("Ilse")
    dialog.last_name.setText("Brouwer")
    count = len(services.participants.rows())
    failures.arm(always=True)
    dialog.save()
    assert dialog.result() == 0 and dialog.saved is None
    assert "full" in dialog.message.text()
    assert dialog.first_name.text() == "Ilse"  # nothing typed is lost
    assert len(services.participants.rows()) == count

    failures.arm(None)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(services.participants.rows()) == count + 1
