"""Progress charts on screen (pyqtgraph), built from the same data as the PDF charts.

pyqtgraph brings numpy (a quarter of a second): this module is imported only when a chart
is first shown. Every chart has a title, labelled axes and a legend where there is more
than one line; lines differ in dash as well as colour, so they read in a screenshot
printed in black and white too.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from rugschool.i18n import _
from rugschool.services.course_report_rules import PainPoint, SessionAttendance
from rugschool.services.progress import LevelDistribution, LevelSeries
from rugschool.services.progression import PainBands

INK = "#1f2a30"
# Eight lines that stay apart in colour and in dash pattern.
PALETTE = (
    "#1f4e5f", "#b5651d", "#2e7d32", "#6a1b9a", "#c62828", "#455a64", "#ad8b00", "#00838f",
)  # fmt: skip
DASHES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
)
BAND_COLOURS = {"safe": "#c8e6c9", "acceptable": "#fff3c4", "too_high": "#ffcdd2"}


def _pen(index: int, width: float = 2.0) -> QPen:
    pen: QPen = pg.mkPen(PALETTE[index % len(PALETTE)], width=width)
    pen.setStyle(DASHES[index % len(DASHES)])
    return pen


def _plot(title: str, x_label: str, y_label: str) -> pg.PlotWidget:
    pg.setConfigOptions(antialias=True)
    plot = pg.PlotWidget(background="w")
    plot.setTitle(title, color=INK, size="11pt")
    plot.setLabel("bottom", x_label, color=INK)
    plot.setLabel("left", y_label, color=INK)
    plot.showGrid(x=False, y=True, alpha=0.25)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.setMinimumHeight(220)
    for axis in ("bottom", "left"):
        plot.getAxis(axis).setTextPen(INK)
        plot.getAxis(axis).setPen(INK)
    return plot


def _integer_ticks(plot: pg.PlotWidget, axis: str, values: Sequence[int]) -> None:
    plot.getAxis(axis).setTicks([[(v, str(v)) for v in values]])


def level_chart(series: Sequence[LevelSeries]) -> pg.PlotWidget:
    """A participant's level per exercise over their exercise sessions."""
    plot = _plot(_("Level per exercise"), _("Exercise session"), _("Level"))
    plot.addLegend(offset=(-4, 4), labelTextColor=INK, colCount=2)
    top = max((s.levels for s in series), default=4)
    for index, s in enumerate(series):
        if not s.points:
            continue
        xs = [n for n, _level in s.points]
        # A small offset per exercise keeps equal levels from hiding each other.
        ys = [level + (index - len(series) / 2) * 0.03 for _n, level in s.points]
        plot.plot(
            xs,
            ys,
            pen=_pen(index),
            symbol="o",
            symbolSize=5,
            symbolBrush=PALETTE[index % len(PALETTE)],
            name=f"{s.position}. {s.name}",
        )
    plot.setYRange(0.7, top + 1.9, padding=0)  # the room above holds the legend
    _integer_ticks(plot, "left", range(1, top + 1))
    _session_ticks(plot, [n for s in series for n, _level in s.points])
    return plot


def _session_ticks(plot: pg.PlotWidget, numbers: Sequence[int]) -> None:
    """Whole session numbers on the x axis (never 2.5)."""
    if numbers:
        _integer_ticks(plot, "bottom", range(min(numbers), max(numbers) + 1))


def _headroom(plot: pg.PlotWidget, highest: float) -> None:
    """The y axis from 0 with room at the top for the legend."""
    plot.setYRange(0, max(highest, 1) * 1.45, padding=0)


def pain_chart(points: Sequence[PainPoint], bands: PainBands) -> pg.PlotWidget:
    """The highest and the mean pain per session, over the pain bands."""
    plot = _plot(_("Pain during the exercises"), _("Exercise session"), _("Pain (0-10)"))
    plot.addLegend(offset=(-4, 4), labelTextColor=INK)
    for band, low, high in (
        ("safe", 0, bands.safe_max),
        ("acceptable", bands.safe_max, bands.acceptable_max),
        ("too_high", bands.acceptable_max, 10),
    ):
        region = pg.LinearRegionItem(
            (low, high), orientation="horizontal", movable=False,
            brush=QColor(BAND_COLOURS[band]), pen=pg.mkPen(None),
        )  # fmt: skip
        region.setZValue(-10)
        plot.addItem(region)
    scored = [p for p in points if p.highest is not None]
    if scored:
        xs = [p.number for p in scored]
        plot.plot(xs, [p.highest for p in scored], pen=_pen(0), symbol="o", symbolSize=6,
                  symbolBrush=PALETTE[0], name=_("Highest pain"))  # fmt: skip
        plot.plot(xs, [p.mean for p in scored], pen=_pen(1), symbol="s", symbolSize=5,
                  symbolBrush=PALETTE[1], name=_("Mean pain"))  # fmt: skip
    plot.setYRange(0, 10, padding=0.02)
    _session_ticks(plot, [p.number for p in scored])
    return plot


def attendance_chart(sessions: Sequence[SessionAttendance]) -> pg.PlotWidget:
    """Per session of a group: how many of those expected came."""
    plot = _plot(_("Attendance per session"), _("Session"), _("People"))
    plot.addLegend(offset=(-4, 4), labelTextColor=INK)
    held = [s for s in sessions if s.recorded]
    xs = list(range(1, len(held) + 1))
    plot.addItem(
        pg.BarGraphItem(
            x=xs,
            height=[s.expected for s in held],
            width=0.7,
            brush="#dfe7ea",
            pen=pg.mkPen("#8a8a8a"),
            name=_("Expected"),
        )
    )
    plot.addItem(
        pg.BarGraphItem(
            x=xs,
            height=[s.present for s in held],
            width=0.45,
            brush=PALETTE[0],
            pen=pg.mkPen(PALETTE[0]),
            name=_("Present"),
        )
    )
    labels = [
        (x, (_("E{n}") if s.kind == "education" else "{n}").format(n=s.number))
        for x, s in zip(xs, held, strict=True)
    ]
    plot.getAxis("bottom").setTicks([labels])
    _headroom(plot, max((s.expected for s in held), default=1))
    return plot


def distribution_chart(row: LevelDistribution, weeks: Sequence[object]) -> pg.PlotWidget:
    """One exercise: per course week, how many did each level, stacked (level 1 at the
    bottom)."""
    plot = _plot(
        _("Levels in {exercise}").format(exercise=row.name), _("Week of the course"), _("People")
    )
    plot.addLegend(offset=(-4, 4), labelTextColor=INK)
    xs = list(range(1, len(weeks) + 1))
    below = [0] * len(xs)
    for level in range(row.levels):
        heights = [week[level] for week in row.counts]
        plot.addItem(pg.BarGraphItem(x=xs, y0=below, height=heights, width=0.6,
                                     brush=PALETTE[level % len(PALETTE)], pen=pg.mkPen("w"),
                                     name=_("Level {n}").format(n=level + 1)))  # fmt: skip
        below = [b + h for b, h in zip(below, heights, strict=True)]
    _integer_ticks(plot, "bottom", xs)
    _headroom(plot, max(below, default=1))
    return plot
