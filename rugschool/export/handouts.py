"""What participants take home: their home programme (alone, or the whole group's in one
print run), and the core messages of an education session.

Written for readers at language level B1: short sentences, everyday words, one idea per
line. Every label is made while the participant's language is active.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)

from rugschool.export.base import (
    ACCENT,
    FRAME_WIDTH,
    RULE,
    BaseDocument,
    ParticipantDocument,
    Practice,
    date_text,
    esc,
    labelled,
    table_style,
)
from rugschool.export.handout_plans import goal_lines, own_plan_pages
from rugschool.export.pictures import ExercisePicture
from rugschool.i18n import _, language
from rugschool.services.handouts import (
    EducationHandoutData,
    HandoutData,
    HandoutExercise,
)

PICTURE_WIDTH = 52 * mm
PICTURE_HEIGHT = 36 * mm


def _day_names() -> list[str]:
    # Short day names in the active language (the locale module would need OS locales).
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def _box(doc: BaseDocument, content: list[Flowable]) -> Table:
    """Content in a framed box: the goal, the advice, the places to fill in."""
    return Table(
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


class _HandoutStory:
    """The pages of one personal handout, built inside the participant's language."""

    def __init__(self, doc: BaseDocument, data: HandoutData) -> None:
        self.doc, self.data, self.s = doc, data, doc.styles

    def flowables(self) -> list[Flowable]:
        return [
            *self._opening(),
            *self._exercises(),
            *self._messages(),
            *self._practice_log(),
            *self._own_plans(),
        ]

    def _opening(self) -> list[Flowable]:
        d, doc = self.data, self.doc
        line = " · ".join(x for x in (d.name, d.group, date_text(self.doc.printed_on)) if x)
        story: list[Flowable] = [
            doc.para(_("My exercises at home"), self.s.title),
            doc.markup(f"<b>{esc(line)}</b>"),
            Spacer(1, 2 * mm),
        ]
        advice = [
            _("These are your exercises, at your own level."),
            _("Do them two or three times a week, on good days and on bad days."),
            _("Some pain while you exercise is allowed. By the next day it should be as usual."),
            _("There is not one right way to do an exercise. Find the way that works for you."),
        ]
        box = [doc.para(_("How to use this"), self.s.subheading)]
        box += [doc.para(f"• {text}") for text in advice]
        story.append(_box(doc, box))
        smart = goal_lines(d.own.goal) if d.own.goal else []
        if d.goal or smart:
            goal = [doc.para(_("My goal"), self.s.subheading), doc.para(d.goal)]
            goal += [doc.markup(line, self.s.small) for line in smart]
            story += [Spacer(1, 3 * mm), _box(doc, goal)]
        return story

    def _exercises(self) -> list[Flowable]:
        story: list[Flowable] = [self.doc.para(_("My exercises"), self.s.heading)]
        if self.data.warmup is not None:
            story.append(self._exercise(self.data.warmup, warmup=True))
        story += [self._exercise(e) for e in self.data.exercises]
        return story

    def _exercise(self, exercise: HandoutExercise, *, warmup: bool = False) -> Flowable:
        doc, s = self.doc, self.s
        if warmup:
            title = doc.para(exercise.name, s.subheading)
        else:
            title = doc.markup(
                f"{exercise.position}. {esc(exercise.name)} · "
                + esc(
                    _("level {n} of {total}").format(n=exercise.now.number, total=exercise.levels)
                ),
                s.subheading,
            )
        text: list[Flowable] = [title, doc.para(exercise.now.instruction)]
        text.append(doc.markup(labelled(_("How much"), exercise.now.dose)))
        if exercise.now.equipment and exercise.now.equipment != _("none"):
            text.append(doc.markup(labelled(_("You need"), exercise.now.equipment)))
        if exercise.next is not None and not warmup:
            text.append(
                doc.markup(
                    labelled(
                        _("When this goes well (level {n})").format(n=exercise.next.number),
                        f"{exercise.next.instruction} {exercise.next.dose}",
                    ),
                    s.body if doc.large_print else s.small,  # large print: nothing below 14 pt
                )
            )
        picture: Flowable = ExercisePicture(exercise.picture, PICTURE_WIDTH, PICTURE_HEIGHT)
        row = Table(
            [[picture, text]],
            colWidths=[PICTURE_WIDTH + 4 * mm, FRAME_WIDTH - PICTURE_WIDTH - 4 * mm],
            style=table_style(
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                header_rows=0,
                grid=False,
            ),
        )
        return KeepTogether([row])

    def _messages(self) -> list[Flowable]:
        if not self.data.messages:
            return []
        doc = self.doc
        story: list[Flowable] = [
            CondPageBreak(60 * mm),
            doc.para(_("What we talked about"), self.s.heading),
        ]
        for number, (title, gain) in enumerate(self.data.messages, start=1):
            story.append(doc.markup(f"<b>{number}. {esc(title)}</b>"))
            if gain:
                story.append(doc.para(gain, self.s.small))
        return story

    def _practice_log(self) -> list[Flowable]:
        doc = self.doc
        header: list[object] = [_("Week of"), *_day_names()]
        rows: list[list[object]] = [header]
        rows += [[date_text(monday), *[""] * 7] for monday in self.data.log_weeks]
        first = 34 * mm
        day = (FRAME_WIDTH - first) / 7
        height = (11 if doc.large_print else 8) * mm
        table = doc.table(rows, [first, *[day] * 7], row_height=height)
        return [
            CondPageBreak(90 * mm),
            doc.para(_("My practice log"), self.s.heading),
            doc.para(_("Put a cross on each day you did your exercises.")),
            table,
        ]

    def _own_plans(self) -> list[Flowable]:
        return own_plan_pages(self.doc, self.data.own)


