"""Line charts for the reports: ReportLab drawings over sessions 1..n, with a legend under
them, and optionally shaded bands behind the lines (the pain bands) named at the right edge.

DejaVu is set on every label (the chart defaults would pull in Helvetica). Lines are black
and greys only, and series are told apart by dash pattern and marker as well, so that a
black-and-white printer loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from rugschool.export.base import ACCENT, FONT, FRAME_WIDTH, MUTED, RULE
from rugschool.i18n import current_language

CHART_HEIGHT = 62 * mm
LABEL_SIZE = 7.5

# Series styles a black-and-white printer keeps apart: colour, dash pattern, marker.
_STYLES: tuple[tuple[colors.Color, list[float] | None, str], ...] = (
    (colors.black, None, "FilledCircle"),
    (MUTED, [4, 2], "Square"),
    (colors.black, [1, 2], "FilledTriangle"),
    (ACCENT, [6, 2, 1, 2], "Diamond"),
    (MUTED, None, "Cross"),
    (colors.black, [4, 2], "FilledSquare"),
    (ACCENT, [1, 2], "Circle"),
    (MUTED, [6, 2, 1, 2], "FilledDiamond"),
)


@dataclass(frozen=True)
class Series:
    """One line of a chart; `points` (x, y) with y None where nothing was scored."""

    label: str
    points: Sequence[tuple[int, float | None]]


@dataclass(frozen=True)
class Band:
    """A shaded stretch of the y axis behind the lines, named at the right edge."""

    low: float
    high: float
    label: str
    fill: colors.Color


def decimal_text(value: float) -> str:
    """One decimal, with the decimal comma in Dutch."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if current_language() == "nl" else text


def _segments(points: Sequence[tuple[int, float | None]]) -> list[list[tuple[int, float]]]:
    """The runs of points with a value: a session without one breaks the line."""
    runs: list[list[tuple[int, float]]] = [[]]
    for x, y in points:
        if y is None:
            runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


def _style_plot(plot: LinePlot, series: Sequence[Series]) -> None:
    """Every run of series i drawn in style i; the data is set here as well."""
    data: list[list[tuple[int, float]]] = []
    for index, one in enumerate(series):
        colour, dashes, marker = _STYLES[index % len(_STYLES)]
        for run in _segments(one.points):
            line = plot.lines[len(data)]
            line.strokeColor, line.strokeWidth = colour, 1.2
            line.strokeDashArray = dashes
            line.symbol = makeMarker(marker, size=5, fillColor=colour, strokeColor=colour)
            data.append(run)
    plot.data = data


def _axis_labels(axis: Any) -> None:
    labels = axis.labels
    labels.fontName, labels.fontSize, labels.fillColor = FONT, LABEL_SIZE, colors.black
    axis.strokeColor = colors.black


def _caption(x: float, y: float, text: str, **style: Any) -> String:
    """A piece of chart text, in DejaVu like all the rest."""
    return String(x, y, text, fontName=FONT, fontSize=LABEL_SIZE, **style)


def _legend(drawing: Drawing, series: Sequence[Series], top: float, columns: int) -> None:
    """Our own legend: a piece of each line with its marker and dashes, and its label."""
    width = (drawing.width - 10) / columns
    for index, one in enumerate(series):
        colour, dashes, marker = _STYLES[index % len(_STYLES)]
        x = 10 + (index % columns) * width
        y = top - (index // columns) * 11
        pen = {"strokeColor": colour, "strokeWidth": 1.2, "strokeDashArray": dashes}
        drawing.add(Line(x, y + 3, x + 22, y + 3, **pen))
        mark = {"size": 5, "fillColor": colour, "strokeColor": colour}
        drawing.add(makeMarker(marker, x=x + 11, y=y + 3, **mark))
        drawing.add(_caption(x + 27, y, one.label))


def _bands(drawing: Drawing, plot: LinePlot, bands: Sequence[Band]) -> None:
    """Each band a light rectangle over the plot's width, its name beside it on the right;
    drawn before the plot, so grid and lines lie on top."""
    axis = plot.yValueAxis
    scale = plot.height / (axis.valueMax - axis.valueMin)
    for band in bands:
        low = plot.y + (max(band.low, axis.valueMin) - axis.valueMin) * scale
        high = plot.y + (min(band.high, axis.valueMax) - axis.valueMin) * scale
        if high <= low:
            continue
        shade = Rect(plot.x, low, plot.width, high - low, fillColor=band.fill, strokeColor=None)
        drawing.add(shade)
        middle = (low + high) / 2 - LABEL_SIZE / 3
        drawing.add(_caption(plot.x + plot.width + 4, middle, band.label, fillColor=MUTED))


def line_chart(
    series: Sequence[Series],
    *,
    x_title: str,
    y_title: str,
    y_max: float,
    y_step: float,
    y_min: float = 0,
    y_margin: float = 0,
    columns: int = 2,
    height: float = CHART_HEIGHT,
    bands: Sequence[Band] = (),
) -> Drawing:
    """A line chart over sessions 1..n with a legend under it, in DejaVu throughout.

    The y axis is labelled from `y_min` to `y_max` every `y_step`; `y_margin` adds room
    beyond both ends (a value drawn a little off its line stays inside the frame)."""
    rows = -(-len(series) // columns)
    legend_height = rows * 11 + 6
    drawing = Drawing(FRAME_WIDTH, height + legend_height)
    xs = sorted({x for one in series for x, _y in one.points}) or [1]
    names = max((stringWidth(band.label, FONT, LABEL_SIZE) for band in bands), default=8.0)
    plot = LinePlot()
    plot.x, plot.y = 34, legend_height + 26
    plot.width, plot.height = FRAME_WIDTH - 42 - names, height - 44
    _style_plot(plot, series)
    x_axis, y_axis = plot.xValueAxis, plot.yValueAxis
    x_axis.valueMin, x_axis.valueMax = min(xs) - 0.5, max(xs) + 0.5
    every = 1 if len(xs) <= 20 else 2
    x_axis.valueSteps = [x for x in xs if (x - xs[0]) % every == 0]
    x_axis.labelTextFormat = "%d"
    y_axis.valueMin, y_axis.valueMax = y_min - y_margin, y_max + y_margin
    ticks = round((y_max - y_min) / y_step)
    y_axis.valueSteps = [y_min + n * y_step for n in range(ticks + 1)]
    y_axis.labelTextFormat = lambda v: decimal_text(v).rstrip("0").rstrip(",.")
    y_axis.visibleGrid, y_axis.gridStrokeColor = 1, RULE
    y_axis.gridStrokeDashArray, y_axis.gridStrokeWidth = [1, 2], 0.4
    for axis in (x_axis, y_axis):
        _axis_labels(axis)
    _bands(drawing, plot, bands)
    drawing.add(plot)
    drawing.add(_caption(plot.x, plot.y + plot.height + 8, y_title, fillColor=MUTED))
    middle = plot.x + plot.width / 2
    drawing.add(_caption(middle, legend_height + 4, x_title, fillColor=MUTED, textAnchor="middle"))
    _legend(drawing, series, legend_height - 12, columns)
    return drawing
