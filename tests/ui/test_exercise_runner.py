"""A whole exercise session driven by keyboard in a group of ten."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.services.participants import ParticipantInput
from rugschool.services.recording import RecordingService, Result, active_participants
from rugschool.ui.education_runner import EducationRunner
from rugschool.ui.events import Events
from rugschool.ui.exercise_grid import ExerciseGrid
from rugschool.ui.exercise_runner import ExerciseRunner
from rugschool.ui.presenter import PresenterWindow
from rugschool.ui.session_window import SessionWindow
from rugschool.ui.today_screen import TodayScreen


def _go(qtbot: QtBot, grid: ExerciseGrid, row: int, column: int) -> None:
    grid.setCurrentIndex(grid.grid.index(row, column))


def test_a_session_by_keyboard(qtbot: QtBot, services: Services) -> None:
    services.load_demo()
    session = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4]
    runner = ExerciseRunner(services, session)
    qtbot.addWidget(runner)
    runner.resize(1400, 800)
    runner.show()
    assert len(runner.expected) == 10

    # Check-in: eight present, two absent (one with a reason).
    for pid in runner.expected[:8]:
        runner.check_in(pid, True)
    runner.check_in(runner.expected[8], False, "griep")
    runner.check_in(runner.expected[9], False)
    # Theme of the day.
    runner.theme_combo.setCurrentIndex(runner.theme_combo.findData("causes-and-symptoms"))
    runner.store_theme()

    runner.tabs.setCurrentIndex(3)
    grid = runner.grid
    assert grid is not None and grid.grid.rowCount() == 8
    grid.setFocus()
    keys = [e.key for e in runner.programme.exercises]

    def level_col(exercise: str) -> int:
        return 1 + 2 * keys.index(exercise)

    # Confirm every planned level of the whole session in one action.
    qtbot.keyClick(
        grid,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    # Row 0: buttocks at level 3, pain 4; marked easy on thighs.
    _go(qtbot, grid, 0, level_col("buttocks"))
    qtbot.keyClick(grid, Qt.Key.Key_3)
    _go(qtbot, grid, 0, level_col("buttocks") + 1)
    qtbot.keyClick(grid, Qt.Key.Key_4)
    _go(qtbot, grid, 0, level_col("thighs"))
    qtbot.keyClick(grid, Qt.Key.Key_E)
    # Row 1: pain 10 on back mobility (1 then 0); level 2 on side trunk, undone, then 4.
    _go(qtbot, grid, 1, level_col("back-mobility") + 1)
    qtbot.keyClick(grid, Qt.Key.Key_1)
    qtbot.keyClick(grid, Qt.Key.Key_0)
    _go(qtbot, grid, 1, level_col("side-trunk"))
    qtbot.keyClick(grid, Qt.Key.Key_2)
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(grid, Qt.Key.Key_4)
    # Row 2: the warm-up ticked.
    _go(qtbot, grid, 2, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Space)

    recording = RecordingService(services.db)
    first, second = runner.recording.present(session.id)[:2]
    assert recording.present(session.id) == runner.expected[:8]
    assert recording.attendance(session.id)[runner.expected[8]] == (False, "griep")
    results = recording.results(session.id)
    assert len(results) == 8 * 8  # every cell of every present person, no more

    def planned(pid: int, key: str) -> int:  # where they stood after earlier sessions
        return recording.current_levels(session.id, pid).get(key, 1)

    assert results[(first, "buttocks")] == Result(3, 4, False)
    assert results[(first, "thighs")] == Result(planned(first, "thighs"), None, True)
    assert results[(second, "back-mobility")] == Result(planned(second, "back-mobility"), 10)
    assert results[(second, "side-trunk")] == Result(4)
    changed = {(first, "buttocks"), (second, "side-trunk")}
    assert all(r.level == planned(p, k) for (p, k), r in results.items() if (p, k) not in changed)
    assert recording.warmups(session.id) == {recording.present(session.id)[2]}


def test_levels_start_where_the_last_session_ended(qtbot: QtBot, services: Services) -> None:
    services.load_demo()
    first, second = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4:6]
    recording = RecordingService(services.db)
    pid = active_participants(services.db, first.id)[0]
    recording.check_in(second.id, pid)
    recording.record(first.id, pid, "thighs", level=3)
    runner = ExerciseRunner(services, second)
    qtbot.addWidget(runner)
    grid = runner.build_grid()
    column = 1 + 2 * [e.key for e in runner.programme.exercises].index("thighs")
    assert grid.grid.index(0, column).data() == "3"  # planned, not yet confirmed
    grid.setCurrentIndex(grid.grid.index(0, column))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert recording.results(second.id)[(pid, "thighs")] == Result(3)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert recording.results(second.id) == {}


def test_today_lists_sessions_and_due_appointments_and_starts_one(
    qtbot: QtBot, services: Services
) -> None:
    services.load_demo()
    screen = TodayScreen(services, Events())
    qtbot.addWidget(screen)
    assert screen.sessions.rowCount() >= 1
    upcoming = screen.sessions.row_at(0)
    assert upcoming.starts_at.date() >= dt.date.today()
    screen.session_table.selectRow(0)
    window = screen.start_selected()
    assert window is not None
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("Rugschool dinsdag en donderdag")


def test_the_presenter_follows_the_steps_and_never_shows_names(
    qtbot: QtBot, services: Services
) -> None:
    services.load_demo()
    education = services.schedule.sessions(1)[0]
    window = SessionWindow(services, education)
    qtbot.addWidget(window)
    runner = window.runner
    assert isinstance(runner, EducationRunner)
    presenter = PresenterWindow()
    qtbot.addWidget(presenter)
    window._attach_education(presenter)  # as "in a window anyway" does on one screen
    runner.next_step()
    assert presenter.current_step() == f"message:{runner.current_message().key}"
    names = {row.full_name for row in services.participants.rows()}
    texts = [label.text() for label in presenter.findChildren(QLabel)]
    assert not any(name in text for name in names for text in texts)

    exercise = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4]
    exercise_window = SessionWindow(services, exercise)
    qtbot.addWidget(exercise_window)
    exercise_window._attach_exercise(presenter)
    exercise_runner = exercise_window.runner
    assert isinstance(exercise_runner, ExerciseRunner)
    exercise_runner.build_grid()
    exercise_runner.show_exercise("thighs")
    exercise_runner.present_current()
    assert presenter.current_step() == "exercise:thighs"
    exercise_runner.room_view()
    grid = exercise_runner.grid
    assert grid is not None
    headers = [grid.grid.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert headers == ["1", "2", "3"]


def test_a_suggestion_is_accepted_with_one_key_and_plans_the_next_session(
    qtbot: QtBot, services: Services
) -> None:
    services.load_demo()
    first, second, third = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4:7]
    recording = RecordingService(services.db)
    pid = active_participants(services.db, first.id)[0]
    for session in (first, second, third):
        recording.check_in(session.id, pid)
    recording.record(first.id, pid, "thighs", level=2, easy=True)
    runner = ExerciseRunner(services, second)
    qtbot.addWidget(runner)
    grid = runner.build_grid()
    column = 1 + 2 * [e.key for e in runner.programme.exercises].index("thighs")
    grid.setCurrentIndex(grid.grid.index(0, column))
    qtbot.keyClick(grid, Qt.Key.Key_2)  # level 2 again ...
    qtbot.keyClick(grid, Qt.Key.Key_E)  # ... easily: twice in a row
    assert grid.grid.index(0, column).data().endswith("↑")
    assert grid.grid.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(grid, Qt.Key.Key_Plus)
    assert recording.results(second.id)[(pid, "thighs")].next_level == 3
    assert grid.grid.index(0, column).data().endswith("→ 3")
    assert recording.current_levels(third.id, pid)["thighs"] == 3  # nothing else changed
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert recording.results(second.id)[(pid, "thighs")].next_level is None


def test_mouse_and_touch_enter_through_a_cell_menu(qtbot: QtBot, services: Services) -> None:
    services.load_demo()
    session = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4]
    recording = RecordingService(services.db)
    pid = active_participants(services.db, session.id)[0]
    recording.check_in(session.id, pid)
    runner = ExerciseRunner(services, session)
    qtbot.addWidget(runner)
    grid = runner.build_grid()
    column = 1 + 2 * [e.key for e in runner.programme.exercises].index("abdominals")
    level_menu = grid.cell_menu(0, "level", "abdominals")
    next(a for a in level_menu.actions() if a.text() == "Niveau 3").trigger()
    pain_menu = grid.cell_menu(0, "pain", "abdominals")
    assert len([a for a in pain_menu.actions() if a.text().startswith("Pijn")]) == 11
    next(a for a in pain_menu.actions() if a.text() == "Pijn 2").trigger()
    assert recording.results(session.id)[(pid, "abdominals")] == Result(3, 2)
    assert grid.grid.index(0, column).data().startswith("3")


def test_someone_from_another_group_is_checked_in_as_a_catch_up(
    qtbot: QtBot, services: Services
) -> None:
    services.load_demo()
    other = services.participants.create(ParticipantInput(first_name="Nina", last_name="Aerts"))
    session = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4]
    runner = ExerciseRunner(services, session)
    qtbot.addWidget(runner)
    runner.add_catch_up(other.id)
    assert runner.check_in_table.rowCount() == 11
    assert other.id in RecordingService(services.db).present(session.id)
    assert services.schedule.catch_ups(session.id) == [(other.id, "Nina Aerts")]
    grid = runner.build_grid()
    assert grid.grid.rowCount() == 1  # only Nina is checked in so far


def test_the_session_records_who_ran_it(qtbot: QtBot, services: Services) -> None:
    services.load_demo()
    session = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4]
    window = SessionWindow(services, session)
    qtbot.addWidget(window)
    assert window.lead.currentText() == "Sanne Visser"
    window.assistant.setCurrentIndex(window.assistant.findData(session.lead_id))
    window._store_team()  # lead and assistant the same: refused, with a message
    assert "verschillende" in window.status.text()
    window.assistant.setCurrentIndex(0)  # nobody assists today
    window._store_team()
    stored = next(s for s in services.schedule.sessions(1) if s.id == session.id)
    assert (stored.lead, stored.assistant) == ("Sanne Visser", None)