class PersonalHandout(ParticipantDocument):
    """One participant's home programme, in their language."""

    def __init__(
        self,
        practice: Practice,
        data: HandoutData,
        *,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        self.data = data
        super().__init__(practice, data.language, large_print=large_print, printed_on=printed_on)

    def make_title(self) -> str:
        return _("My exercises at home")

    def participant_story(self) -> list[Flowable]:
        return _HandoutStory(self, self.data).flowables()


class PrintRun(BaseDocument):
    """All handouts of a group in one PDF. Each starts on an odd page and counts its own
    pages, so a double-sided print can be handed out person by person."""

    def __init__(
        self,
        practice: Practice,
        handouts: Sequence[HandoutData],
        group: str,
        *,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        super().__init__(practice, large_print=large_print, printed_on=printed_on)
        self.handouts = list(handouts)
        self.title = _("Home programmes of {group}").format(group=group)

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for data in self.handouts:
            with language(data.language):
                story += self.part(
                    str(data.participant_id), data.name, odd_page=True, language=data.language
                )
                story += _HandoutStory(self, data).flowables()
        if not self.handouts:
            story.append(self.para(_("Nobody is active in this group yet.")))
        return story


class EducationHandout(BaseDocument):
    """The core messages of one education session, with room for the reader's questions."""

    def __init__(
        self, practice: Practice, data: EducationHandoutData, *, printed_on: dt.date | None = None
    ) -> None:
        super().__init__(practice, printed_on=printed_on)
        self.data = data
        self.title = data.content.title

    def story(self) -> list[Flowable]:
        content, s = self.data.content, self.styles
        story: list[Flowable] = [
            self.para(content.title, s.title),
            self.markup(
                f"<b>{esc(self.data.group)}</b> · "
                + esc(_("education session {n}").format(n=self.data.session_number))
                + f" · {esc(date_text(self.data.day))}"
            ),
        ]
        if content.description:
            story.append(self.para(content.description))
        shown: set[str] = set()
        for theme in content.themes:
            story.append(self.para(theme.title, s.heading))
            if theme.summary:
                story.append(self.para(theme.summary, s.small))
            # A message that belongs to two themes is explained once, where it first comes.
            again = [m.title for m in theme.messages if m.key in shown]
            if again:
                story.append(
                    self.para(_("See above: {titles}").format(titles="; ".join(again)), s.small)
                )
            for message in (m for m in theme.messages if m.key not in shown):
                shown.add(message.key)
                block: list[Flowable] = [self.para(message.title, s.subheading)]
                if message.explanation:
                    block.append(self.para(message.explanation))
                if message.gain:
                    block.append(self.markup(labelled(_("What it gives you"), message.gain)))
                story.append(KeepTogether(block))
        story += self._questions()
        return story

    def _questions(self) -> list[Flowable]:
        lines = Table(
            [[""] for _row in range(8)],
            colWidths=[FRAME_WIDTH],
            rowHeights=[10 * mm] * 8,
            style=table_style(
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                header_rows=0,
                grid=False,
            ),
        )
        return [
            CondPageBreak(100 * mm),
            self.para(_("My questions"), self.styles.heading),
            self.para(_("Write down what you want to ask or remember.")),
            lines,
        ]
