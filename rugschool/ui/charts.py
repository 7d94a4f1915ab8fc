"""Progress charts on screen (pyqtgraph), built from the same data as the PDF charts.

pyqtgraph brings numpy (a quarter of a second): this module is imported only when a chart
is first shown. Every chart has a title, labelled axes and a legend where there is more
than one line; lines differ in dash as well as colour, so they read in a screenshot
printed in black and white too.

The charts follow the app's theme (light, dark, high contrast): they are drawn in the light
colours below and recoloured from `THEMED` when shown in another theme and whenever the
theme changes, also the charts other modules build from these parts.

Built for speed as well (a progress window opens with up to six charts): no context menus
(pyqtgraph builds a menu per plot otherwise), data handed over as arrays, lines that do not
redraw themselves at every change of the view range, and the x range fitted once, after the
last item is in, instead of at every item added.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from rugschool.i18n import _
from rugschool.services.course_report_rules import PainPoint, SessionAttendance
from rugschool.services.progress import LevelDistribution, LevelSeries
from rugschool.services.progression import PainBands
from rugschool.ui.style import LIGHT, current_scale, current_theme, pt

pg.setConfigOptions(antialias=True)  # once for every chart

INK = LIGHT.ink  # built in the light theme's colours: in that theme nothing to recolour
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
EXPECTED_FILL, EXPECTED_LINE = "#dfe7ea", "#8a8a8a"
LIGHT_COLOURS = (*PALETTE, *BAND_COLOURS.values(), EXPECTED_FILL, EXPECTED_LINE, "#ffffff")
# Per theme, the colour that takes the place of each light one (in LIGHT_COLOURS' order):
# lines light enough to stand out on a dark background, bands dark enough to read text on.
THEMED = {
    "dark": (
        "#6fc3d9", "#f0a35e", "#7fd483", "#c792ea", "#ff8a80", "#b0bec5", "#f2cc4d", "#4dd0e1",
        "#1f3d24", "#3d3717", "#4a2226", "#3b484e", "#9aa7ad", "#20292d",
    ),
    "high_contrast": (
        "#ffff00", "#00ffff", "#ffffff", "#ff80ff", "#80ff80", "#ffb000", "#a0a0ff", "#ff6060",
        "#003a00", "#3a3a00", "#4d0000", "#000000", "#ffffff", "#000000",
    ),
}  # fmt: skip


def themed(colour: str) -> str:
    """The active theme's version of one of the charts' light colours."""
    replacements = THEMED.get(current_theme().name)
    name = QColor(colour).name()
    if replacements is None or name not in LIGHT_COLOURS:
        return name
    return replacements[LIGHT_COLOURS.index(name)]


def _themed_pen(pen: QPen) -> QPen:
    result = QPen(pen)
    result.setColor(QColor(themed(pen.color().name())))
    return result


def _themed_brush(brush: object) -> QBrush:
    result = QBrush(pg.mkBrush(brush))
    result.setColor(QColor(themed(result.color().name())))
    return result


Look = tuple[str, float]  # the theme's name and the text scale


def _current_look() -> Look:
    return current_theme().name, current_scale()


class _FollowsTheme(QObject):
    """Recolours its chart when it is shown or the app's palette changes, unless the chart
    has that theme and text size already (a new chart has the light theme's)."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        super().__init__(plot)
        self.look: Look = (LIGHT.name, current_scale())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, pg.PlotWidget) and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.PaletteChange,
        ):
            look = _current_look()
            if look != self.look:
                apply_theme(watched)
                self.look = look
        return False


