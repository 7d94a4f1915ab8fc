"""The progress charts of the reports, drawn with ReportLab from the data the screen's charts
use (rugschool.services.progress; rugschool.ui.charts draws the same charts on screen).

- The end report: pain per exercise session over the shaded pain bands, the level per
  exercise over the course, and a graded-activity plan's planned against done per week.
- The group report: present against expected per session, and per exercise how many people
  did which level in each week of the course (small stacked bar charts, two to a row).

Black and white first: the pain bands are light greys named at the right edge, lines differ
by dash and marker (rugschool.export.charts), bars by grey with a black outline. Every label
is in DejaVu.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from rugschool.export.base import (
    FONT,
    FRAME_WIDTH,
    MUTED,
    RULE,
    BaseDocument,
    labelled,
    table_style,
)
from rugschool.export.charts import LABEL_SIZE, Band, Series, line_chart
from rugschool.export.handout_plans import unit_text
from rugschool.i18n import _
from rugschool.services.course_report_rules import PainPoint, SessionAttendance
from rugschool.services.graded_activity_rules import WeekRow
from rugschool.services.progress import GroupProgress, LevelDistribution, LevelSeries
from rugschool.services.progression import PAIN_SCALE_MAX, PainBands, band_name
from rugschool.services.progression import Band as BandKey

# Darker as the pain is higher; far enough apart to tell in grey toner, light enough for
# the lines on top.
BAND_FILLS: dict[BandKey, colors.Color] = {
    "safe": colors.HexColor("#f2f2f2"),
    "acceptable": colors.HexColor("#dcdcdc"),
    "too_high": colors.HexColor("#c4c4c4"),
}
# Lines at the same level drawn this far apart (in levels), so none hides another.
LEVEL_NUDGE = 0.06
EXPECTED_FILL = colors.HexColor("#e4e4e4")
PRESENT_FILL = colors.HexColor("#3a3a3a")
SMALL_SIZE = 6.5
ActivityPlan = tuple[str, str, Sequence[WeekRow]]  # activity, unit, weeks


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def pain_bands(bands: PainBands) -> list[Band]:
    """The safe, acceptable and too-high stretches of the pain scale, as the screen shades
    them, each named with its scores (safe 0-2)."""
    stretches: list[tuple[BandKey, float, float, str]] = [
        ("safe", 0, bands.safe_max, _span(0, bands.safe_max)),
        ("acceptable", bands.safe_max, bands.acceptable_max,
         _span(bands.safe_max + 1, bands.acceptable_max)),
        ("too_high", bands.acceptable_max, PAIN_SCALE_MAX,
         _span(bands.acceptable_max + 1, PAIN_SCALE_MAX)),
    ]  # fmt: skip
    return [
        Band(low, high, f"{band_name(key)} {span}", BAND_FILLS[key])
        for key, low, high, span in stretches
        if high > low
    ]


def pain_chart(points: Sequence[PainPoint], bands: PainBands) -> Drawing:
    """The highest and the mean pain per exercise session, over the pain bands."""
    highest = Series(_("Highest pain"), [(p.number, p.highest) for p in points])
    mean = Series(_("Mean pain"), [(p.number, p.mean) for p in points])
    return line_chart(
        [highest, mean],
        x_title=_("Exercise session"),
        y_title=_("Pain (0-10)"),
        y_max=PAIN_SCALE_MAX,
        y_step=2,
        bands=pain_bands(bands),
    )


def level_chart(levels: Sequence[LevelSeries]) -> Drawing | None:
    """One line per exercise done: its level per exercise session of the person's course.
    None when no level was recorded at all."""
    done = [s for s in levels if s.points]
    if not done:
        return None
    middle = (len(done) - 1) / 2
    series = [
        Series(
            f"{s.position}. {s.name}",
            [(n, level + (index - middle) * LEVEL_NUDGE) for n, level in s.points],
        )
        for index, s in enumerate(done)
    ]
    # A level above the exercise's count (programme content changed since) still shows.
    top = max(max(s.levels for s in done), *(level for s in done for _n, level in s.points))
    return line_chart(
        series,
        x_title=_("Exercise session"),
        y_title=_("Level"),
        y_min=1,
        y_max=top,
        y_step=1,
        y_margin=0.4,
    )


def _round_step(top: float, ticks: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20, ...) that labels 0..top in at most `ticks` steps."""
    for exponent in range(8):
        for factor in (1, 2, 5):
            step = factor * int(10**exponent)
            if math.ceil(top / step) <= ticks:
                return step
    return 10**8


