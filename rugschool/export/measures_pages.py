"""The outcome measures in the reports: in the end report a table of one person's measures
at the intake and at the end with the change in words, and a small chart over the moments;
in the group report the group's mean change beside the published Danish GLA:D Back figures.

The Danish figures are the ones the programme published (docs: program.md, "Measures"):
the pilot (Kjaer et al. 2018; 78 people, after 4 months) and the national Danish data. A
group of a dozen people is a small sample beside them, and the report says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from rugschool.export.base import FRAME_WIDTH, BaseDocument, esc
from rugschool.export.charts import Series, decimal_text, line_chart
from rugschool.i18n import N_, _, current_language
from rugschool.models import Instrument, Moment
from rugschool.services.course_report_rules import (
    BACK,
    LEG,
    AttendanceShare,
    GroupReportData,
    MeasureLine,
)
from rugschool.services.measures import GroupChange
from rugschool.services.scoring import Change, instrument_name, unit_name

DASH = "\N{EN DASH}"
MINUS = "\N{MINUS SIGN}"
ARROW = "\N{RIGHTWARDS ARROW}"

# What each row measures, and its scale (sit-to-stand: its unit, from the answers).
_SCALES: dict[tuple[Instrument, str], str] = {
    (Instrument.PSK, ""): N_("own activities, mean 0-10"),
    (Instrument.QBPDS, ""): N_("daily activities, 0-100"),
    (Instrument.NPRS, BACK): N_("back pain, 0-10"),
    (Instrument.NPRS, LEG): N_("leg pain, 0-10"),
    (Instrument.ODI, ""): N_("disability, 0-100 %"),
    (Instrument.FABQ_PA, ""): N_("fear of physical activity, 0-24"),
    (Instrument.FORWARD_BEND, ""): N_("fingertips to floor, cm"),
    (Instrument.EXTENSOR_ENDURANCE, ""): N_("seconds held"),
    (Instrument.FLEXOR_ENDURANCE, ""): N_("seconds held"),
}
# The chart: the three questionnaires every moment asks, as a share of their maximum, so
# that 0-10 and 0-100 share one axis (higher is more complaints for all three).
_CHARTED: dict[tuple[Instrument, str], float] = {
    (Instrument.PSK, ""): 10,
    (Instrument.QBPDS, ""): 100,
    (Instrument.NPRS, BACK): 10,
}
_MOMENTS: dict[Moment, str] = {
    Moment.INTAKE: N_("Intake"),
    Moment.MID: N_("Halfway"),
    Moment.END: N_("End of course"),
}
_MONTHS = {Moment.FOLLOW_UP_3: 3, Moment.FOLLOW_UP_6: 6, Moment.FOLLOW_UP_12: 12}


# ---------------------------------------------------------------------- numbers in words


def number_text(value: float) -> str:
    """A whole number as such, else one decimal (a comma in Dutch); a real minus sign."""
    rounded = round(float(value), 1)
    text = str(abs(int(rounded))) if rounded.is_integer() else decimal_text(abs(rounded))
    return MINUS + text if rounded < 0 else text


def signed_text(value: float) -> str:
    text = number_text(value)
    return "+" + text if round(float(value), 1) > 0 else text


def change_text(found: Change | GroupChange | None) -> str:
    """The change in words: "-3 (better)" (with a real minus sign), "+1,5 (worse)",
    "0 (no change)"; a dash without one."""
    if found is None:
        return DASH
    difference = found.mean_change if isinstance(found, GroupChange) else found.difference
    if found.improved is None:
        word = _("no change")
    else:
        word = _("better") if found.improved else _("worse")
    return f"{signed_text(difference)} ({word})"


def moment_short(moment: Moment) -> str:
    """A moment in a word or two, for a chart axis or a table cell."""
    if moment in _MONTHS:
        return _("{n} months").format(n=_MONTHS[moment])
    return _(_MOMENTS[moment])


def percent_text(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else DASH


def count_text(value: int) -> str:
    """1,730 in English, 1.730 in Dutch."""
    text = f"{value:,}"
    return text.replace(",", ".") if current_language() == "nl" else text


def measure_label(instrument: Instrument, part: str = "", unit: str = "") -> tuple[str, str]:
    """The instrument's name and what the row measures on which scale."""
    if instrument is Instrument.SIT_TO_STAND:
        return instrument_name(instrument), unit_name(unit) if unit else ""
    return instrument_name(instrument), _(_SCALES[(instrument, part)])


def _centred(doc: BaseDocument, text: str, bold: bool = False) -> Flowable:
    parent = doc.styles.cell_bold if bold else doc.styles.cell
    return doc.para(text, ParagraphStyle("centred", parent=parent, alignment=TA_CENTER))


