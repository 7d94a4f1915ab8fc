"""A participant's progress window and a group's progress tab, from the group screen; the
window's tabs built when first shown and read anew after a change notice."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from rugschool.i18n import set_language
from rugschool.services.bundle import Services
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.self_management import SmartGoalText
from rugschool.ui.events import Events
from rugschool.ui.group_detail import GroupDetail
from rugschool.ui.measures_tab import MeasuresTab
from rugschool.ui.progress_window import ProgressWindow, TabPlace
from rugschool.ui.self_management_tabs import GoalTab, PacingTab


def _detail(qtbot: QtBot, services: Services, events: Events) -> GroupDetail:
    services.load_demo()
    detail = GroupDetail(services, events)
    qtbot.addWidget(detail)
    detail.show_group(services.groups.rows()[0])
    detail.show()
    return detail


def test_progress_opens_for_the_chosen_person_with_their_charts(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    detail = _detail(qtbot, services, events)
    assert detail.open_progress() is None  # nobody chosen: a message, no window
    detail.people_table.selectRow(2)
    window = detail.open_progress()
    assert isinstance(window, ProgressWindow)
    qtbot.addWidget(window)
    assert window.enrollment.name == detail.people.row_at(2).enrollment.name
    page = window.charts_tab.widget()
    assert page is not None
    plots = page.findChildren(pg.PlotWidget)
    assert len(plots) >= 2  # levels and pain


def test_the_group_progress_tab_draws_attendance_and_levels(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    detail = _detail(qtbot, services, events)
    detail.tabs.setCurrentWidget(detail.progress_tab)
    tab = detail.progress_tab
    assert tab.progress is not None and tab.exercise.count() == 8
    assert len(tab.findChildren(pg.PlotWidget)) == 2
    tab.exercise.setCurrentIndex(7)
    qtbot.waitUntil(lambda: len(tab.findChildren(pg.PlotWidget)) == 2)
    assert tab.progress.distribution[7].name in tab.exercise.currentText()


def test_the_flags_of_a_course_show_in_the_group_list_and_the_window(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    detail = _detail(qtbot, services, events)
    column = detail.people.columnCount() - 1
    flagged = [
        r for r in range(detail.people.rowCount())
        if detail.people.index(r, column).data()
    ]  # fmt: skip
    assert len(flagged) == 1  # the demo's one course that asks for attention
    index = detail.people.index(flagged[0], column)
    assert index.data().startswith("⚑")
    assert "pijn" in index.data(Qt.ItemDataRole.ToolTipRole).lower()
    detail.people_table.selectRow(flagged[0])
    window = detail.open_progress()
    assert window is not None
    qtbot.addWidget(window)
    assert window.flags.text().startswith("⚑")
    detail.people_table.selectRow(0 if flagged[0] else 1)
    calm = detail.open_progress()
    assert calm is not None
    qtbot.addWidget(calm)
    assert not calm.flags.text().startswith("⚑")


# ------------------------------------------------------------------ tabs built when shown


DAY = dt.date(2026, 1, 5)
GROCERIES = PacingBlock(2, "morning", "Groceries", "effort", "must", 1)


def _window(qtbot: QtBot, services: Services, events: Events) -> ProgressWindow:
    """The demo's first person, with nothing measured and an empty week plan."""
    services.load_demo()
    enrollment = services.groups.enrollments(1)[0]
    for row in services.measures.for_enrollment(enrollment.id):
        services.measures.remove(enrollment.id, row.instrument, row.moment)
    services.self_management.set_pacing(enrollment.id, [])
    window = ProgressWindow(services, events, enrollment)
    qtbot.addWidget(window)
    return window


def _active_window(qtbot: QtBot, services: Services, events: Events) -> ProgressWindow:
    """The same, shown and active: ready for keys."""
    window = _window(qtbot, services, events)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _places(window: ProgressWindow) -> dict[str, TabPlace]:
    pages = [window.tabs.widget(i) for i in range(window.tabs.count())]
    return {p.objectName(): p for p in pages if isinstance(p, TabPlace)}