def activity_chart(unit: str, weeks: Sequence[WeekRow]) -> Drawing:
    """A graded-activity plan: what was done (the week's mean) beside what was planned."""
    done = Series(_("Done"), [(w.week, w.done) for w in weeks])
    planned = Series(_("Planned"), [(w.week, w.planned) for w in weeks])
    top = max([w.planned for w in weeks] + [w.done or 0 for w in weeks] + [1])
    step = _round_step(top)
    return line_chart(
        [done, planned],
        x_title=_("Week"),
        y_title=_("How much each time") + f" ({unit_text(unit)})",
        y_max=step * math.ceil(top / step),
        y_step=step,
    )


# ---------------------------------------------------------------------- bar charts


def _label(x: float, y: float, text: str, size: float = LABEL_SIZE, **style: Any) -> String:
    return String(x, y, text, fontName=FONT, fontSize=size, **{"fillColor": MUTED, **style})


def _bar_chart(data: list[list[int]], names: list[str], top: int, size: float) -> Any:
    """A bar chart in DejaVu over the categories `names`, its value axis 0..top."""
    chart = VerticalBarChart()
    chart.data = data
    chart.categoryAxis.categoryNames = names
    step = _round_step(top)
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax = 0, step * math.ceil(top / step)
    axis.valueStep, axis.labelTextFormat = step, "%d"
    axis.visibleGrid, axis.gridStrokeColor = 1, RULE
    axis.gridStrokeDashArray, axis.gridStrokeWidth = [1, 2], 0.4
    for one in (chart.categoryAxis, axis):
        one.labels.fontName, one.labels.fontSize = FONT, size
        one.labels.fillColor, one.strokeColor = colors.black, colors.black
    chart.categoryAxis.visibleTicks = 0
    return chart


def _swatches(
    drawing: Drawing, items: Sequence[tuple[str, colors.Color]], x: float, y: float, size: float
) -> None:
    """A legend on one line: a bar's colour with its black outline, then its name."""
    for name, fill in items:
        drawing.add(Rect(x, y - 1, 9, 7, fillColor=fill, strokeColor=colors.black, strokeWidth=0.4))
        drawing.add(_label(x + 12, y, name, size, fillColor=colors.black))
        x += 12 + stringWidth(name, FONT, size) + 14


def _session_name(row: SessionAttendance) -> str:
    return _("E{n}").format(n=row.number) if row.kind == "education" else str(row.number)


def attendance_chart(sessions: Sequence[SessionAttendance]) -> Drawing | None:
    """Per session with a check-in: the group's people expected, and those present beside
    them. None when no session has a check-in yet."""
    held = [s for s in sessions if s.recorded]
    if not held:
        return None
    drawing = Drawing(FRAME_WIDTH, 58 * mm)
    top = max(max(s.expected, s.present) for s in held)
    chart = _bar_chart(
        [[s.expected for s in held], [s.present for s in held]],
        [_session_name(s) for s in held],
        max(top, 1),
        LABEL_SIZE,
    )
    chart.x, chart.y, chart.width, chart.height = 34, 40, FRAME_WIDTH - 44, 58 * mm - 62
    chart.barSpacing, chart.groupSpacing = 1, 6
    for index, fill in enumerate((EXPECTED_FILL, PRESENT_FILL)):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor, chart.bars[index].strokeWidth = colors.black, 0.4
    drawing.add(chart)
    drawing.add(_label(chart.x, chart.y + chart.height + 8, _("People")))
    middle = chart.x + chart.width / 2
    drawing.add(_label(middle, 17, _("Session"), textAnchor="middle"))
    legend = [(_("Expected"), EXPECTED_FILL), (_("Present"), PRESENT_FILL)]
    _swatches(drawing, legend, 10, 3, LABEL_SIZE)
    return drawing


def level_fills(levels: int) -> list[colors.Color]:
    """Level 1 white to the top level near black: greys that keep their order in print."""
    last = max(levels - 1, 1)
    return [colors.Color(*[1 - 0.8 * n / last] * 3) for n in range(levels)]


