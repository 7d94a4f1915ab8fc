"""Vandaag lists the measures that are due or overdue, and opens the person's measures."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.ui.events import Events
from rugschool.ui.progress_window import ProgressWindow
from rugschool.ui.today_screen import TodayScreen


def test_due_measures_are_listed_and_open_the_persons_window(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    services.load_demo()
    screen = TodayScreen(services, events)
    qtbot.addWidget(screen)
    due = services.measures.due(dt.date.today())
    assert screen.measures.rowCount() == len(due) > 0
    first = screen.measures.row_at(0)
    assert first.missing  # it says what is still to be measured
    screen.measure_table.selectRow(0)
    window = screen.open_measures()
    assert isinstance(window, ProgressWindow)
    qtbot.addWidget(window)
    assert window.enrollment.id == first.enrollment_id
    current = window.tabs.currentWidget()
    assert current is not None and current.objectName() == "measures"
