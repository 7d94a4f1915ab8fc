"""What the clinic sends and keeps at the end of a course: the end report for a
participant's referrer (their GP), and the group report.

The end report is a letter a GP reads in a minute: who, which course, the personal goal and
whether it was reached, attendance, the level per exercise at the start and now, pain over
the course as a chart, and the therapist's conclusion. The group report shows attendance per
session and the group's level progression as a table and a chart.

Charts are ReportLab drawings with DejaVu on every label (the chart defaults would pull in
Helvetica), black and greys only, and series told apart by dashes and markers so that a
black-and-white printer loses nothing. A chart is kept on one page with its heading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from rugschool.export.base import (
    ACCENT,
    FONT,
    FRAME_WIDTH,
    MUTED,
    RULE,
    BaseDocument,
    Practice,
    date_text,
    esc,
)
from rugschool.i18n import _, current_language
from rugschool.models import EnrollmentStatus, SessionKind
from rugschool.services.course_report import (
    EndReportData,
    GroupReportData,
    SessionAttendance,
)
from rugschool.services.groups import goal_outcome_text

DASH = "\N{EN DASH}"
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


def _number(value: float) -> str:
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


def line_chart(
    series: Sequence[Series],
    *,
    x_title: str,
    y_title: str,
    y_max: float,
    y_step: float,
    y_min: float = 0,
    columns: int = 2,
    height: float = CHART_HEIGHT,
) -> Drawing:
    """A line chart over sessions 1..n with a legend under it, in DejaVu throughout."""
    rows = -(-len(series) // columns)
    legend_height = rows * 11 + 6
    drawing = Drawing(FRAME_WIDTH, height + legend_height)
    xs = sorted({x for one in series for x, _y in one.points}) or [1]
    plot = LinePlot()
    plot.x, plot.y = 34, legend_height + 26
    plot.width, plot.height = FRAME_WIDTH - 50, height - 44
    _style_plot(plot, series)
    x_axis, y_axis = plot.xValueAxis, plot.yValueAxis
    x_axis.valueMin, x_axis.valueMax = min(xs) - 0.5, max(xs) + 0.5
    every = 1 if len(xs) <= 20 else 2
    x_axis.valueSteps = [x for x in xs if (x - xs[0]) % every == 0]
    x_axis.labelTextFormat = "%d"
    y_axis.valueMin, y_axis.valueMax, y_axis.valueStep = y_min, y_max, y_step
    y_axis.labelTextFormat = lambda v: _number(v).rstrip("0").rstrip(",.")
    y_axis.visibleGrid, y_axis.gridStrokeColor = 1, RULE
    y_axis.gridStrokeDashArray, y_axis.gridStrokeWidth = [1, 2], 0.4
    for axis in (x_axis, y_axis):
        _axis_labels(axis)
    drawing.add(plot)
    drawing.add(_caption(plot.x, plot.y + plot.height + 8, y_title, fillColor=MUTED))
    middle = plot.x + plot.width / 2
    drawing.add(_caption(middle, legend_height + 4, x_title, fillColor=MUTED, textAnchor="middle"))
    _legend(drawing, series, legend_height - 12, columns)
    return drawing


def _facts(doc: BaseDocument, rows: Sequence[tuple[str, str]]) -> Flowable:
    """Label and value, two columns without a grid: the identification block."""
    cells = [[doc.markup(f"<b>{esc(label)}</b>", doc.styles.cell), value] for label, value in rows]
    return doc.table(
        cells,
        [45 * mm, FRAME_WIDTH - 45 * mm],
        header_rows=0,
        style=[
            ("GRID", (0, 0), (-1, -1), 0, colors.white),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
    )


def _centred(doc: BaseDocument, texts: Sequence[str], bold: bool = False) -> list[Flowable]:
    """Table cells with their text centred (numbers under a heading)."""
    parent = doc.styles.cell_bold if bold else doc.styles.cell
    style = ParagraphStyle("centred", parent=parent, alignment=TA_CENTER)
    return [doc.para(text, style) for text in texts]


def _level(value: int | None) -> str:
    return DASH if value is None else str(value)


# ---------------------------------------------------------------------- the end report


class EndReport(BaseDocument):
    """The end report for the participant's referrer, in the app's language."""

    def __init__(
        self,
        practice: Practice,
        data: EndReportData,
        *,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        super().__init__(practice, large_print=large_print, printed_on=printed_on)
        self.data = data
        self.title = _("End report {name}").format(name=data.name)

    def story(self) -> list[Flowable]:
        return [
            *self._identification(),
            *self._goal(),
            *self._attendance(),
            *self._levels(),
            self._pain(),
            *self._conclusion(),
            *self._closing(),
        ]

    def _course_dates(self) -> str:
        d = self.data
        if d.first_session and d.last_session:
            text = f"{date_text(d.first_session)} {DASH} {date_text(d.last_session)}"
        elif d.first_session:
            text = _("from {day}").format(day=date_text(d.first_session))
        else:
            text = _("not planned yet")
        if d.status == EnrollmentStatus.STOPPED.value:
            text += " " + _("(stopped early)")
        return text

    def _identification(self) -> list[Flowable]:
        d, s = self.data, self.styles
        rows = [
            (_("Name"), d.name),
            (_("Date of birth"), date_text(d.date_of_birth) or DASH),
            (_("Referrer"), d.referrer or DASH),
            (_("Group"), d.group),
            (_("Course"), self._course_dates()),
            (_("Therapists"), ", ".join(d.therapists) or DASH),
        ]
        return [
            self.para(_("End report"), s.title),
            self.para(_("Group back school (GLA:D Back)"), s.small),
            Spacer(1, 3 * mm),
            _facts(self, rows),
        ]

    def _goal(self) -> list[Flowable]:
        d, s = self.data, self.styles
        goal = self.para(d.personal_goal) if d.personal_goal else self._note(_("No goal recorded."))
        label, outcome = esc(_("Goal reached")), esc(goal_outcome_text(d.goal_outcome))
        return [
            self.para(_("Personal goal"), s.heading),
            goal,
            self.markup(f"<b>{label}:</b> {outcome}"),
        ]

    def _attendance(self) -> list[Flowable]:
        d, s = self.data, self.styles
        story: list[Flowable] = [self.para(_("Attendance"), s.heading)]
        for label, count in (
            (_("Exercise sessions attended"), d.exercise_attendance),
            (_("Education sessions attended"), d.education_attendance),
        ):
            text = esc(count.label)
            if count.held < count.total:
                text += " " + esc(_("({n} held so far)").format(n=count.held))
            story.append(self.markup(f"<b>{esc(label)}:</b> {text}"))
        if not d.recorded:
            story.append(
                self._note(_("Nothing has been recorded for this participant in this course yet."))
            )
        return story

    def _levels(self) -> list[Flowable]:
        d, s = self.data, self.styles
        if not d.exercises:
            return []
        header = [_("Level at start"), _("Level now"), _("Agreed next level")]
        rows: list[list[object]] = [[_("Exercise"), *_centred(self, header, bold=True)]]
        for e in d.exercises:
            levels = [_level(e.start), _level(e.now), _level(e.next)]
            rows.append([f"{e.position}. {e.name}", *_centred(self, levels)])
        most = max(e.levels for e in d.exercises)
        width = (FRAME_WIDTH - 80 * mm) / 3
        return [
            CondPageBreak(40 * mm),
            self.para(_("Level per exercise"), s.heading),
            self.para(_("Level 1 is the easiest, level {n} the hardest.").format(n=most), s.small),
            self.table(rows, [80 * mm, width, width, width]),
        ]

    def _pain(self) -> Flowable:
        d, s = self.data, self.styles
        block: list[Flowable] = [
            self.para(_("Pain during the course"), s.heading),
            self.para(
                _(
                    "Pain scored by the participant during the exercises (0 = no pain, "
                    "10 = worst imaginable): the highest and the mean score per exercise session."
                ),
                s.small,
            ),
        ]
        if not d.pain_scored:
            block.append(self._note(_("No pain was scored during this course.")))
            return KeepTogether(block)
        highest = Series(_("Highest pain"), [(p.number, p.highest) for p in d.pain])
        mean = Series(_("Mean pain"), [(p.number, p.mean) for p in d.pain])
        chart = line_chart(
            [highest, mean],
            x_title=_("Exercise session"),
            y_title=_("Pain (0-10)"),
            y_max=10,
            y_step=2,
        )
        block += [chart, self.para(_("No point: absent, or no pain scored."), s.small)]
        return KeepTogether(block)

    def _conclusion(self) -> list[Flowable]:
        story: list[Flowable] = [self.para(_("Conclusion"), self.styles.heading)]
        paragraphs = [p.strip() for p in self.data.conclusion.split("\n\n") if p.strip()]
        if not paragraphs:
            return [*story, self._note(_("No conclusion has been written yet."))]
        return story + [self.para(p) for p in paragraphs]

    def _closing(self) -> list[Flowable]:
        signers = [*self.data.therapists, self.practice.name]
        lines = "<br/>".join(esc(x) for x in signers if x)
        return [Spacer(1, 4 * mm), self.para(_("With kind regards,")), self.markup(lines)]

    def _note(self, text: str) -> Flowable:
        return self.markup(f"<i>{esc(text)}</i>", self.styles.small)


# ---------------------------------------------------------------------- the group report


def _session_label(row: SessionAttendance) -> str:
    if row.kind == SessionKind.EDUCATION.value:
        return _("Education session {number}").format(number=row.number)
    return _("Exercise session {number}").format(number=row.number)


class GroupReport(BaseDocument):
    """A group's attendance per session and its level progression, for the clinic."""

    def __init__(
        self,
        practice: Practice,
        data: GroupReportData,
        *,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        super().__init__(practice, large_print=large_print, printed_on=printed_on)
        self.data = data
        self.title = _("Group report {group}").format(group=data.group)

    def story(self) -> list[Flowable]:
        return [
            *self._identification(),
            *self._attendance(),
            *self._progression(),
            *self._level_table(),
            *self._level_chart(),
        ]

    def _identification(self) -> list[Flowable]:
        d, s = self.data, self.styles
        rows = [
            (_("Group"), d.group),
            (_("Location"), d.location or DASH),
            (_("Start date"), date_text(d.start_date) or DASH),
            (_("Therapists"), ", ".join(d.therapists) or DASH),
            (_("Participants"), str(d.participants)),
        ]
        return [self.para(_("Group report"), s.title), Spacer(1, 2 * mm), _facts(self, rows)]

    def _attendance(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [self.para(_("Attendance"), s.heading)]
        if not self.data.sessions:
            return [*story, self.para(_("No session has been held yet."))]
        rows: list[list[object]] = [[_("Session"), _("Date"), _("Present"), _("Absent")]]
        for row in self.data.sessions:
            rows.append(
                [
                    _session_label(row),
                    date_text(row.starts_at),
                    self._present_text(row),
                    "\n".join(f"{a.name} ({a.reason})" if a.reason else a.name for a in row.absent),
                ]
            )
        widths = [42 * mm, 24 * mm, 30 * mm, FRAME_WIDTH - 96 * mm]
        return [*story, self.table(rows, widths)]

    @staticmethod
    def _present_text(row: SessionAttendance) -> str:
        if not row.recorded:
            return _("not recorded")
        text = _("{done} of {total}").format(done=row.present, total=row.expected)
        if row.catch_ups:
            text += "\n" + _("+{n} from other groups").format(n=row.catch_ups)
        return text

    def _progression(self) -> list[Flowable]:
        d, s = self.data, self.styles
        story: list[Flowable] = [
            CondPageBreak(50 * mm),
            self.para(_("Level progression"), s.heading),
        ]
        if not d.level_sessions:
            return [*story, self.para(_("No levels have been recorded yet."))]
        header = _centred(self, [_("Levels"), _("Moved up since their start")], bold=True)
        rows: list[list[object]] = [[_("Exercise"), *header]]
        for p in d.progression:
            moved = _("{done} of {total}").format(done=p.moved_up, total=p.tracked)
            cells = _centred(self, [str(p.levels or DASH), moved])
            rows.append([f"{p.position}. {p.name}", *cells])
        width = (FRAME_WIDTH - 90 * mm) / 2
        return [*story, self.table(rows, [90 * mm, width, width])]

    def _level_table(self) -> list[Flowable]:
        d, s = self.data, self.styles
        if not d.level_sessions or not d.progression:
            return []
        header = [_("Exercise session"), *(str(p.position) for p in d.progression)]
        rows: list[list[object]] = [_centred(self, header, bold=True)]
        for column, number in enumerate(d.level_sessions):
            means = [p.means[column] for p in d.progression]
            texts = [str(number), *(DASH if m is None else _number(m) for m in means)]
            rows.append(_centred(self, texts))
        first = 34 * mm
        other = (FRAME_WIDTH - first) / len(d.progression)
        return [
            CondPageBreak(45 * mm),
            self.para(_("Mean level per exercise session"), s.subheading),
            self.para(
                _("The mean level of those present; the columns are the exercises by number."),
                s.small,
            ),
            self.table(rows, [first, *[other] * len(d.progression)]),
        ]

    def _level_chart(self) -> list[Flowable]:
        d, s = self.data, self.styles
        if not d.level_sessions or not d.progression:
            return []
        series = [
            Series(f"{p.position}. {p.name}", list(zip(d.level_sessions, p.means, strict=True)))
            for p in d.progression
        ]
        most = max((p.levels for p in d.progression), default=4) or 4
        chart = line_chart(
            series,
            x_title=_("Exercise session"),
            y_title=_("Mean level"),
            y_max=most,
            y_step=1,
            y_min=1,
            height=80 * mm,
        )
        heading = self.para(_("Mean level over the course"), s.subheading)
        return [Spacer(1, 4 * mm), KeepTogether([heading, chart])]
