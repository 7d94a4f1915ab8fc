"""The follow-up questionnaire (3, 6 or 12 months after the start) that the clinic sends or
hands out, in the participant's language, for readers at level B1.

It asks what the follow-up moments measure and what may be printed freely: pain in the back
and the leg (NPRS, 0-10), the participant's own activities from the intake (PSK, 0-10, the
names filled in) and the 20 daily activities of the Quebec scale (QBPDS, 0-5) in our own
short words. The Oswestry and FABQ items are copyrighted and are not printed. Every answer is
a tick box, so the therapist can type the answers in as they stand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from rugschool.export.base import (
    ACCENT,
    FRAME_WIDTH,
    INK,
    RULE,
    ParticipantDocument,
    Practice,
    esc,
    table_style,
)
from rugschool.i18n import _
from rugschool.services.questionnaire import QuestionnaireData
from rugschool.services.region import region_words
from rugschool.services.scoring import moment_name, qbpds_item_labels

ZEBRA = colors.HexColor("#f2f2f2")  # every other row, to read across to the right box
PSK_BLANK_ROWS = 3
WRITING_LINES = 2  # for "anything else?"


class TickBox(Flowable):
    """An empty square to put a cross in."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _qbpds_anchors() -> list[str]:
    """What 0 to 5 mean on the Quebec scale, in our own words."""
    return [
        _("not hard at all"),
        _("a little hard"),
        _("somewhat hard"),
        _("quite hard"),
        _("very hard"),
        _("I cannot do it"),
    ]


