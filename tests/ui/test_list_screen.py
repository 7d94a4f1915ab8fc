"""A list screen sizes its columns once, from its headers and a sample of its first rows:
measuring reads every sampled cell through Python, so a reload (after any edit) leaves the
widths, the therapist's own included, as they are."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from rugschool.i18n import N_
from rugschool.services.bundle import Services
from rugschool.services.participants import ParticipantInput
from rugschool.ui import list_screen
from rugschool.ui.events import Events
from rugschool.ui.list_screen import ListScreen
from rugschool.ui.participant_filter import ShownParticipants
from rugschool.ui.participants_screen import ParticipantsScreen
from rugschool.ui.row_table_model import Column, RowTableModel
from rugschool.ui.widgets import make_table

EMAIL = 3
LONGEST_EMAIL = "lotte.vdbroeck@example.be"  # in the demo


def _open(qtbot: QtBot, screen: ListScreen) -> ListScreen:
    qtbot.addWidget(screen)
    screen.resize(1000, 600)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _widths(screen: ListScreen) -> list[int]:
    header = screen.table.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]


def _fit_every_header(screen: ListScreen) -> None:
    header = screen.table.horizontalHeader()
    for column in range(header.count()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column


def _text_width(screen: ListScreen, text: str) -> int:
    return screen.table.fontMetrics().horizontalAdvance(text)


def test_columns_are_sized_once_and_a_reload_keeps_the_widths(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    services.load_demo()
    screen = _open(qtbot, ParticipantsScreen(services.participants, events, services=services))
    _fit_every_header(screen)
    assert _widths(screen)[EMAIL] > _text_width(screen, LONGEST_EMAIL)

    screen.table.horizontalHeader().resizeSection(EMAIL, 40)  # the therapist narrows it
    services.participants.create(
        ParticipantInput(first_name="Aa", last_name="Aa", email="a-very-long-address" * 4)
    )
    events.participants_changed.emit()  # a reload, as after any edit
    assert screen.model.rowCount() == 11
    assert _widths(screen)[EMAIL] == 40


def test_an_empty_list_sizes_its_columns_when_its_first_rows_come(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    screen = _open(qtbot, ParticipantsScreen(services.participants, events, services=services))
    assert screen.body.currentWidget() is screen.empty_label
    _fit_every_header(screen)
    assert _widths(screen)[EMAIL] < _text_width(screen, LONGEST_EMAIL)  # the header only

    services.load_demo()
    events.participants_changed.emit()
    assert screen.body.currentWidget() is screen.table
    _fit_every_header(screen)
    assert _widths(screen)[EMAIL] > _text_width(screen, LONGEST_EMAIL)

    screen.table.horizontalHeader().resizeSection(EMAIL, 40)
    events.participants_changed.emit()
    assert _widths(screen)[EMAIL] == 40


def test_a_column_is_measured_from_its_first_rows_only(
    qtbot: QtBot, services: Services, events: Events, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At clinic scale Qt would read 1,000 rows per column; the screen reads SAMPLE_ROWS."""
    monkeypatch.setattr(list_screen, "SAMPLE_ROWS", 2)
    services.load_demo()
    screen = _open(qtbot, ParticipantsScreen(services.participants, events, services=services))
    # The first two by name: "Berg, Jan van der" (j.vdberg@example.nl) and "Çelik, Mehmet"
    # (no e-mail address); the longest address is further down.
    assert _widths(screen)[EMAIL] >= _text_width(screen, "j.vdberg@example.nl")
    assert _widths(screen)[EMAIL] < _text_width(screen, LONGEST_EMAIL)
    _fit_every_header(screen)


def test_the_participants_table_shows_the_shown_participants_themselves(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    """No proxy between the view and ShownParticipants: a proxy adds Python calls to every
    cell painted."""
    services.load_demo()
    screen = _open(qtbot, ParticipantsScreen(services.participants, events, services=services))
    assert isinstance(screen.proxy, ShownParticipants)
    assert screen.table.model() is screen.proxy


class Numbers(RowTableModel[tuple[str, int]]):
    columns = (
        Column(N_("Name"), lambda row: row[0]),
        Column(N_("Number"), lambda row: str(row[1]), lambda row: row[1]),
    )


def test_the_default_proxy_searches_and_sorts_by_the_sort_role(qtbot: QtBot) -> None:
    rows = [("Nine", 9), ("ten", 10), ("Eleven", 11), ("one", 1)]
    screen = _open(
        qtbot,
        ListScreen(
            Numbers(lambda: rows),
            title="Numbers",
            search_hint="Search",
            empty_text="None yet",
            count_text=str,
        ),
    )

    def shown() -> list[str]:
        return [screen.proxy.index(r, 0).data() for r in range(screen.proxy.rowCount())]

    assert shown() == ["Eleven", "Nine", "one", "ten"]  # the first column, A to Z
    header = screen.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown() == ["one", "Nine", "ten", "Eleven"]  # by number, not by text
    qtbot.keyClicks(screen.search, "N")
    assert shown() == ["one", "Nine", "ten", "Eleven"]  # case does not count
    qtbot.keyClicks(screen.search, "e")
    assert shown() == ["one", "Nine"]
    _fit_every_header(screen)


def test_a_house_table_fits_its_columns_unless_its_owner_sizes_them(qtbot: QtBot) -> None:
    """A small table follows its contents; a list screen's header never measures by itself
    (it did while sorting was switched on, 1,000 rows per column each time)."""
    model = Numbers(lambda: [("one", 1)])
    fitted, sized = make_table(model), make_table(model, fit_columns=False)
    for table in (fitted, sized):
        qtbot.addWidget(table)
    modes = QHeaderView.ResizeMode
    assert fitted.horizontalHeader().sectionResizeMode(0) == modes.ResizeToContents
    assert sized.horizontalHeader().sectionResizeMode(0) == modes.Interactive
    screen = ListScreen(model, title="N", search_hint="S", empty_text="E", count_text=str)
    qtbot.addWidget(screen)
    header = screen.table.horizontalHeader()
    assert [header.sectionResizeMode(c) for c in range(2)] == [modes.Interactive] * 2
