"""The self-management tabs of the progress window, driven with real widgets against the
demo database; every test checks what was stored."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from rugschool.i18n import set_language
from rugschool.services.bundle import Services
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.self_management import ExposureInput, PlanInput, SmartGoalText
from rugschool.ui.events import Events
from rugschool.ui.graded_activity_tab import (
    GradedActivityTab,
    PlanForm,
    PlanView,
    graded_activity_chart,
)
from rugschool.ui.progress_window import ProgressWindow, TabPlace
from rugschool.ui.self_management_tabs import ExposureTab, GoalTab, PacingTab

TODAY = dt.date.today()


class RefreshSpy:
    """Stands in for the window's refresh, which rebuilds its charts (tested elsewhere):
    counts how often a tab asks for it after storing."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def refreshes() -> RefreshSpy:
    return RefreshSpy()


@pytest.fixture
def window(
    qtbot: QtBot,
    services: Services,
    events: Events,
    refreshes: RefreshSpy,
    monkeypatch: pytest.MonkeyPatch,
) -> ProgressWindow:
    """The first person of the demo's first group, with no self-management data yet."""
    services.load_demo()
    enrollment = services.groups.enrollments(1)[0]
    tools = services.self_management
    for plan in tools.plans(enrollment.id):
        tools.remove_plan(plan.id)
    tools.set_exposure(enrollment.id, [])
    tools.set_pacing(enrollment.id, [])
    tools.save_smart_goal(enrollment.id, SmartGoalText())
    progress = ProgressWindow(services, events, enrollment)
    qtbot.addWidget(progress)
    monkeypatch.setattr(progress, "refresh", refreshes)
    return progress


GOAL, GRADED_ACTIVITY, EXPOSURE, PACING = "goal", "gradedActivity", "exposure", "pacing"


def _open(window: ProgressWindow, which: str) -> QWidget:
    """The window on one of its tabs (built as it is shown), shown."""
    tab = window.show_tab(which)
    window.show()
    return tab


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def _body(tab: GradedActivityTab) -> QWidget:
    """What the tab shows now: the plan form or the plan."""
    return tab.body


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_four_tabs_with_their_titles(
    qtbot: QtBot, services: Services, events: Events, window: ProgressWindow
) -> None:
    set_language("en")
    again = ProgressWindow(services, events, window.enrollment)  # titles in English
    qtbot.addWidget(again)
    titles = [again.tabs.tabText(i) for i in range(again.tabs.count())]
    assert titles[2:] == ["Goal", "Graded activity", "Exposure ladder", "Pacing"]
    kinds = [GoalTab, GradedActivityTab, ExposureTab, PacingTab]
    for index, kind in enumerate(kinds, start=2):
        place = again.tabs.widget(index)
        assert isinstance(place, TabPlace)
        assert place.findChild(kind) is None  # not built until shown
        again.tabs.setCurrentIndex(index)
        tab = place.findChild(kind)  # built, and the window owns it
        assert tab is not None and tab is place.tab


# ------------------------------------------------------------------ goal


def test_the_goal_fields_are_stored_on_enter(
    qtbot: QtBot, window: ProgressWindow, services: Services, refreshes: RefreshSpy
) -> None:
    tab = _open(window, GOAL)
    assert isinstance(tab, GoalTab)
    tab.personal_goal.clear()
    _type(qtbot, tab.personal_goal, "Walk the dog again")
    _type(qtbot, tab.parts["specific"], "Walk the dog around the park")
    _type(qtbot, tab.parts["value"], "Being outdoors with the family")
    stored = services.self_management.smart_goal(window.enrollment.id)
    assert stored.specific == "Walk the dog around the park"
    assert stored.value == "Being outdoors with the family"
    assert stored.measurable == ""
    row = services.groups.enrollments(1)[0]
    assert row.personal_goal == "Walk the dog again"
    qtbot.keyClick(tab.outcome, Qt.Key.Key_Down)  # not judged yet -> reached
    assert services.groups.enrollments(1)[0].goal_outcome == "reached"
    assert tab.message.text() == ""
    assert refreshes.count == 4  # after each store, and only then
    qtbot.keyClick(tab.parts["specific"], Qt.Key.Key_Return)  # unchanged: nothing stored
    assert refreshes.count == 4


# ------------------------------------------------------------------ graded activity