class FollowUpQuestionnaire(ParticipantDocument):
    """One participant's follow-up questionnaire, in their language."""

    def __init__(
        self,
        practice: Practice,
        data: QuestionnaireData,
        *,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        self.data = data
        super().__init__(practice, data.language, large_print=large_print, printed_on=printed_on)

    def make_title(self) -> str:
        return _("Questionnaire after {months} months").format(months=self.data.months)

    def participant_story(self) -> list[Flowable]:
        return [
            *self._opening(),
            self._pain(),
            self._activities(),
            *self._daily(),
            *self._closing(),
        ]

    # ------------------------------------------------------------------ parts

    def _opening(self) -> list[Flowable]:
        d, s = self.data, self.styles
        intro = [
            _("Dear {name},").format(name=d.first_name),
            _(
                "About {months} months ago you started the back school. We would like to "
                "know how you are doing now. Your answers help us to make the back school "
                "better. They also show you how far you have come."
            ).format(months=d.months),
            _(
                "Filling in takes about 10 minutes. There are no right or wrong answers. "
                "Put one cross for each question."
            ),
        ]
        return [
            self.para(_("How is your back now?"), s.title),
            self.markup(f"<b>{esc(moment_name(d.moment))}</b> · {esc(d.group)}"),
            Spacer(1, 2 * mm),
            *(self.para(text) for text in intro),
            self._name_and_date(),
        ]

    def _name_and_date(self) -> Table:
        label_width = 30 * mm
        rows = [
            [self.para(_("Name"), self.styles.cell_bold), self.para(self.data.name)],
            [self.para(_("Date"), self.styles.cell_bold), ""],
        ]
        height = (12 if self.large_print else 9) * mm
        return Table(
            rows,
            colWidths=[label_width, 90 * mm],
            rowHeights=[height, height],
            hAlign="LEFT",
            style=table_style(
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
                header_rows=0,
                grid=False,
            ),
        )

    def _pain(self) -> Flowable:
        s = self.styles
        labels = [_("Pain in your low back"), _("Pain in your leg")]
        return KeepTogether(
            [
                self.para(_("1. Pain"), s.heading),
                self.para(
                    _(
                        "How much pain did you have in the past week, on average? 0 is no "
                        "pain. 10 is the worst pain you can imagine."
                    )
                ),
                self._scale([self.para(label, s.cell) for label in labels], 10),
            ]
        )

    def _activities(self) -> Flowable:
        s, named = self.styles, self.data.activities
        scale = _("How hard is each activity for you now? 0 is not hard at all. 10 is impossible.")
        if named:
            ask = _("At the start you named activities that were hard because of your back.")
            labels = [self.para(name, s.cell_bold) for name in named]
        else:
            ask = _("Write down up to three activities that are hard for you because of your back.")
            labels = [self.para(" ", s.cell) for _row in range(PSK_BLANK_ROWS)]
        return KeepTogether(
            [
                self.para(_("2. Your own activities"), s.heading),
                self.para(f"{ask} {scale}"),
                self._scale(labels, 10, writing=not named),
            ]
        )

    def _daily(self) -> list[Flowable]:
        s = self.styles
        # "5 = I cannot do it" stays on one line.
        anchors = " · ".join(
            f"<b>{n}</b>\N{NO-BREAK SPACE}=\N{NO-BREAK SPACE}{esc(text)}"
            for n, text in enumerate(_qbpds_anchors())
        )
        labels = [
            self.para(f"{number}. {label}", s.cell)
            for number, label in enumerate(qbpds_item_labels(), start=1)
        ]
        return [
            CondPageBreak(90 * mm),
            self.para(_("3. Daily activities"), s.heading),
            self.para(
                _(
                    "How hard is each of these activities for you today? Put a cross under "
                    "the number that fits best. Do you not do an activity? Then think of how "
                    "hard it would be."
                )
            ),
            self.markup(anchors),
            self._scale(labels, 5, header=_("Activity"), zebra=True, padding=2.5),
        ]

    def _closing(self) -> list[Flowable]:
        s = self.styles
        lines = Table(
            [[""] for _row in range(WRITING_LINES)],
            colWidths=[FRAME_WIDTH],
            rowHeights=[(12 if self.large_print else 9) * mm] * WRITING_LINES,
            style=table_style(
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE), header_rows=0, grid=False
            ),
        )
        if self.practice.name:
            back = _(
                "Please return this questionnaire to {practice} within two weeks. You can hand "
                "it in or send it by post."
            ).format(practice=self.practice.name)
        else:
            back = _(
                "Please return this questionnaire to your {therapist} within two weeks. "
                "You can hand it in or send it by post."
            ).format(therapist=region_words(self.practice.region).therapist)
        thanks = _("Thank you for filling this in!")
        question = _("Do you have a question? Please call or email us.")
        box = [self.markup(f"<b>{esc(thanks)}</b> {esc(back)} {esc(question)}")]
        return [
            KeepTogether(
                [
                    self.para(_("4. Anything else?"), s.heading),
                    self.para(_("Is there anything else you want to tell us?")),
                    lines,
                ]
            ),
            Spacer(1, 4 * mm),
            KeepTogether(self._box(box)),
        ]

    # ------------------------------------------------------------------ building blocks

    def _scale(
        self,
        labels: Sequence[Flowable],
        top: int,
        *,
        header: str = "",
        zebra: bool = False,
        writing: bool = False,
        padding: float = 4,
    ) -> Table:
        """One row per label with a tick box under each number from 0 to `top`."""
        s = self.styles
        centred = ParagraphStyle("centred", parent=s.cell_bold, alignment=TA_CENTER)
        numbers = [self.para(str(n), centred) for n in range(top + 1)]
        box = (6 if self.large_print else 4.5) * mm
        rows: list[list[object]] = [[self.para(header, s.cell_bold), *numbers]]
        rows += [[label, *(TickBox(box) for _n in numbers)] for label in labels]
        label_width = FRAME_WIDTH * (0.56 if top <= 5 else 0.34)
        column = (FRAME_WIDTH - label_width) / (top + 1)
        line = (12 if self.large_print else 10) * mm if writing else None
        commands: list[tuple[object, ...]] = [
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, INK if writing else RULE),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
        if writing:  # a line to write the activity on
            commands.append(("LINEBELOW", (0, 1), (0, -1), 0.6, INK))
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
        return Table(
            rows,
            colWidths=[label_width, *[column] * (top + 1)],
            rowHeights=[None, *[line] * len(labels)] if line else None,
            repeatRows=1,
            hAlign="LEFT",
            style=table_style(*commands, header_rows=1, grid=False),
        )

    def _box(self, content: list[Flowable]) -> list[Flowable]:
        return [
            Table(
                [[content]],
                colWidths=[FRAME_WIDTH],
                style=table_style(
                    ("BOX", (0, 0), (-1, -1), 1, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    header_rows=0,
                    grid=False,
                ),
            )
        ]