def _label_cell(doc: BaseDocument, name: str, scale: str, extra: Sequence[str] = ()) -> Flowable:
    size = doc.styles.small.fontSize
    lines = [f"<b>{esc(name)}</b>", f'<font size="{size}">{esc(scale)}</font>' if scale else ""]
    lines += [f'<font size="{size}"><i>{esc(text)}</i></font>' for text in extra]
    return doc.markup("<br/>".join(line for line in lines if line), doc.styles.cell)


# ---------------------------------------------------------------------- the end report


def _value_text(value: float | None, moment: Moment | None, unit: str, note_unit: bool) -> str:
    if value is None:
        return DASH
    notes = [moment_short(moment)] if moment not in (None, Moment.INTAKE, Moment.END) else []
    notes += [unit_name(unit)] if note_unit and unit else []
    return number_text(value) + "".join(f"\n({note})" for note in notes)


def outcome_table(doc: BaseDocument, lines: Sequence[MeasureLine]) -> Flowable:
    header = [_("At intake"), _("At the end"), _("Change")]
    rows: list[list[object]] = [[_("Measure"), *(_centred(doc, h, bold=True) for h in header)]]
    for line in lines:
        name, scale = measure_label(line.instrument, line.part, line.unit)
        two_units = line.intake_unit != line.unit and line.intake is not None
        intake = _value_text(line.intake, Moment.INTAKE, line.intake_unit, two_units)
        latest = _value_text(line.latest, line.latest_moment, line.unit, two_units)
        activities = ["; ".join(line.activities)] if line.activities else []
        cells = [_centred(doc, text) for text in (intake, latest, change_text(line.change))]
        rows.append([_label_cell(doc, name, scale, activities), *cells])
    width = (FRAME_WIDTH - 78 * mm) / 3
    return doc.table(rows, [78 * mm, width * 0.9, width * 0.9, width * 1.2])


def _moment_axis(drawing: Drawing, moments: Sequence[Moment]) -> None:
    """The x axis of `line_chart` numbers its points; here they are the moments."""
    names = {number: moment_short(m) for number, m in enumerate(moments, start=1)}
    for plot in (item for item in drawing.contents if isinstance(item, LinePlot)):
        plot.xValueAxis.labelTextFormat = lambda v: names.get(round(v), "")


def outcome_chart(doc: BaseDocument, lines: Sequence[MeasureLine]) -> list[Flowable]:
    """PSK, QBPDS and back pain over the moments; nothing with fewer than two moments."""
    shown = [line for line in lines if (line.instrument, line.part) in _CHARTED]
    moments = [m for m in Moment if any(m == mo for line in shown for mo, _v in line.points)]
    if len(moments) < 2:
        return []
    number = {m: n for n, m in enumerate(moments, start=1)}
    series = []
    for line in shown:
        top = _CHARTED[(line.instrument, line.part)]
        points = [(number[m], value * 100 / top) for m, value in line.points]
        name, scale = measure_label(line.instrument, line.part)
        series.append(Series(_("{name}: {scale}").format(name=name, scale=scale), points))
    chart = line_chart(
        series,
        x_title=_("Measuring moment"),
        y_title=_("Score as a percentage of the scale's maximum (higher = more complaints)"),
        y_max=100,
        y_step=20,
        columns=1,
        height=52 * mm,
    )
    _moment_axis(chart, moments)
    return [chart]


def outcome_measures(doc: BaseDocument, lines: Sequence[MeasureLine]) -> list[Flowable]:
    """The end report's section; nothing when nothing was measured."""
    if not lines:
        return []
    s = doc.styles
    note = _(
        "The change runs from the intake to the end of the course, or to the latest "
        "measurement before it. Better and worse allow for each scale's direction: lower "
        "is better for pain, complaints, disability and fear, higher for endurance."
    )
    return [
        CondPageBreak(45 * mm),
        doc.para(_("Outcome measures"), s.heading),
        outcome_table(doc, lines),
        Spacer(1, 1.5 * mm),
        doc.para(note, s.small),
        *outcome_chart(doc, lines),
    ]


# ---------------------------------------------------------------------- the group report


@dataclass(frozen=True)
class Published:
    """A published mean change from the Danish GLA:D Back data (None: not published)."""

    instrument: Instrument
    pilot: float | None
    national: float | None


PILOT_SOURCE = "Kjaer et al., BMC Musculoskeletal Disorders 2018;19:418"
PILOT_PEOPLE, PILOT_MONTHS = 78, 4
NATIONAL_ATTENDANCE, NATIONAL_PEOPLE = 52, 1730  # % who attended most sessions, of how many
PUBLISHED: dict[Instrument, Published] = {
    Instrument.NPRS: Published(Instrument.NPRS, pilot=-1.2, national=-1.7),  # NRS points
    Instrument.ODI: Published(Instrument.ODI, pilot=-6.5, national=None),  # Oswestry points
}
SMALL_GROUP = 20  # below this many people a mean change says little; a group is 10-12
# Back pain always; the others where the group has them.
_COMPARED = (Instrument.NPRS, Instrument.ODI, Instrument.PSK, Instrument.QBPDS)


