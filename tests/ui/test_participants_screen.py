"""Deelnemers: the search, the filter and a column header's sort together; the chosen person
stays chosen as long as the list shows them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.services.names import collation_key
from rugschool.ui.events import Events
from rugschool.ui.participant_filter import ShownParticipants
from rugschool.ui.participant_table_model import ParticipantTableModel
from rugschool.ui.participants_screen import ParticipantsScreen

NAME, BIRTH, REFERRER = 0, 1, 4


@pytest.fixture
def screen(qtbot: QtBot, services: Services, events: Events) -> ParticipantsScreen:
    services.load_demo()
    screen = ParticipantsScreen(services.participants, events, services=services)
    qtbot.addWidget(screen)
    screen.resize(1000, 600)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _names(screen: ParticipantsScreen) -> list[str]:
    return [screen.proxy.index(r, 0).data() for r in range(screen.proxy.rowCount())]


def _chosen(screen: ParticipantsScreen) -> str | None:
    row = screen.selected()
    return row.list_name if row else None


def _choose(screen: ParticipantsScreen, name: str) -> None:
    screen.table.selectRow(_names(screen).index(name))
    assert _chosen(screen) == name


def _click_header(qtbot: QtBot, screen: ParticipantsScreen, column: int) -> None:
    header = screen.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    where = QPoint(x, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _backspace(qtbot: QtBot, screen: ParticipantsScreen, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(screen.search, Qt.Key.Key_Backspace)


def test_a_header_sort_lasts_through_a_search_and_keeps_the_chosen_person(
    qtbot: QtBot, screen: ParticipantsScreen, services: Services
) -> None:
    region_order = [r.list_name for r in services.participants.rows(sort=True)]
    assert _names(screen) == region_order
    _click_header(qtbot, screen, NAME)  # sorted by name already: now Z to A
    assert _names(screen) == region_order[::-1]
    _choose(screen, "Berg, Jan van der")

    qtbot.keyClicks(screen.search, "ja")  # Jan van der Berg and Anouk Jansen
    assert _names(screen) == ["Jansen, Anouk", "Berg, Jan van der"]
    assert _chosen(screen) == "Berg, Jan van der"
    assert screen.table.currentIndex().row() == 1
    assert screen.edit_button.isEnabled()

    qtbot.keyClicks(screen.search, "x")
    assert _names(screen) == []
    assert _chosen(screen) is None
    assert not screen.edit_button.isEnabled()

    _backspace(qtbot, screen)  # the widening keystroke
    assert _names(screen) == ["Jansen, Anouk", "Berg, Jan van der"]
    _backspace(qtbot, screen, 2)
    assert _names(screen) == region_order[::-1]


def test_a_wider_search_brings_everyone_back_where_they_were(
    qtbot: QtBot, screen: ParticipantsScreen, services: Services
) -> None:
    _click_header(qtbot, screen, REFERRER)  # A to Z
    _click_header(qtbot, screen, REFERRER)  # Z to A
    before = _names(screen)
    # Equal referrers keep the region's name order, in either direction.
    rows = services.participants.rows(sort=True)
    by_referrer = sorted(rows, key=lambda r: collation_key(r.referrer), reverse=True)
    assert before == [r.list_name for r in by_referrer]
    assert before.index("Maes, Inge") < before.index("Van den Broeck, Lotte")
    assert before[-3:] == ["Berg, Jan van der", "Hof, Femke van 't", "Şahin, Elif"]  # none

    qtbot.keyClicks(screen.search, "huisarts")
    narrowed = _names(screen)
    assert narrowed == [n for n in before if n in narrowed]
    assert len(narrowed) == 6
    _choose(screen, "Peeters, Pieter")
    _backspace(qtbot, screen, len("huisarts"))
    assert _names(screen) == before
    assert _chosen(screen) == "Peeters, Pieter"


def test_a_column_sorts_by_its_own_key(qtbot: QtBot, screen: ParticipantsScreen) -> None:
    _click_header(qtbot, screen, BIRTH)  # by the date, not by the text "30-06-1957"
    assert _names(screen)[:2] == ["Berg, Jan van der", "Peeters, Pieter"]  # 1957, 1962
    assert _names(screen)[-1] == "Hof, Femke van 't"  # 1995


def test_the_status_filter_and_a_reload_keep_the_chosen_person(
    screen: ParticipantsScreen, services: Services, events: Events
) -> None:
    _choose(screen, "Maes, Inge")
    screen.filter_combo.setCurrentIndex(screen.filter_combo.findData("all"))
    assert _chosen(screen) == "Maes, Inge"
    events.participants_changed.emit()  # as after an edit
    assert _chosen(screen) == "Maes, Inge"
    screen.filter_combo.setCurrentIndex(screen.filter_combo.findData("waiting"))
    assert _names(screen) == []
    assert _chosen(screen) is None
    assert not screen.archive_button.isEnabled()


def test_the_filter_passes_qts_model_checks(
    qtmodeltester: ModelTester, services: Services, events: Events
) -> None:
    services.load_demo()
    shown = ShownParticipants(ParticipantTableModel(services.participants, events))
    qtmodeltester.check(shown)
    shown.sort(REFERRER, Qt.SortOrder.DescendingOrder)
    shown.set_query("huisarts")
    shown.set_status("all")
    assert shown.rowCount() == 6
    services.participants.set_archived(6, True)
    events.participants_changed.emit()
    assert shown.rowCount() == 6
    shown.set_status("current")
    assert shown.rowCount() == 5
    assert shown.row_of(6) == -1
    assert shown.index(shown.row_of(9), 0).data() == "Maes, Inge"
