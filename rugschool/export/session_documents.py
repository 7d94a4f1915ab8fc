"""The two papers of one session.

- `SessionSheet` (registratieformulier): for recording with a pen when the laptop cannot be
  used. One row per participant; per exercise the planned level printed in a shaded box and
  two empty boxes for the level done and the pain; tick boxes for present and warm-up;
  "yes / no" to circle for pain settled; a notes column. Portrait A4 cannot hold eight
  exercises with boxes big enough to write in, so the exercises come in parts of four, each
  part on a page of its own: the first half of the session on the first page, the second
  half on the next. A long list flows on with its two header rows repeated.
- `SessionSummary` (sessieverslag): the clinic's record of the session: attention points
  first, then attendance, level and pain per exercise (↑/↓ for a level changed since the
  time before), the theme of the day, the core messages covered and the notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from rugschool.export.base import (
    FONT,
    FONT_BOLD,
    FRAME_WIDTH,
    INK,
    SHADE,
    BaseDocument,
    Practice,
    esc,
    labelled,
    table_style,
)
from rugschool.i18n import _
from rugschool.services.session_report_rules import (
    Cell,
    ExerciseColumn,
    SessionInfo,
    SheetData,
    SheetRow,
    SummaryData,
    SummaryRow,
)

# The frame keeps 6 pt of padding on either side: wider tables stick out to the right.
WIDTH = FRAME_WIDTH
EXERCISES_PER_PART = 4
WRITE_HEIGHT = 8 * mm  # room to write a number with a pen
BLANK_ROWS = 2  # for someone who is not on the list
DASH = "\u2013"  # not asked, not recorded

# Sheet columns (mm): name, present, pain settled, warm-up; per exercise: plan, level, pain.
_NAME, _PRESENT, _SETTLED, _WARMUP = 30.0, 10.0, 12.5, 8.5
_PLAN, _BOX = 7, 8


def _therapists(info: SessionInfo) -> str:
    names = []
    if info.lead:
        names.append(_("{name} (lead)").format(name=info.lead))
    if info.assistant:
        names.append(_("{name} (assistant)").format(name=info.assistant))
    return ", ".join(names) or DASH


class _Box(Flowable):
    """An empty square to tick with a pen."""

    def __init__(self, size: float = 4 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


class _SessionDocument(BaseDocument):
    """What both papers share: small and centred cell styles, the heading, names."""

    def __init__(self, practice: Practice, *, printed_on: dt.date | None = None) -> None:
        super().__init__(practice, printed_on=printed_on)
        cell = self.styles.cell

        def style(name: str, parent: ParagraphStyle, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(name, parent=parent, **extra)

        self.centre = style("centre", cell, alignment=TA_CENTER)
        self.centre_bold = style("centre_bold", self.centre, fontName=FONT_BOLD)
        self.tiny = style("tiny", cell, fontSize=6.5, leading=8)
        self.tiny_bold = style("tiny_bold", self.tiny, fontName=FONT_BOLD)
        self.tiny_centre = style("tiny_centre", self.tiny, alignment=TA_CENTER)
        self.tiny_centre_bold = style("tiny_centre_bold", self.tiny_bold, alignment=TA_CENTER)
        self.planned = style("planned", self.centre_bold, fontSize=9.5)
        self.bullet = style(
            "bullet", self.styles.body, leftIndent=12, firstLineIndent=-9, spaceAfter=2
        )

    def heading(self, info: SessionInfo) -> list[Flowable]:
        where = info.group + (f" · {info.location}" if info.location else "")
        facts = [
            [self.para(_("Group"), self.styles.cell_bold), self.para(where, self.styles.cell)],
            [
                self.para(_("Therapists"), self.styles.cell_bold),
                self.para(_therapists(info), self.styles.cell),
            ],
        ]
        plain = TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), FONT), ("LEFTPADDING", (0, 0), (0, -1), 0)]
        )
        return [
            self.para(self.title, self.styles.title),
            self.para(info.label(), self.styles.subheading),
            Table(facts, colWidths=[30 * mm, WIDTH - 30 * mm], style=plain, hAlign="LEFT"),
            Spacer(1, 2 * mm),
        ]

    def section(self, title: str, room: float = 35 * mm) -> list[Flowable]:
        """A heading that never stands alone at the foot of a page."""
        return [CondPageBreak(room), self.para(title, self.styles.heading)]

    def name_cell(self, name: str, catch_up: bool, style: ParagraphStyle) -> Paragraph:
        markup = esc(name)
        if catch_up:
            label = _("catch-up session")
            markup += f"<br/><font size=6.5>({esc(label)})</font>"
        return self.markup(markup, style)


class SessionSheet(_SessionDocument):
    """The registration form of one session, to fill in with a pen."""

    def __init__(
        self, practice: Practice, data: SheetData, *, printed_on: dt.date | None = None
    ) -> None:
        super().__init__(practice, printed_on=printed_on)
        self.data = data
        self.title = _("Registration form")

    def story(self) -> list[Flowable]:
        data = self.data
        story = [*self.heading(data.session), self.legend()]
        exercises = data.exercises
        parts = [
            exercises[i : i + EXERCISES_PER_PART]
            for i in range(0, len(exercises), EXERCISES_PER_PART)
        ]
        for number, part in enumerate(parts or [()]):
            if number:  # a page of its own, that still says which session it is
                where = f"{data.group} · {data.session.label()}"
                story += [PageBreak(), self.para(where, self.styles.small)]
            if part:
                label = _("Exercises {first} to {last}").format(
                    first=part[0].position, last=part[-1].position
                )
                # Not kept with the table: a long list starts on this page and runs on.
                loose = ParagraphStyle("part", parent=self.styles.heading, keepWithNext=0)
                story.append(self.para(label, loose))
            story.append(self.part_table(part, check_in=number == 0))
        story.append(self.closing())
        return story

    def legend(self) -> Paragraph:
        levels = max((e.levels for e in self.data.exercises), default=4)
        lines = [_("Pres.: present, tick the box; absent: write the reason under notes.")]
        if self.data.exercises:
            lines += [
                _(
                    "Settled?: had the pain after the previous session settled by the next "
                    "day? Circle yes or no. WU: warm-up done."
                ),
                _(
                    "Plan: the planned level. Lvl: the level done (1-{levels}). Pain: 0 = no "
                    "pain, 10 = the worst pain imaginable."
                ).format(levels=levels),
            ]
        return self.para(" ".join(lines), self.styles.small)

    def fixed_columns(
        self, part: Sequence[ExerciseColumn], check_in: bool
    ) -> list[tuple[str, float]]:
        """The columns before the exercises: header and width (mm)."""
        columns: list[tuple[str, float]] = [(_("Participant"), _NAME)]
        if check_in:
            columns.append((_("Pres."), _PRESENT))
            if part:
                columns += [(_("Settled?"), _SETTLED), (_("WU"), _WARMUP)]
        return columns

    def header(self, part: Sequence[ExerciseColumn], check_in: bool) -> list[list[object]]:
        fixed = self.fixed_columns(part, check_in)
        first: list[object] = [self.para(fixed[0][0], self.tiny_bold)]
        first += [self.para(label, self.tiny_centre_bold) for label, _w in fixed[1:]]
        for e in part:
            name = self.markup(f"<b>{e.position}</b> {esc(e.name)}", self.tiny_centre)
            first += [name, "", ""]
        first.append(self.para(_("Notes"), self.tiny_bold))
        if not part:
            return [first]
        labels = [_("Plan"), _("Lvl"), _("Pain")]
        second: list[object] = [""] * len(fixed)
        for _e in part:
            second += [self.para(label, self.tiny_centre_bold) for label in labels]
        return [first, [*second, ""]]

    def row(
        self, person: SheetRow | None, part: Sequence[ExerciseColumn], check_in: bool
    ) -> list[object]:
        cells: list[object] = [
            self.name_cell(person.name, person.catch_up, self.styles.cell) if person else ""
        ]
        if check_in:
            cells.append(_Box())
            if part:
                cells += [self.para(_("yes / no"), self.tiny_centre), _Box()]
        for e in part:
            planned = str(person.planned.get(e.key, "")) if person else ""
            cells += [self.para(planned, self.planned), "", ""]
        return [*cells, Spacer(1, WRITE_HEIGHT)]

    def part_table(self, part: Sequence[ExerciseColumn], check_in: bool) -> Table:
        people: list[SheetRow | None] = [*self.data.participants, *[None] * BLANK_ROWS]
        header = self.header(part, check_in)
        rows = [*header, *(self.row(p, part, check_in) for p in people)]
        fixed = [w for _label, w in self.fixed_columns(part, check_in)]
        widths = [w * mm for w in (*fixed, *[_PLAN, _BOX, _BOX] * len(part))]
        widths.append(WIDTH - sum(widths))
        return Table(
            rows,
            colWidths=widths,
            style=table_style(
                *self.part_style(len(fixed), len(part), len(header)), header_rows=len(header)
            ),
            repeatRows=len(header),
            hAlign="LEFT",
        )

    @staticmethod
    def part_style(fixed: int, exercises: int, header_rows: int) -> list[tuple[Any, ...]]:
        style: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 0), (-2, -1), "CENTER"),
            ("LEFTPADDING", (1, 0), (-2, -1), 1.5),
            ("RIGHTPADDING", (1, 0), (-2, -1), 1.5),
        ]
        if header_rows == 2:
            style += [("SPAN", (c, 0), (c, 1)) for c in (*range(fixed), -1)]
        for n in range(exercises):
            column = fixed + 3 * n
            style += [
                ("SPAN", (column, 0), (column + 2, 0)),
                ("BACKGROUND", (column, header_rows), (column, -1), SHADE),
                ("LINEBEFORE", (column, 0), (column, -1), 1.2, INK),
            ]
        if exercises:
            style.append(("LINEAFTER", (-2, 0), (-2, -1), 1.2, INK))
        return style

    def closing(self) -> Flowable:
        """Room for the session's notes, and who filled the form in."""
        box = Table(
            [[self.para(_("Notes on the session"), self.tiny_bold)], [Spacer(1, 20 * mm)]],
            colWidths=[WIDTH],
            style=TableStyle(
                [("FONTNAME", (0, 0), (-1, -1), FONT), ("BOX", (0, 0), (-1, -1), 0.6, INK)]
            ),
            hAlign="LEFT",
        )
        filled_by = self.para(_("Filled in by:") + " " + "_" * 36, self.styles.small)
        return KeepTogether([Spacer(1, 5 * mm), box, Spacer(1, 3 * mm), filled_by])