def _plan_form(window: ProgressWindow) -> tuple[GradedActivityTab, PlanForm]:
    tab = _open(window, GRADED_ACTIVITY)
    assert isinstance(tab, GradedActivityTab)
    assert isinstance(tab.body, PlanForm)  # no plan yet: the form
    return tab, tab.body


def _fill_worked_example(qtbot: QtBot, form: PlanForm, goal: str) -> None:
    qtbot.keyClicks(form.activity, "Walking")
    for edit, value in zip(form.baselines, ("25", "30", "35"), strict=True):
        qtbot.keyClicks(edit, value)
    qtbot.keyClicks(form.goal, goal)
    form.weeks.lineEdit().selectAll()
    qtbot.keyClicks(form.weeks, "5")


def test_the_worked_example_shows_the_start_while_typing_and_is_stored(
    qtbot: QtBot, window: ProgressWindow, services: Services, refreshes: RefreshSpy
) -> None:
    tab, form = _plan_form(window)
    for edit, value in zip(form.baselines, ("25", "30", "35"), strict=True):
        qtbot.keyClicks(edit, value)
    assert "30" in form.figures.text() and "22,5" in form.figures.text()  # Dutch decimals
    qtbot.keyClicks(form.activity, "Walking")
    qtbot.keyClicks(form.goal, "40")
    form.weeks.lineEdit().selectAll()
    qtbot.keyClicks(form.weeks, "5")
    assert "+3,5" in form.figures.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    (plan,) = services.self_management.plans(window.enrollment.id)
    assert plan.data.activity == "Walking" and plan.data.unit == "minutes"
    assert plan.data.baselines == (25.0, 30.0, 35.0) and plan.data.goal == 40
    assert plan.data.weeks == 5 and plan.data.times_per_week == 3
    assert plan.data.reduction_percent == 25 and plan.data.starts_on == TODAY
    assert plan.figures.start == pytest.approx(22.5)
    assert refreshes.count == 1  # the window's charts and flags follow
    view = _body(tab)
    assert isinstance(view, PlanView)  # the plan is shown now
    assert view.weeks_table.rowCount() == 6
    assert _item(view.weeks_table, 0, 2).text() == "22,5"


def test_a_goal_below_the_start_shows_a_message_and_stores_nothing(
    qtbot: QtBot, window: ProgressWindow, services: Services, refreshes: RefreshSpy
) -> None:
    tab, form = _plan_form(window)
    _fill_worked_example(qtbot, form, goal="20")  # the start is 22.5
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "22,5" in form.message.text()
    assert services.self_management.plans(window.enrollment.id) == []
    assert _body(tab) is form
    form.goal.clear()
    qtbot.keyClicks(form.goal, "forty")  # not a number at all
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.message.text() != ""
    assert services.self_management.plans(window.enrollment.id) == []
    assert refreshes.count == 0


def _plan_view(window: ProgressWindow, services: Services, starts_on: dt.date) -> PlanView:
    services.self_management.create_plan(
        window.enrollment.id, PlanInput("Walking", (25, 30, 35), 40, 5, starts_on)
    )
    tab = _open(window, GRADED_ACTIVITY)
    assert isinstance(tab, GradedActivityTab) and isinstance(tab.body, PlanView)
    return tab.body


def test_a_logged_amount_appears_in_the_week_table(
    qtbot: QtBot, window: ProgressWindow, services: Services
) -> None:
    view = _plan_view(window, services, TODAY)
    assert _item(view.weeks_table, 0, 3).text() == ""
    qtbot.keyClicks(view.amount, "23,5")
    qtbot.keyClicks(view.note, "Windy")
    qtbot.mouseClick(view.log_button, Qt.MouseButton.LeftButton)
    (entry,) = services.self_management.logs(view.plan.id)
    assert (entry.done_on, entry.amount, entry.note) == (TODAY, 23.5, "Windy")
    assert _item(view.weeks_table, 0, 3).text() == "23,5"
    assert view.amount.text() == "" and view.message.text() == ""
    _type(qtbot, view.amount, "-3")  # refused: nothing changes
    assert view.message.text() != ""
    assert [e.amount for e in services.self_management.logs(view.plan.id)] == [23.5]


