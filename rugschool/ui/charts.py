"""Progress charts on screen (pyqtgraph), built from the same data as the PDF charts.

pyqtgraph brings numpy (a quarter of a second): this module is imported only when a chart
is first shown. Every chart has a title, labelled axes and a legend where there is more
than one line; lines differ in dash as well as colour, so they read in a screenshot
printed in black and white too.

The charts follow the app's theme (light, dark, high contrast): they are drawn in the light
colours below and recoloured from `THEMED` when shown and whenever the theme changes, also
the charts other modules build from these parts.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from rugschool.i18n import _
from rugschool.services.course_report_rules import PainPoint, SessionAttendance
from rugschool.services.progress import LevelDistribution, LevelSeries
from rugschool.services.progression import PainBands
from rugschool.ui.style import current_theme, pt

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


class _FollowsTheme(QObject):
    """Recolours its chart when it is shown and when the app's palette changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, pg.PlotWidget) and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.PaletteChange,
        ):
            apply_theme(watched)
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
    pg.setConfigOptions(antialias=True)
    plot = pg.PlotWidget(background="w")
    plot.setTitle(title, color=INK, size=pt(11))
    plot.setLabel("bottom", x_label, color=INK)
    plot.setLabel("left", y_label, color=INK)
    plot.showGrid(x=False, y=True, alpha=0.25)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.setMinimumHeight(220)
    for axis in ("bottom", "left"):
        plot.getAxis(axis).setTextPen(INK)
        plot.getAxis(axis).setPen(INK)
    follower = _FollowsTheme(plot)
    plot.installEventFilter(follower)
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
            brush=EXPECTED_FILL,
            pen=pg.mkPen(EXPECTED_LINE),
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
