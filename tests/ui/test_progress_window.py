"""A participant's progress window and a group's progress tab, from the group screen."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.ui.events import Events
from rugschool.ui.group_detail import GroupDetail
from rugschool.ui.progress_window import ProgressWindow


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
