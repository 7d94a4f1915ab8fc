"""The measures tab of a participant's progress window: the measuring moments (when each is
due, its state, what is still missing), "Enter measures…" for the chosen moment, the scores
per instrument and moment with the change from the intake to the latest, and the charts of
back pain, PSK and QBPDS over the moments.

`measures_tab(window)` and `measures_chart(window)` are what the window builds; pyqtgraph is
imported only when a chart is drawn (it brings numpy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import N_, _
from rugschool.services import scoring
from rugschool.services.measures import MeasurementRow, MomentRow
from rugschool.ui.formatting import date_text
from rugschool.ui.instrument_forms import DASH, score_text
from rugschool.ui.measure_forms import MeasureDialog
from rugschool.ui.widgets import hint, house_table, named

if TYPE_CHECKING:
    from rugschool.ui.progress_window import ProgressWindow

STATUS_COLOURS = {"done": "#c8e6c9", "due": "#fff3c4", "overdue": "#ffcdd2", "not_yet": "#eceff1"}
BETTER_COLOUR, WORSE_COLOUR = "#2e7d32", "#b3261e"
STATUS_ROLE = Qt.ItemDataRole.UserRole  # the status value ("done", "due", ...) of a moment
MOMENTS = tuple(scoring.ASKED)  # every moment, in order
INSTRUMENTS = scoring.ASKED[scoring.moment_of("intake")]  # the intake asks every instrument
SHORT_MOMENTS = (N_("Intake"), N_("Mid"), N_("End"), N_("3 mo"), N_("6 mo"), N_("12 mo"))
# The charted instruments: key, y-axis label, highest score.
CHARTED = (
    ("nprs", N_("Back pain (0-10)"), 10),
    ("psk", N_("Difficulty (0-10)"), 10),
    ("qbpds", N_("Total score (0-100)"), 100),
)
CHANGE_HINT = N_(
    "Change from the intake to the latest measurement. Pain, complaints, disability, fear "
    "and the forward-bend distance go down as someone gets better; endurance and "
    "sit-to-stand repetitions go up."
)


def measures_tab(window: ProgressWindow) -> QWidget:
    return MeasuresTab(window)


def _table(name: str) -> QTableWidget:
    table = house_table(QTableWidget())
    table.setAccessibleName(name)
    table.setWordWrap(False)  # long cells are elided; their tooltip has the whole text
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fill(
    table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[list[QTableWidgetItem]]:
    """Every cell anew (returned, by row); the table as high as its rows (the tab scrolls,
    not the table)."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    items = [[QTableWidgetItem(text) for text in cells] for cells in rows]
    for r, row in enumerate(items):
        for c, item in enumerate(row):
            item.setToolTip(item.text())
            table.setItem(r, c, item)
    rows_height = sum(table.rowHeight(r) for r in range(len(rows)))
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(header + rows_height + 2 * table.frameWidth() + 4)
    return items


def _heading(text: str) -> QLabel:
    return named(QLabel(text), "sectionLabel")