def _scores(tab: MeasuresTab) -> list[list[str]]:
    table = tab.scores_table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def test_only_the_charts_are_built_and_a_tab_is_built_with_its_data_when_shown(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    window = _window(qtbot, services, events)
    services.self_management.set_pacing(window.enrollment.id, [GROCERIES])
    places = _places(window)
    assert list(places) == ["measures", "goal", "gradedActivity", "exposure", "pacing"]
    assert all(place.tab is None for place in places.values())
    assert window.charts_tab.widget() is not None  # the charts are there at once
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(places["pacing"])  # as a click on its tab does
    pacing = places["pacing"].tab
    assert isinstance(pacing, PacingTab) and pacing.isVisible()
    assert [block.activity for block in pacing.blocks] == ["Groceries"]
    texts = [
        item.text()
        for r in range(pacing.grid.rowCount())
        for c in range(pacing.grid.columnCount())
        if (item := pacing.grid.item(r, c)) is not None
    ]
    assert any(text.startswith("Groceries") for text in texts)
    assert all(places[name].tab is None for name in ("measures", "goal", "exposure"))


def test_show_measures_lands_on_the_built_measures_tab(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    window = _window(qtbot, services, events)
    services.measures.record(window.enrollment.id, "nprs", "intake", {"back": 6}, DAY)
    window.show_measures()
    place = window.tabs.currentWidget()
    assert isinstance(place, TabPlace) and place.objectName() == "measures"
    assert isinstance(place.tab, MeasuresTab)
    assert place.tab.moments_table.rowCount() == 6  # every measuring moment
    assert _scores(place.tab)[0][:2] == ["NPRS", "6"]


def test_the_tabs_are_reached_with_the_keyboard_and_built_on_the_way(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    window = _active_window(qtbot, services, events)
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Right)  # Charts -> Measures
    place = _places(window)["measures"]
    assert window.tabs.currentWidget() is place and isinstance(place.tab, MeasuresTab)
    reached = []
    for _press in range(4):  # from the tab bar into the tab: its moments table, by name
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert place.tab.moments_table in reached
    assert place.tab.moments_table.accessibleName() == "Meetmomenten"
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # next tab
    goal = _places(window)["goal"].tab
    assert isinstance(goal, GoalTab)
    focused = QApplication.focusWidget()  # followed into the tab just built
    assert focused is not None and goal.isAncestorOf(focused) and focused.accessibleName()


def test_a_change_notice_reads_the_built_tabs_and_the_charts_anew(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    window = _window(qtbot, services, events)
    window.show()
    qtbot.waitExposed(window)
    measures = window.show_tab("measures")
    pacing = window.show_tab("pacing")
    assert isinstance(measures, MeasuresTab) and isinstance(pacing, PacingTab)
    assert _scores(measures) == [] and pacing.blocks == []
    charts = window.charts_tab.widget()
    assert charts is not None and charts.findChild(QWidget, "measuresChart") is None
    eid = window.enrollment.id
    services.measures.record(eid, "nprs", "intake", {"back": 6}, DAY)  # elsewhere
    services.self_management.set_pacing(eid, [GROCERIES])
    events.participants_changed.emit()
    assert [block.activity for block in pacing.blocks] == ["Groceries"]  # shown: at once
    assert _scores(measures) == []  # hidden: when shown
    assert window.show_tab("measures") is measures  # the same tab, read anew
    assert _scores(measures)[0][:2] == ["NPRS", "6"]
    window.show_tab("charts")
    charts = window.charts_tab.widget()
    assert charts is not None and charts.findChild(pg.PlotWidget, "measureChart_nprs")


def test_a_hidden_window_reads_anew_when_it_is_shown_again(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    window = _window(qtbot, services, events)
    window.show()
    pacing = window.show_tab("pacing")
    assert isinstance(pacing, PacingTab)
    window.close()
    services.self_management.set_pacing(window.enrollment.id, [GROCERIES])
    events.groups_changed.emit()
    assert pacing.blocks == []  # a closed window does no work
    window.show()
    assert [block.activity for block in pacing.blocks] == ["Groceries"]


def test_the_charts_follow_a_change_in_another_tab_when_they_are_shown(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    window = _window(qtbot, services, events)
    window.show()
    measures = window.show_tab("measures")
    assert isinstance(measures, MeasuresTab)
    before = window.charts_tab.widget()
    services.measures.record(window.enrollment.id, "nprs", "intake", {"back": 6}, DAY)
    window.refresh()  # as a tab does after storing
    assert window.charts_tab.widget() is before  # not while another tab is shown
    window.show_tab("charts")
    charts = window.charts_tab.widget()
    assert charts is not before and charts is not None
    assert charts.findChild(pg.PlotWidget, "measureChart_nprs") is not None


def test_a_change_notice_keeps_what_is_being_typed_in_the_goal(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    window = _active_window(qtbot, services, events)
    goal = window.show_tab("goal")
    assert isinstance(goal, GoalTab)
    goal.personal_goal.setFocus()
    goal.personal_goal.selectAll()
    qtbot.keyClicks(goal.personal_goal, "Cycling to work")  # not stored yet: still typing
    eid = window.enrollment.id
    services.self_management.save_smart_goal(eid, SmartGoalText(specific="Cycle 5 km"))
    events.participants_changed.emit()
    assert goal.parts["specific"].text() == "Cycle 5 km"  # stored elsewhere: shown
    assert goal.personal_goal.text() == "Cycling to work"  # typed here: kept
    goal.parts["value"].setFocus()  # leaving the field stores it, with the new SMART goal
    row = next(e for e in services.groups.enrollments(1) if e.id == eid)
    assert row.personal_goal == "Cycling to work"
    assert services.self_management.smart_goal(eid).specific == "Cycle 5 km"


def test_a_removed_enrollment_shows_why_instead_of_failing(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    set_language("en")
    window = _window(qtbot, services, events)
    window.show()
    window.show_tab("measures")
    services.groups.remove_enrollment(window.enrollment.id)
    events.groups_changed.emit()
    assert "no longer exists" in window.flags.text()
    shown = window.show_tab("exposure")  # never built: the reason takes its place
    assert isinstance(shown, QLabel) and "no longer exists" in shown.text()
    window.show_tab("charts")
    page = window.charts_tab.widget()
    assert page is not None and not page.findChildren(pg.PlotWidget)
    assert any("is not in group" in label.text() for label in page.findChildren(QLabel))