def apply_theme(plot: pg.PlotWidget) -> None:
    """Background, text, axes, legend, lines, bars and bands in the active theme's colours."""
    theme = current_theme()
    item = plot.getPlotItem()
    plot.setBackground(theme.base)
    title = item.titleLabel.text
    if title:
        plot.setTitle(title, color=theme.ink, size=pt(11))
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setTextPen(theme.ink)
        axis.setPen(theme.ink)
        axis.setLabel(axis.labelText, axis.labelUnits, color=theme.ink)
    if item.legend is not None:
        item.legend.setLabelTextColor(theme.ink)
        for _sample, label in item.legend.items:
            label.setText(label.text, color=theme.ink)
    for child in item.items:
        _recolour(child)


def _recolour(child: object) -> None:
    # The light colour each item was made with is kept, so a second switch starts from it.
    if isinstance(child, pg.PlotDataItem):
        light = child.__dict__.setdefault("_light", (child.opts["pen"], child.opts["symbolBrush"]))
        child.setPen(_themed_pen(pg.mkPen(light[0])))
        if light[1] is not None:
            child.setSymbolBrush(_themed_brush(light[1]))
    elif isinstance(child, pg.BarGraphItem):
        light = child.__dict__.setdefault("_light", (child.opts["brush"], child.opts["pen"]))
        child.setOpts(brush=_themed_brush(light[0]), pen=_themed_pen(pg.mkPen(light[1])))
    elif isinstance(child, pg.LinearRegionItem):
        light = child.__dict__.setdefault("_light", QBrush(child.brush))
        child.setBrush(_themed_brush(light))


def _pen(index: int, width: float = 2.0) -> QPen:
    pen: QPen = pg.mkPen(PALETTE[index % len(PALETTE)], width=width)
    pen.setStyle(DASHES[index % len(DASHES)])
    return pen


def _plot(title: str, x_label: str, y_label: str) -> pg.PlotWidget:
    """An empty chart with its title and axes. Its range is not fitted while items are
    added: set the y range, and call `_fit_x` after the last item."""
    plot = pg.PlotWidget(background=LIGHT.base, enableMenu=False)
    plot.disableAutoRange()
    plot.setTitle(title, color=INK, size=pt(11))
    for name, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(name)
        axis.enableAutoSIPrefix(False)  # counts and scores: never "(x0.001)"
        axis.setTextPen(INK)
        axis.setPen(INK)
        axis.setLabel(label, color=INK)
    plot.showGrid(x=False, y=True, alpha=0.25)
    # Grid lines at the major and minor ticks only: pyqtgraph's third level (every 0.2 on a
    # pain scale) is drawn at about 1 percent ink, invisible, and costs more to paint than
    # all the rest of the axis (fifty lines across the chart).
    plot.getAxis("left").setStyle(maxTickLevel=1)
    plot.setMouseEnabled(x=False, y=False)
    plot.setMinimumHeight(220)
    plot.installEventFilter(_FollowsTheme(plot))
    return plot


def _fit_x(plot: pg.PlotWidget) -> None:
    """The x axis around every item, once they are all in."""
    plot.enableAutoRange(x=True)


def _line(
    plot: pg.PlotWidget,
    xs: npt.ArrayLike,
    ys: npt.ArrayLike,
    index: int,
    *,
    symbol: str = "o",
    size: int = 6,
    name: str | None = None,
) -> pg.PlotDataItem:
    """A line with its points in colour and dash `index`, named in the legend when `name`
    is given. No range limit: the values are small, and a limit redraws the line at every
    change of the view range."""
    return plot.plot(
        np.asarray(xs, dtype=float),
        np.asarray(ys, dtype=float),
        pen=_pen(index),
        symbol=symbol,
        symbolSize=size,
        symbolBrush=PALETTE[index % len(PALETTE)],
        name=name,
        dynamicRangeLimit=None,
    )


def _integer_ticks(plot: pg.PlotWidget, axis: str, values: Sequence[int]) -> None:
    plot.getAxis(axis).setTicks([[(v, str(v)) for v in values]])