def distribution_chart(row: LevelDistribution, top: int, width: float) -> Drawing:
    """One exercise: per week of the course, how many did each level, level 1 at the
    bottom; `top` the value axis' end, the same for every exercise so they compare."""
    height = 40 * mm
    drawing = Drawing(width, height)
    data = [[week[level] for week in row.counts] for level in range(row.levels)]
    names = [str(n) for n in range(1, len(row.counts) + 1)]
    chart = _bar_chart(data, names, max(top, 1), SMALL_SIZE)
    chart.categoryAxis.style = "stacked"
    chart.x, chart.y, chart.width, chart.height = 24, 22, width - 30, height - 34
    chart.barWidth, chart.groupSpacing = 10, 6
    for level, fill in enumerate(level_fills(row.levels)):
        chart.bars[level].fillColor = fill
        chart.bars[level].strokeColor, chart.bars[level].strokeWidth = colors.black, 0.4
    drawing.add(chart)
    drawing.add(_label(chart.x, chart.y + chart.height + 5, _("People"), SMALL_SIZE))
    middle = chart.x + chart.width / 2
    drawing.add(_label(middle, 4, _("Week of the course"), SMALL_SIZE, textAnchor="middle"))
    return drawing


# ---------------------------------------------------------------------- the reports' parts


def level_block(doc: BaseDocument, levels: Sequence[LevelSeries]) -> list[Flowable]:
    """The end report's level chart under its own heading, kept on one page."""
    chart = level_chart(levels)
    if chart is None:
        return []
    note = _("One line per exercise; lines at the same level are drawn slightly apart.")
    heading = doc.para(_("Level per exercise over the course"), doc.styles.subheading)
    return [Spacer(1, 3 * mm), KeepTogether([heading, doc.para(note, doc.styles.small), chart])]


def activity_block(doc: BaseDocument, plan: ActivityPlan | None) -> list[Flowable]:
    """The end report's graded-activity plan: planned against done per week."""
    if plan is None or not plan[2]:
        return []
    activity, unit, weeks = plan
    note = _(
        "Planned: the amount each time in that week. Done: the mean of what was logged in "
        "that week. No point: nothing logged."
    )
    value = f"{activity} ({unit_text(unit)})"
    block = [
        doc.para(_("Graded activity plan"), doc.styles.heading),
        doc.markup(labelled(_("Activity"), value)),
        doc.para(note, doc.styles.small),
        activity_chart(unit, weeks),
    ]
    return [KeepTogether(block)]


def attendance_block(doc: BaseDocument, sessions: Sequence[SessionAttendance]) -> list[Flowable]:
    """The group report's attendance chart under its subheading, kept on one page."""
    chart = attendance_chart(sessions)
    if chart is None:
        return []
    s = doc.styles
    note = _("E1, E2: the education sessions; 1, 2, ...: the exercise sessions.")
    block = [doc.para(_("Attendance per session"), s.subheading), doc.para(note, s.small), chart]
    return [Spacer(1, 4 * mm), KeepTogether(block)]


def distribution_block(doc: BaseDocument, progress: GroupProgress) -> list[Flowable]:
    """Per exercise a small stacked bar chart of the levels per week, two to a row; the
    heading and the legend stay with the first row."""
    rows = [r for r in progress.distribution if any(any(week) for week in r.counts)]
    if not rows:
        return []
    s = doc.styles
    width = FRAME_WIDTH / 2
    top = max(sum(week) for r in rows for week in r.counts)
    cells = [
        [doc.para(f"{r.position}. {r.name}", s.cell_bold), distribution_chart(r, top, width - 8)]
        for r in rows
    ]
    grid: list[list[object]] = [list(cells[i : i + 2]) for i in range(0, len(cells), 2)]
    if len(grid[-1]) == 1:
        grid[-1].append("")
    style = table_style(("LEFTPADDING", (0, 0), (-1, -1), 0), header_rows=0, grid=False)
    table = Table(grid, colWidths=[width, width], style=style, hAlign="LEFT")
    most = max(r.levels for r in rows)
    legend = Drawing(FRAME_WIDTH, 12)
    names = [_("Level {n}").format(n=n) for n in range(1, most + 1)]
    _swatches(legend, list(zip(names, level_fills(most), strict=True)), 0, 3, LABEL_SIZE)
    note = _(
        "Per exercise: how many people did each level in each week of the course "
        "(the latest level someone did that week)."
    )
    head = [doc.para(_("Levels per week of the course"), s.subheading), doc.para(note, s.small)]
    return [CondPageBreak(85 * mm), *head, legend, table]
