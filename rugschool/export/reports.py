"""What the clinic sends and keeps at the end of a course: the end report for a
participant's referrer (their GP), and the group report.

The end report is a letter a GP reads in a minute: who, which course, the personal goal and
whether it was reached, attendance, the outcome measures at the intake and the end, the
level per exercise at the start and now, pain over the course as a chart, and the
therapist's conclusion. The group report shows the group's results beside the published
Danish GLA:D Back figures, attendance per session and the group's level progression as a
table and a chart. The outcome measures' pages are in rugschool.export.measures_pages.

The charts are drawn by rugschool.export.charts and rugschool.export.progress_charts (the
screen's progress charts on paper: pain over the pain bands, the level per exercise, a
graded-activity plan, attendance per session, the levels per week); a chart is kept on one
page with its heading. The data of the progress charts is passed in by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from rugschool.export.base import FRAME_WIDTH, BaseDocument, Practice, date_text, esc
from rugschool.export.charts import Series, decimal_text, line_chart
from rugschool.export.measures_pages import danish_comparison, outcome_measures
from rugschool.export.progress_charts import (
    ActivityPlan,
    activity_block,
    attendance_block,
    distribution_block,
    level_block,
    pain_chart,
)
from rugschool.i18n import _
from rugschool.models import EnrollmentStatus, SessionKind
from rugschool.services.course_report_rules import (
    EndReportData,
    GroupReportData,
    SessionAttendance,
)
from rugschool.services.groups import goal_outcome_text
from rugschool.services.progress import GroupProgress, LevelSeries
from rugschool.services.progression import PainBands

DASH = "\N{EN DASH}"


def _centred(doc: BaseDocument, texts: Sequence[str], bold: bool = False) -> list[Flowable]:
    """Table cells with their text centred (numbers under a heading)."""
    parent = doc.styles.cell_bold if bold else doc.styles.cell
    style = ParagraphStyle("centred", parent=parent, alignment=TA_CENTER)
    return [doc.para(text, style) for text in texts]


def _level(value: int | None) -> str:
    return DASH if value is None else str(value)


# ---------------------------------------------------------------------- the end report


class EndReport(BaseDocument):
    """The end report for the participant's referrer, in the app's language. With `levels`
    (ParticipantProgress.levels) it charts the level per exercise; with `activity` (the
    activity, its unit and SelfManagementService.schedule's weeks) the graded-activity plan."""

    def __init__(
        self,
        practice: Practice,
        data: EndReportData,
        *,
        levels: Sequence[LevelSeries] = (),
        activity: ActivityPlan | None = None,
        bands: PainBands | None = None,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        super().__init__(practice, large_print=large_print, printed_on=printed_on)
        self.data = data
        self.levels, self.activity, self.bands = levels, activity, bands or PainBands()
        self.title = _("End report {name}").format(name=data.name)

    def story(self) -> list[Flowable]:
        return [
            *self._identification(),
            *self._goal(),
            *self._attendance(),
            *outcome_measures(self, self.data.measures),
            *self._levels(),
            *level_block(self, self.levels),
            self._pain(),
            *activity_block(self, self.activity),
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
            self.facts(rows),
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
        chart = pain_chart(d.pain, self.bands)
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
    """A group's attendance per session and its level progression, for the clinic. With
    `progress` (group_progress) it adds the attendance chart and the levels per week."""

    def __init__(
        self,
        practice: Practice,
        data: GroupReportData,
        *,
        progress: GroupProgress | None = None,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        super().__init__(practice, large_print=large_print, printed_on=printed_on)
        self.data = data
        self.progress = progress
        self.title = _("Group report {group}").format(group=data.group)

    def story(self) -> list[Flowable]:
        return [
            *self._identification(),
            *danish_comparison(self, self.data),
            *self._attendance(),
            *self._progression(),
            *self._level_table(),
            *self._level_chart(),
            *(distribution_block(self, self.progress) if self.progress else []),
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
        return [self.para(_("Group report"), s.title), Spacer(1, 2 * mm), self.facts(rows)]

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
        chart = attendance_block(self, self.progress.report.sessions) if self.progress else []
        return [*story, self.table(rows, widths), *chart]

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
            texts = [str(number), *(DASH if m is None else decimal_text(m) for m in means)]
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