def _group_cell(doc: BaseDocument, found: GroupChange | None) -> Flowable:
    if found is None:
        return doc.para(_("not measured at both the intake and the end yet"), doc.styles.cell)
    means = f"{number_text(found.mean_intake)} {ARROW} {number_text(found.mean_end)}"
    detail = _("{means}, n = {n}").format(means=means, n=found.n)
    return doc.markup(f"<b>{esc(change_text(found))}</b><br/>{esc(detail)}", doc.styles.cell)


def _published(value: float | None) -> str:
    return DASH if value is None else number_text(value)


def _attendance_row(doc: BaseDocument, share: AttendanceShare) -> list[object]:
    mine = _("{percent} ({done} of {people})").format(
        percent=percent_text(share.most, share.people), done=share.most, people=share.people
    )
    national = _("{percent} of {people}").format(
        percent=f"{NATIONAL_ATTENDANCE}%", people=count_text(NATIONAL_PEOPLE)
    )
    label = _label_cell(doc, _("Attendance"), _("came to most exercise sessions"))
    return [label, _centred(doc, mine), _centred(doc, DASH), _centred(doc, national)]


def comparison_table(doc: BaseDocument, data: GroupReportData) -> Flowable:
    outcomes = dict(data.outcomes)
    pilot = _("Danish pilot (n = {n}, after {months} months)").format(
        n=PILOT_PEOPLE, months=PILOT_MONTHS
    )
    header = [_("This group: intake to end"), pilot, _("Danish national data")]
    rows: list[list[object]] = [[_("Measure"), *(_centred(doc, h, bold=True) for h in header)]]
    for x in _COMPARED:
        if x is not Instrument.NPRS and x not in outcomes:
            continue
        published = PUBLISHED.get(x, Published(x, None, None))
        label = _label_cell(doc, *measure_label(x, BACK if x is Instrument.NPRS else ""))
        cells = [_centred(doc, _published(v)) for v in (published.pilot, published.national)]
        rows.append([label, _group_cell(doc, outcomes.get(x)), *cells])
    if data.attendance_share and data.attendance_share.people:
        rows.append(_attendance_row(doc, data.attendance_share))
    width = (FRAME_WIDTH - 58 * mm - 50 * mm) / 2
    return doc.table(rows, [58 * mm, 50 * mm, width, width])


def _comparison_notes(data: GroupReportData) -> list[str]:
    outcomes = dict(data.outcomes)
    compared = [outcomes[x].n for x in _COMPARED if x in outcomes]
    notes = [
        _(
            "Sources: the Danish pilot, {source} ({people} people, change after {months} "
            "months); the national Danish GLA:D Back data (change in back pain; attendance "
            "of {total} participants)."
        ).format(
            source=PILOT_SOURCE,
            people=PILOT_PEOPLE,
            months=PILOT_MONTHS,
            total=count_text(NATIONAL_PEOPLE),
        ),
        _(
            "This group is measured at the end of the course, the Danish pilot after {months} "
            "months: read the comparison as a rough guide, not as a target."
        ).format(months=PILOT_MONTHS),
    ]
    if not compared:
        notes.append(
            _("Nobody in this group has been measured at both the intake and the end yet.")
        )
    elif min(compared) < SMALL_GROUP:
        notes.append(
            _(
                "Small numbers: some of these means rest on only {n} people. With so few, one "
                "person's result moves the mean a lot, and a difference from the Danish "
                "figures can be chance."
            ).format(n=min(compared))
        )
    share = data.attendance_share
    if share and share.people:
        notes.append(
            _(
                "Most sessions: more than half of the course's {n} exercise sessions, catch-up "
                "sessions included; people who stopped count as not attending."
            ).format(n=share.sessions)
        )
        if not share.finished:
            notes.append(_("The course is still running: the attendance share can still change."))
    return notes


def danish_comparison(doc: BaseDocument, data: GroupReportData) -> list[Flowable]:
    """The group report's section: the group's results beside the Danish figures."""
    s = doc.styles
    intro = _(
        "The group's mean change from the intake to the end of the course, over the people "
        "measured at both, beside the figures published for GLA:D Back in Denmark. A "
        "negative change is a fall in the score: for these measures that is better."
    )
    block: list[Flowable] = [
        doc.para(_("Results beside the Danish GLA:D Back figures"), s.heading),
        doc.para(intro, s.small),
        comparison_table(doc, data),
    ]
    spaced = ParagraphStyle("note", parent=s.small, spaceAfter=3)
    notes = [doc.para(note, spaced) for note in _comparison_notes(data)]
    return [CondPageBreak(70 * mm), KeepTogether(block), Spacer(1, 2 * mm), *notes]