class MeasuresTab(QWidget):
    def __init__(self, window: ProgressWindow) -> None:
        super().__init__()
        self.progress = window  # not `window`: QWidget.window() is Qt's own
        self.rows: list[MomentRow] = []
        self.moments_table = _table(_("Measuring moments"))
        self.moments_table.doubleClicked.connect(self._double_clicked)
        self.enter_button = named(QPushButton(_("Enter measures…")), "primaryButton")
        self.enter_button.setToolTip(_("Enter or change the measures of the chosen moment"))
        self.enter_button.clicked.connect(lambda: self.enter_measures())
        self.scores_table = _table(_("Scores per measuring moment"))
        self.charts = QVBoxLayout()
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(_heading(_("Measuring moments")))
        column.addWidget(self.moments_table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enter_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(_heading(_("Scores")))
        column.addWidget(hint(_(CHANGE_HINT)))
        column.addWidget(self.scores_table)
        column.addLayout(self.charts)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def reload(self) -> None:
        """Moments, scores and charts anew from the database."""
        measures, eid = self.progress.services.measures, self.progress.enrollment.id
        chosen = self.chosen_moment()
        self.rows = measures.moments(eid, dt.date.today())
        measured = measures.for_enrollment(eid)
        self._fill_moments(chosen)
        self._fill_scores(measured)
        self._show_chart(measured)

    def chosen_moment(self) -> str | None:
        row = self.moments_table.currentRow()
        return str(self.rows[row].moment) if 0 <= row < len(self.rows) else None

    def _fill_moments(self, chosen: str | None) -> None:
        headers = (_("Measuring moment"), _("Due"), _("Status"), _("Still missing"))
        items = _fill(self.moments_table, headers, [_moment_cells(row) for row in self.rows])
        for cells, row in zip(items, self.rows, strict=True):
            status = cells[2]
            status.setBackground(QColor(STATUS_COLOURS[row.status]))
            status.setData(STATUS_ROLE, str(row.status))
        self.moments_table.selectRow(_first_to_do(self.rows, chosen))

    def _fill_scores(self, measured: Sequence[MeasurementRow]) -> None:
        moments = [m for m in MOMENTS if any(r.moment == m for r in measured)]
        keys = [str(x) for x in INSTRUMENTS if any(r.instrument == x for r in measured)]
        found = {(str(r.instrument), str(r.moment)): r for r in measured}
        headers = [_("Measure"), *map(scoring.moment_name, moments), _("Change from intake")]
        cells = [
            [_name(key), *(_score_cell(found.get((key, str(m)))) for m in moments)] for key in keys
        ]
        items = _fill(self.scores_table, headers, [[*row, ""] for row in cells])
        for row_items, key in zip(items, keys, strict=True):
            row_items[0].setToolTip(_description(key))
            text, improved = _change_text(key, [found.get((key, str(m))) for m in moments])
            change = row_items[-1]
            change.setText(text)
            if improved is not None:
                change.setForeground(QColor(BETTER_COLOUR if improved else WORSE_COLOUR))

    def _show_chart(self, measured: Sequence[MeasurementRow]) -> None:
        while self.charts.count():
            item = self.charts.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        chart = measures_chart(self.progress, measured)
        self.charts.addWidget(chart or hint(_("The charts appear once measures are saved.")))

    def _double_clicked(self, index: QModelIndex) -> None:
        self.enter_measures(index.row())

    def enter_measures(self, row: int | None = None) -> MeasureDialog | None:
        """Opens the measures of the chosen moment (or of `row`); after saving, the tab and
        the window's charts follow. Returns the dialog (None: no moment chosen)."""
        index = self.moments_table.currentRow() if row is None else row
        if not 0 <= index < len(self.rows):
            return None
        window = self.progress
        moment = str(self.rows[index].moment)
        dialog = MeasureDialog(window.services, window.enrollment, moment, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.progress.refresh()
        self.reload()


def _name(key: str) -> str:
    return scoring.instrument_name(scoring.instrument_of(key))


def _description(key: str) -> str:
    return scoring.instrument_description(scoring.instrument_of(key))


def _moment_cells(row: MomentRow) -> list[str]:
    missing = ", ".join(_name(x) for x in row.missing)
    due = date_text(row.due_on) or _("not planned yet")
    return [scoring.moment_name(row.moment), due, scoring.status_name(row.status), missing]


def _first_to_do(rows: Sequence[MomentRow], chosen: str | None) -> int:
    """The row to select: the one chosen before, else the first due or overdue moment,
    else the first one not done."""
    keys = [str(row.moment) for row in rows]
    if chosen in keys:
        return keys.index(chosen)
    for wanted in (("due", "overdue"), ("not_yet",)):
        for index, row in enumerate(rows):
            if row.status in wanted:
                return index
    return 0


def _score_cell(row: MeasurementRow | None) -> str:
    if row is None:
        return ""
    if row.score is None:
        return DASH
    unit = row.answers.get("unit")
    text = score_text(row.score)
    return f"{text} ({scoring.unit_name(str(unit))})" if unit else text


def _change_text(key: str, rows: Sequence[MeasurementRow | None]) -> tuple[str, bool | None]:
    """From the intake to the latest score after it: the difference and whether it is
    better (None: no change, or nothing to compare)."""
    scored = [(row, row.score) for row in rows if row is not None and row.score is not None]
    if len(scored) < 2 or scored[0][0].moment != "intake":
        return "", None
    (first, before), (last, after) = scored[0], scored[-1]
    unit = str(first.answers.get("unit", scoring.REPS))
    if unit != str(last.answers.get("unit", scoring.REPS)):
        return _("not comparable: different units"), None
    found = scoring.change(scoring.instrument_of(key), before, after, unit)
    if found.improved is None:
        return _("no change"), None
    sign = "+" if found.difference > 0 else "-"
    difference = sign + score_text(abs(found.difference))
    text = _("{change} (better)") if found.improved else _("{change} (worse)")
    return text.format(change=difference), found.improved


def measures_chart(
    window: ProgressWindow, measured: Sequence[MeasurementRow] | None = None
) -> QWidget | None:
    """Back pain, PSK and QBPDS over the moments, one small plot each (only those with a
    score); None when none of them is measured yet. `measured`: everything measured in
    this course, in moment order (`MeasureService.for_enrollment`), when already read."""
    if measured is None:
        measured = window.services.measures.for_enrollment(window.enrollment.id)
    series = {
        key: [(r.moment, r.score) for r in measured if r.instrument == key and r.score is not None]
        for key, *_ in CHARTED
    }
    if not any(series.values()):
        return None
    box = named(QWidget(), "measuresChart")
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for index, (key, label, top) in enumerate(CHARTED):
        if series[key]:
            row.addWidget(_instrument_plot(index, key, _(label), top, series[key]))
    return box


def _instrument_plot(
    index: int, key: str, y_label: str, top: float, points: Sequence[tuple[str, float]]
) -> QWidget:
    """One instrument's scores: (moment, score) in moment order."""
    from rugschool.ui import charts  # pyqtgraph and numpy: only once there is a chart

    plot = charts._plot(_name(key), _("Measuring moment"), y_label)
    plot.setObjectName(f"measureChart_{key}")
    plot.setToolTip(_description(key))
    xs = [MOMENTS.index(moment) for moment, _score in points]
    last = max(*xs, 1)
    plot.setXRange(-0.3, last + 0.3, padding=0)
    plot.setYRange(0, top, padding=0.05)
    charts._line(plot, xs, [score for _moment, score in points], index, size=8)
    plot.getAxis("bottom").setTicks([[(x, _(SHORT_MOMENTS[x])) for x in range(last + 1)]])
    widget: QWidget = plot
    return widget