def test_past_weeks_with_too_few_times_are_marked(
    window: ProgressWindow, services: Services
) -> None:
    set_language("en")  # "1 of 3"
    view = _plan_view(window, services, TODAY - dt.timedelta(days=14))
    services.self_management.log(view.plan.id, TODAY - dt.timedelta(days=14), 22.5)
    view.reload()
    week_1, week_3 = _item(view.weeks_table, 0, 4), _item(view.weeks_table, 2, 4)
    assert week_1.text() == "1 of 3"
    assert week_1.background().color().name() == "#fde2e1"
    assert week_3.font().bold()  # this week: not over yet, not marked
    assert week_3.background().style() == Qt.BrushStyle.NoBrush


def test_changing_and_removing_the_plan(
    qtbot: QtBot, window: ProgressWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _plan_view(window, services, TODAY)
    tab = view.parentWidget()
    assert isinstance(tab, GradedActivityTab)
    qtbot.mouseClick(view.change_button, Qt.MouseButton.LeftButton)
    form = _body(tab)
    assert isinstance(form, PlanForm) and form.goal.text() == "40"
    form.goal.clear()
    qtbot.keyClicks(form.goal, "45")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    (plan,) = services.self_management.plans(window.enrollment.id)
    assert plan.data.goal == 45 and plan.data.baselines == (25.0, 30.0, 35.0)
    shown = _body(tab)
    assert isinstance(shown, PlanView) and shown is not view
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: next(answers))
    qtbot.mouseClick(shown.remove_button, Qt.MouseButton.LeftButton)  # "No": kept
    assert len(services.self_management.plans(window.enrollment.id)) == 1
    qtbot.mouseClick(shown.remove_button, Qt.MouseButton.LeftButton)
    assert services.self_management.plans(window.enrollment.id) == []
    assert isinstance(_body(tab), PlanForm)


def test_the_chart_draws_planned_and_done_per_week(
    qtbot: QtBot, window: ProgressWindow, services: Services
) -> None:
    assert graded_activity_chart(window) is None  # no plan, no chart
    start = TODAY - dt.timedelta(days=10)
    plan = services.self_management.create_plan(
        window.enrollment.id, PlanInput("Walking", (25, 30, 35), 40, 5, start)
    )
    for days, amount in ((0, 22), (2, 23), (8, 26)):
        services.self_management.log(plan.id, start + dt.timedelta(days=days), amount)
    chart = graded_activity_chart(window)
    assert isinstance(chart, pg.PlotWidget)
    qtbot.addWidget(chart)
    planned, done = (i for i in chart.getPlotItem().items if isinstance(i, pg.PlotDataItem))
    xs, ys = planned.getData()
    assert list(xs) == [1, 2, 3, 4, 5, 6]
    assert list(ys) == pytest.approx([22.5, 26, 29.5, 33, 36.5, 40])
    xs, ys = done.getData()
    assert list(xs) == [1, 2] and list(ys) == pytest.approx([22.5, 26])
    assert planned.name() != done.name()


# ------------------------------------------------------------------ exposure ladder