class SessionSummary(_SessionDocument):
    """The clinic's record of one session, of either kind, recorded or not (yet)."""

    def __init__(
        self, practice: Practice, data: SummaryData, *, printed_on: dt.date | None = None
    ) -> None:
        super().__init__(practice, printed_on=printed_on)
        self.data = data
        self.title = _("Session summary")

    def story(self) -> list[Flowable]:
        data = self.data
        story = [*self.heading(data.session), self.counts()]
        if not data.recorded:
            story.append(self.para(_("Nothing has been recorded for this session yet.")))
            return [*story, *self.attendance(), *self.notes()]
        story += self.attention()
        if data.exercises and any(p.cells for p in data.participants):
            story += self.results()
        story += self.attendance()
        story += self.theme()
        story += self.messages()
        story += self.notes()
        return story

    def counts(self) -> Paragraph:
        rows = self.data.participants
        text = _("Present: {present} · absent: {absent} · on the list: {total}").format(
            present=sum(p.presence == "present" for p in rows),
            absent=sum(p.presence == "absent" for p in rows),
            total=len(rows),
        )
        return self.para(text)

    def attention(self) -> list[Flowable]:
        """One line per person, with everything to look at for them."""
        story = self.section(_("Attention points"))
        if not self.data.attention:
            return [*story, self.para(_("No attention points."))]
        per_person: dict[int, tuple[str, list[str]]] = {}
        for point in self.data.attention:
            name, texts = per_person.setdefault(point.participant_id, (point.name, []))
            texts.append(point.text(self.data.bands))
        for name, texts in per_person.values():
            line = f"• <b>{esc(name)}</b>: {esc('; '.join(texts))}"
            story.append(self.markup(line, self.bullet))
        return [*story, *self.course_flags()]

    def course_flags(self) -> list[Flowable]:
        """The flags of each person's course as they stood on the day (course monitoring)."""
        if not self.data.flags:
            return []
        names = {p.participant_id: p.name for p in self.data.participants}
        story = [self.para(_("Course flags"), self.styles.subheading)]
        for pid, flags in self.data.flags.items():
            for flag in flags:
                name = esc(names.get(pid, "?"))
                line = f"• <b>{name}</b>: {labelled(flag.title, flag.explanation)}"
                story.append(self.markup(line, self.bullet))
        return story

    def attendance(self) -> list[Flowable]:
        exercise = self.data.session.is_exercise
        header: list[object] = [_("Participant"), _("Present"), _("Reason if absent")]
        if exercise:
            header += [_("Warm-up"), _("Pain after last time settled?")]
        rows: list[list[object]] = [header]
        for p in self.data.participants:
            row: list[object] = [self.name_cell(p.name, p.catch_up, self.styles.cell)]
            row += [_presence_text(p), p.absence_reason]
            if exercise:
                row += ["✓" if p.warmup_done else "", _yes_no(p.pain_settled)]
            rows.append(row)
        widths = [50, 20, 46, 22, 32] if exercise else [60, 30, 80]
        widths[-1] = WIDTH / mm - sum(widths[:-1])
        return [
            *self.section(_("Attendance"), 50 * mm),
            self.table(rows, [w * mm for w in widths]),
        ]

    def results(self) -> list[Flowable]:
        exercises = self.data.exercises
        key = " · ".join(f"<b>{e.position}</b>&nbsp;{esc(e.name)}" for e in exercises)
        legend = _(
            "Each cell: level / pain (NRS 0-10; {dash} not asked). ↑ a level higher than the "
            "time before, ↓ a level lower. Bold: pain above the acceptable band."
        ).format(dash=DASH)
        header = [self.para(_("Participant"), self.styles.cell_bold)]
        header += [self.para(str(e.position), self.centre_bold) for e in exercises]
        rows: list[list[object]] = [list(header)]
        for p in self.data.participants:
            if p.cells:
                cells = [self.result_cell(p.cells.get(e.key)) for e in exercises]
                rows.append([self.name_cell(p.name, p.catch_up, self.styles.cell), *cells])
        name_width = 42 * mm
        widths = [name_width] + [(WIDTH - name_width) / len(exercises)] * len(exercises)
        return [
            *self.section(_("Level and pain per exercise"), 60 * mm),
            self.markup(key, self.styles.small),
            self.para(legend, self.styles.small),
            Spacer(1, 2 * mm),
            self.table(rows, widths, style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
            Spacer(1, 1 * mm),
            self.para(self.data.bands.label(), self.styles.small),
        ]

    def result_cell(self, cell: Cell | None) -> Paragraph:
        if cell is None:
            return self.para("", self.centre)
        pain = DASH if cell.pain is None else str(cell.pain)
        mark = {"up": " ↑", "down": " ↓", None: ""}[cell.change]
        too_high = self.data.bands.band(cell.pain) == "too_high"
        return self.para(
            f"{cell.level} / {pain}{mark}", self.centre_bold if too_high else self.centre
        )

    def theme(self) -> list[Flowable]:
        theme = self.data.theme
        if theme is None:
            return []
        title = theme.title or _("The participants' own experiences")
        story = [*self.section(_("Theme of the day")), self.para(title)]
        if theme.note:
            story.append(self.para(theme.note, self.styles.small))
        return story

    def messages(self) -> list[Flowable]:
        messages = self.data.messages
        if not messages and self.data.session.is_exercise:
            return []
        story = self.section(_("Core messages covered"))
        if not messages:
            return [*story, self.para(_("No core messages recorded."))]
        for m in sorted(messages, key=lambda m: (not m.covered, m.number)):
            state = "" if m.covered else " <i>({})</i>".format(esc(_("not covered")))
            note = f"<br/><font size=8.5>{esc(m.note)}</font>" if m.note else ""
            story.append(self.markup(f"• {m.number}. {esc(m.title)}{state}{note}", self.bullet))
        return story

    def notes(self) -> list[Flowable]:
        session_notes = self.data.session.notes
        results = [
            (p.name, e.name, p.cells[e.key].note)
            for p in self.data.participants
            for e in self.data.exercises
            if e.key in p.cells and p.cells[e.key].note
        ]
        if not session_notes and not results:
            return []
        story = self.section(_("Notes"))
        if session_notes:
            story.append(self.para(session_notes))
        for name, exercise, note in results:
            line = f"• <b>{esc(name)}</b>, {esc(exercise)}: {esc(note)}"
            story.append(self.markup(line, self.bullet))
        return story


def _presence_text(p: SummaryRow) -> str:
    return {"present": _("yes"), "absent": _("no"), "not_recorded": DASH}[p.presence]


def _yes_no(value: bool | None) -> str:
    return DASH if value is None else _("yes") if value else _("no")
