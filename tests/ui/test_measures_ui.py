"""The measures tab of the progress window and the dialog that enters one moment's
measures: driven with qtbot, checked on what was stored."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from rugschool.i18n import set_language
from rugschool.services.bundle import Services
from rugschool.ui.events import Events
from rugschool.ui.instrument_forms import NprsForm, NumberForm, PskForm, QbpdsForm
from rugschool.ui.measure_forms import MeasureDialog
from rugschool.ui.measures_tab import (
    STATUS_COLOURS,
    STATUS_ROLE,
    MeasuresTab,
    measures_chart,
    measures_tab,
)
from rugschool.ui.progress_window import ProgressWindow

DAY = dt.date(2026, 1, 5)


@pytest.fixture
def window(qtbot: QtBot, services: Services, events: Events) -> ProgressWindow:
    """The first person of the demo group, with nothing measured yet (whatever the demo
    measured for them is removed first)."""
    services.load_demo()
    enrollment = services.groups.enrollments(1)[0]
    for row in services.measures.for_enrollment(enrollment.id):
        services.measures.remove(enrollment.id, row.instrument, row.moment)
    progress = ProgressWindow(services, events, enrollment)
    qtbot.addWidget(progress)
    return progress


def _dialog(qtbot: QtBot, window: ProgressWindow, moment: str) -> MeasureDialog:
    dialog = MeasureDialog(window.services, window.enrollment, moment)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _stored(window: ProgressWindow) -> dict[tuple[str, str], dict[str, object]]:
    rows = window.services.measures.for_enrollment(window.enrollment.id)
    return {(str(r.instrument), str(r.moment)): r.answers for r in rows}


def _save(qtbot: QtBot, dialog: MeasureDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _fill_psk(qtbot: QtBot, form: PskForm, activities: list[tuple[str, int]]) -> None:
    for (name, score), edit, box in zip(activities, form.names, form.scores, strict=False):
        edit.clear()
        qtbot.keyClicks(edit, name)
        box.setValue(score)


def _fill_everything(qtbot: QtBot, dialog: MeasureDialog) -> None:
    nprs = dialog.forms["nprs"]
    assert isinstance(nprs, NprsForm)
    nprs.back.setValue(6)
    nprs.leg.setValue(2)
    psk = dialog.forms["psk"]
    assert isinstance(psk, PskForm)
    _fill_psk(qtbot, psk, [("gardening", 7), ("standing long", 5)])
    qbpds = dialog.forms["qbpds"]
    assert isinstance(qbpds, QbpdsForm)
    for choice in qbpds.items:
        choice.setCurrentIndex(choice.findData(2))
    for key, value in (("odi", 30), ("fabq_pa", 12), ("forward_bend", 15)):
        form = dialog.forms[key]
        assert isinstance(form, NumberForm)
        form.box.setValue(value)
    for key in ("extensor_endurance", "flexor_endurance", "sit_to_stand"):
        form = dialog.forms[key]
        assert isinstance(form, NumberForm)
        form.box.setValue(40)


def test_the_qbpds_total_follows_the_items_as_they_are_set(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    set_language("en")
    dialog = _dialog(qtbot, window, "intake")
    qbpds = dialog.forms["qbpds"]
    assert isinstance(qbpds, QbpdsForm)
    assert qbpds.answers() is None and qbpds.score_label.text() == "Not filled in"
    for choice in qbpds.items[:17]:
        choice.setCurrentIndex(choice.findData(1))
    assert qbpds.score_label.text() == "No total score: more than two items not answered"
    for choice in qbpds.items[17:]:
        choice.setCurrentIndex(choice.findData(1))
    assert qbpds.score_label.text() == "Total score: 20 of 100"
    assessed = qbpds.assessed()
    assert assessed is not None and assessed.score == 20
    qbpds.items[0].setCurrentIndex(0)  # not answered: the rest prorated to 20 items
    assert qbpds.score_label.text() == "Total score: 20 of 100"
    qbpds.items[1].setCurrentIndex(qbpds.items[1].findData(5))
    assert qbpds.score_label.text() == "Total score: 24 of 100"


def test_saving_stores_each_filled_form_and_skips_the_empty_ones(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    dialog = _dialog(qtbot, window, "intake")
    nprs = dialog.forms["nprs"]
    assert isinstance(nprs, NprsForm)
    nprs.back.setValue(6)
    psk = dialog.forms["psk"]
    assert isinstance(psk, PskForm)
    _fill_psk(qtbot, psk, [("gardening", 7), ("standing long", 5)])
    qbpds = dialog.forms["qbpds"]
    assert isinstance(qbpds, QbpdsForm)
    for choice in qbpds.items:
        choice.setCurrentIndex(choice.findData(1))
    _save(qtbot, dialog)
    assert dialog.result() == MeasureDialog.DialogCode.Accepted
    stored = _stored(window)
    assert set(stored) == {("nprs", "intake"), ("psk", "intake"), ("qbpds", "intake")}
    assert stored["nprs", "intake"] == {"back": 6, "leg": None}
    assert stored["psk", "intake"] == {"activities": [["gardening", 7], ["standing long", 5]]}
    assert stored["qbpds", "intake"] == {"items": [1] * 20}


def test_the_intake_activities_are_prefilled_at_mid_course(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    intake = _dialog(qtbot, window, "intake")
    psk = intake.forms["psk"]
    assert isinstance(psk, PskForm)
    _fill_psk(qtbot, psk, [("cycling", 8), ("lifting groceries", 6)])
    _save(qtbot, intake)
    mid = _dialog(qtbot, window, "mid")
    assert set(mid.forms) == {"nprs", "psk"}  # what the mid-course moment asks
    rescored = mid.forms["psk"]
    assert isinstance(rescored, PskForm)
    assert [edit.text() for edit in rescored.names] == ["cycling", "lifting groceries", ""]
    assert rescored.answers() is None  # names alone are not a measurement yet
    rescored.scores[0].setValue(5)
    rescored.scores[1].setValue(3)
    _save(qtbot, mid)
    assert _stored(window)["psk", "mid"] == {
        "activities": [["cycling", 5], ["lifting groceries", 3]]
    }


def test_a_form_with_an_error_blocks_saving_and_nothing_is_stored(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    set_language("en")
    dialog = _dialog(qtbot, window, "intake")
    nprs = dialog.forms["nprs"]
    assert isinstance(nprs, NprsForm)
    nprs.back.setValue(4)  # fine on its own
    psk = dialog.forms["psk"]
    assert isinstance(psk, PskForm)
    psk.scores[0].setValue(5)  # a score without the activity's name
    assert psk.score_label.text() == "Give each activity a name."
    _save(qtbot, dialog)
    assert _stored(window) == {}
    assert dialog.isVisible() and dialog.result() != MeasureDialog.DialogCode.Accepted
    assert "Nothing was saved" in dialog.message.text() and "PSK" in dialog.message.text()
    qtbot.keyClicks(psk.names[0], "walking")
    assert psk.score_label.text() == "Score: 5 (mean of the scored activities)"
    _save(qtbot, dialog)
    assert set(_stored(window)) == {("nprs", "intake"), ("psk", "intake")}


def test_stored_measures_are_loaded_and_editing_replaces_them(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    measures, eid = window.services.measures, window.enrollment.id
    measures.record(eid, "nprs", "intake", {"back": 7, "leg": 3}, DAY)
    measures.record(eid, "odi", "intake", {"total": 40}, DAY)
    dialog = _dialog(qtbot, window, "intake")
    nprs, odi = dialog.forms["nprs"], dialog.forms["odi"]
    assert isinstance(nprs, NprsForm) and isinstance(odi, NumberForm)
    assert (nprs.back.value(), nprs.leg.value(), odi.box.value()) == (7, 3, 40)
    nprs.back.setValue(5)
    odi.box.setValue(odi.box.minimum())  # emptied: the stored total goes
    _save(qtbot, dialog)
    stored = _stored(window)
    assert stored == {("nprs", "intake"): {"back": 5, "leg": 3}}


def test_the_tab_shows_intake_done_after_saving_and_draws_the_scores(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    tab = measures_tab(window)
    assert isinstance(tab, MeasuresTab)
    qtbot.addWidget(tab)
    tab.show()
    intake_status = tab.moments_table.item(0, 2)
    assert intake_status is not None and intake_status.data(STATUS_ROLE) != "done"
    assert measures_chart(window) is None
    tab.moments_table.selectRow(0)
    dialog = tab.enter_measures()
    assert dialog is not None and dialog.moment == "intake"
    _fill_everything(qtbot, dialog)
    _save(qtbot, dialog)
    status = tab.moments_table.item(0, 2)
    assert status is not None and status.data(STATUS_ROLE) == "done"
    assert status.background().color().name() == STATUS_COLOURS["done"]
    assert tab.moments_table.item(0, 3).text() == ""  # type: ignore[union-attr]
    assert len(_stored(window)) == 9
    chart = tab.findChild(QWidget, "measuresChart")
    assert chart is not None and chart.findChild(pg.PlotWidget, "measureChart_qbpds")


def test_the_chart_has_a_line_through_the_saved_back_pain(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    for moment, back in (("intake", 6), ("mid", 4)):
        dialog = _dialog(qtbot, window, moment)
        nprs = dialog.forms["nprs"]
        assert isinstance(nprs, NprsForm)
        nprs.back.setValue(back)
        _save(qtbot, dialog)
    chart = measures_chart(window)
    assert chart is not None
    qtbot.addWidget(chart)
    plot = chart.findChild(pg.PlotWidget, "measureChart_nprs")
    assert plot is not None
    (line,) = plot.getPlotItem().listDataItems()
    xs, ys = line.getData()
    assert list(xs) == [0, 1] and list(ys) == [6, 4]
    assert chart.findChild(pg.PlotWidget, "measureChart_qbpds") is None  # not measured


def test_the_scores_table_shows_the_change_from_intake(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    set_language("en")
    measures, eid = window.services.measures, window.enrollment.id
    measures.record(eid, "nprs", "intake", {"back": 6}, DAY)
    measures.record(eid, "nprs", "mid", {"back": 4}, DAY)
    measures.record(eid, "extensor_endurance", "intake", {"value": 60}, DAY)
    measures.record(eid, "extensor_endurance", "end", {"value": 50}, DAY)
    tab = MeasuresTab(window)
    qtbot.addWidget(tab)
    table = tab.scores_table
    cells = [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]
    assert cells[0] == ["NPRS", "6", "4", "", "-2 (better)"]
    assert cells[1] == ["Back-extensor endurance", "60", "", "50", "-10 (worse)"]


def test_double_click_opens_the_moment_and_every_input_has_a_name(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    tab = MeasuresTab(window)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    table = tab.moments_table
    rect = table.visualRect(table.model().index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = tab.findChild(MeasureDialog)
    assert dialog is not None and dialog.moment == "mid"
    named = 0
    for form in dialog.forms.values():
        assert form.toolTip()  # the instrument's description
        for field in form.findChildren(QWidget):
            tabbable = field.focusPolicy() & Qt.FocusPolicy.TabFocus
            if tabbable and not field.objectName().startswith("qt_"):  # Qt's inner parts
                assert field.accessibleName(), field
                named += 1
    assert named >= 8  # back, leg, three activities with their scores
    dialog.reject()


def test_tab_reaches_every_field_and_the_save_button(qtbot: QtBot, window: ProgressWindow) -> None:
    dialog = _dialog(qtbot, window, "mid")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.taken_on.setFocus()
    reached: list[QWidget | None] = []
    for _press in range(30):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        reached += [widget, widget.parentWidget()]  # a spin box's focus is its line edit
    nprs, psk = dialog.forms["nprs"], dialog.forms["psk"]
    assert isinstance(nprs, NprsForm) and isinstance(psk, PskForm)
    for field in (dialog.notes, nprs.back, nprs.leg, *psk.names, *psk.scores):
        assert field in reached, field.accessibleName()
    assert dialog.save_button in reached and dialog.cancel_button in reached