def level_chart(series: Sequence[LevelSeries]) -> pg.PlotWidget:
    """A participant's level per exercise over their exercise sessions."""
    plot = _plot(_("Level per exercise"), _("Exercise session"), _("Level"))
    plot.addLegend(offset=(-4, 4), labelTextColor=INK, colCount=2)
    top = max((s.levels for s in series), default=4)
    plot.setYRange(0.7, top + 1.9, padding=0)  # the room above holds the legend
    for index, s in enumerate(series):
        if not s.points:
            continue
        points = np.array(s.points, dtype=float)  # (session number, level) per row
        # A small offset per exercise keeps equal levels from hiding each other.
        offset = (index - len(series) / 2) * 0.03
        name = f"{s.position}. {s.name}"
        _line(plot, points[:, 0], points[:, 1] + offset, index, size=5, name=name)
    _integer_ticks(plot, "left", range(1, top + 1))
    _session_ticks(plot, [n for s in series for n, _level in s.points])
    _fit_x(plot)
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
    plot.setYRange(0, 10, padding=0.02)
    scored = [
        (p.number, p.highest, p.mean)
        for p in points
        if p.highest is not None and p.mean is not None
    ]
    if scored:
        table = np.array(scored, dtype=float)  # session number, highest, mean per row
        _line(plot, table[:, 0], table[:, 1], 0, name=_("Highest pain"))
        _line(plot, table[:, 0], table[:, 2], 1, symbol="s", size=5, name=_("Mean pain"))
    _session_ticks(plot, [number for number, _highest, _mean in scored])
    _fit_x(plot)
    return plot


def attendance_chart(sessions: Sequence[SessionAttendance]) -> pg.PlotWidget:
    """Per session of a group: how many of those expected came."""
    plot = _plot(_("Attendance per session"), _("Session"), _("People"))
    plot.addLegend(offset=(-4, 4), labelTextColor=INK)
    held = [s for s in sessions if s.recorded]
    xs = np.arange(1, len(held) + 1)
    plot.addItem(
        pg.BarGraphItem(
            x=xs,
            height=np.array([s.expected for s in held]),
            width=0.7,
            brush=EXPECTED_FILL,
            pen=pg.mkPen(EXPECTED_LINE),
            name=_("Expected"),
        )
    )
    plot.addItem(
        pg.BarGraphItem(
            x=xs,
            height=np.array([s.present for s in held]),
            width=0.45,
            brush=PALETTE[0],
            pen=pg.mkPen(PALETTE[0]),
            name=_("Present"),
        )
    )
    labels = [
        (x, (_("E{n}") if s.kind == "education" else "{n}").format(n=s.number))
        for x, s in enumerate(held, start=1)
    ]
    plot.getAxis("bottom").setTicks([labels])
    _headroom(plot, max((s.expected for s in held), default=1))
    _fit_x(plot)
    return plot


def distribution_chart(row: LevelDistribution, weeks: Sequence[object]) -> pg.PlotWidget:
    """One exercise: per course week, how many did each level, stacked (level 1 at the
    bottom)."""
    plot = _plot(
        _("Levels in {exercise}").format(exercise=row.name), _("Week of the course"), _("People")
    )
    plot.addLegend(offset=(-4, 4), labelTextColor=INK)
    xs = np.arange(1, len(weeks) + 1)
    # counts[week, level]; each level's bar stands on the levels below it
    counts = np.array(row.counts, dtype=int).reshape(len(weeks), row.levels)
    tops = np.cumsum(counts, axis=1)
    for level in range(row.levels):
        plot.addItem(pg.BarGraphItem(x=xs, y0=tops[:, level] - counts[:, level],
                                     height=counts[:, level], width=0.6,
                                     brush=PALETTE[level % len(PALETTE)], pen=pg.mkPen("w"),
                                     name=_("Level {n}").format(n=level + 1)))  # fmt: skip
    _integer_ticks(plot, "bottom", range(1, len(weeks) + 1))
    _headroom(plot, int(tops[:, -1].max()) if counts.size else 1)
    _fit_x(plot)
    return plot