def _edit_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Type into a cell as the therapist does: open its editor, type, Enter."""
    table.setCurrentCell(row, column)
    table.editItem(_item(table, row, column))
    editor = table.indexWidget(table.currentIndex())  # the open editor
    assert isinstance(editor, QSpinBox | QLineEdit)
    if isinstance(editor, QSpinBox):
        editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes the editor from the event loop.
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)


def test_the_ladder_is_stored_on_each_edit(
    qtbot: QtBot, window: ProgressWindow, services: Services
) -> None:
    tab = _open(window, EXPOSURE)
    assert isinstance(tab, ExposureTab)
    _edit_cell(qtbot, tab.table, 0, 1, "Bending to tie shoes")
    assert services.self_management.exposure(window.enrollment.id) == []  # no fear score yet
    assert "1" in tab.message.text()
    _edit_cell(qtbot, tab.table, 0, 2, "3")
    _edit_cell(qtbot, tab.table, 1, 1, "Lifting a crate")
    _edit_cell(qtbot, tab.table, 1, 2, "6")
    ladder = services.self_management.exposure(window.enrollment.id)
    assert [(s.rank, s.description, s.fear) for s in ladder] == [
        (1, "Bending to tie shoes", 3),
        (2, "Lifting a crate", 6),
    ]
    assert "Bending to tie shoes" in tab.next_label.text()
    assert _item(tab.table, 0, 1).background().color().name() == "#cfe5e3"
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    assert services.self_management.exposure(window.enrollment.id)[0].done_on == TODAY
    assert "Lifting a crate" in tab.next_label.text()
    assert _item(tab.table, 0, 1).background().style() == Qt.BrushStyle.NoBrush
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert services.self_management.exposure(window.enrollment.id)[0].done_on is None


def test_clearing_a_description_removes_its_step(
    qtbot: QtBot, window: ProgressWindow, services: Services
) -> None:
    tab = _open(window, EXPOSURE)
    assert isinstance(tab, ExposureTab)
    _edit_cell(qtbot, tab.table, 0, 1, "Vacuuming")
    _edit_cell(qtbot, tab.table, 0, 2, "5")
    assert len(services.self_management.exposure(window.enrollment.id)) == 1
    _item(tab.table, 0, 1).setText("")
    assert services.self_management.exposure(window.enrollment.id) == []
    tab.table.selectRow(3)  # an empty step cannot be done
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() != ""


# ------------------------------------------------------------------ pacing


def test_a_pacing_block_is_added_with_a_hint_and_removed(
    qtbot: QtBot, window: ProgressWindow, services: Services
) -> None:
    tab = _open(window, PACING)
    assert isinstance(tab, PacingTab)
    enrollment_id = window.enrollment.id
    _type(qtbot, tab.activity, "Groceries")  # Monday morning, effort, must
    assert services.self_management.pacing(enrollment_id) == [
        PacingBlock(1, "morning", "Groceries", "effort", "must", 1)
    ]
    hints = services.self_management.pacing_hints(enrollment_id)
    assert hints and all(hint.text in tab.hints.text() for hint in hints)
    assert "Groceries" in _item(tab.grid, 0, 0).text()
    tab.grid.setCurrentCell(tab.grid.rowCount() - 1, 2)  # the evening row, Wednesday
    assert tab.day.currentIndex() == 2 and tab.part.currentData() == "evening"
    tab.kind.setCurrentIndex(tab.kind.findData("rest"))
    tab.need.setCurrentIndex(tab.need.findData("want"))
    qtbot.keyClicks(tab.activity, "Reading")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert PacingBlock(3, "evening", "Reading", "rest", "want", 1) in (
        services.self_management.pacing(enrollment_id)
    )
    tab.grid.setCurrentCell(0, 0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [b.activity for b in services.self_management.pacing(enrollment_id)] == ["Reading"]


def test_an_empty_activity_is_refused(
    qtbot: QtBot, window: ProgressWindow, services: Services, refreshes: RefreshSpy
) -> None:
    tab = _open(window, PACING)
    assert isinstance(tab, PacingTab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() != ""
    assert services.self_management.pacing(window.enrollment.id) == []
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)  # nothing chosen
    assert tab.message.text() != ""
    assert refreshes.count == 0


# ------------------------------------------------------------------ after a change notice


def test_a_change_notice_shows_the_ladder_and_the_log_as_stored(
    window: ProgressWindow, services: Services, events: Events
) -> None:
    tools, eid = services.self_management, window.enrollment.id
    ladder = _open(window, EXPOSURE)
    assert isinstance(ladder, ExposureTab)
    view = _plan_view(window, services, TODAY)  # shown now: the ladder is hidden
    tools.set_exposure(eid, [ExposureInput(1, "Bending to the floor", 6)])  # elsewhere
    (plan,) = tools.plans(eid)
    tools.log(plan.id, TODAY, 21.5)
    events.participants_changed.emit()
    tab = window.show_tab(GRADED_ACTIVITY)
    assert isinstance(tab, GradedActivityTab) and tab.body is view  # kept, read anew
    assert _item(view.weeks_table, 0, 3).text() == "21,5"
    assert window.show_tab(EXPOSURE) is ladder
    assert _item(ladder.table, 0, 1).text() == "Bending to the floor"
    assert "Bending to the floor" in ladder.next_label.text()


def test_a_change_notice_leaves_a_plan_form_as_typed(
    qtbot: QtBot, window: ProgressWindow, services: Services, events: Events
) -> None:
    tab, form = _plan_form(window)
    qtbot.keyClicks(form.activity, "Cycling")
    events.groups_changed.emit()
    assert tab.body is form and form.activity.text() == "Cycling"
