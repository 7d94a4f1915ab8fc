"""Every printed document and export file, by kind, for the app and the command line.

`Documents(services)` makes the bytes of a document and suggests a file name; what to do
with them (save, open, print) is up to the caller. Made documents are never cached: they
show the database as it is at that moment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rugschool.errors import ExportError
from rugschool.export.base import Practice, date_text
from rugschool.i18n import N_, _
from rugschool.services.audit import AuditAction, AuditService
from rugschool.services.bundle import Services
from rugschool.services.clinic_exports import JournalSession, journal_texts
from rugschool.services.progression import PainBands
from rugschool.settings import PRACTICE_ADDRESS, PRACTICE_LOGO, PRACTICE_NAME, REGION
from rugschool.writing import write_file

if TYPE_CHECKING:  # ReportLab loads when a document is made, not with this module
    from rugschool.export.progress_charts import ActivityPlan

# Characters no file system takes in a name, and runs of spaces.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(text: str) -> str:
    """A file name from a title: no path separators or reserved characters, not too long."""
    name = " ".join(_UNSAFE.sub(" ", text).split()).strip(". ")
    return name[:120] or "rugschool"


@dataclass(frozen=True)
class Made:
    """A finished document: its bytes and the name to suggest for it; whose data it holds,
    so that writing it leaves a row per person in the audit log."""

    data: bytes
    file_name: str
    about: tuple[int, ...] = ()  # participant ids
    kind: str = ""  # what it is, in English words marked N_() (the log translates them)
    audit: AuditService | None = field(default=None, repr=False, compare=False)

    def write(self, path: Path, action: AuditAction = AuditAction.EXPORTED) -> Path:
        written = write_file(path, self.data)
        if self.audit is not None and self.about:
            self.audit.log_many(action, list(self.about), self.kind)
        return written


class Documents:
    def __init__(self, services: Services, today: dt.date | None = None) -> None:
        self.services = services
        self.today = today or dt.date.today()

    def practice(self) -> Practice:
        settings = self.services.settings
        return Practice(
            settings.get(PRACTICE_NAME),
            settings.get(PRACTICE_ADDRESS),
            settings.get(PRACTICE_LOGO),
            settings.get(REGION),
        )

    def _pdf(self, title: str) -> str:
        return safe_file_name(title) + ".pdf"

    def _made(self, data: bytes, name: str, about: Sequence[int], kind: str) -> Made:
        return Made(data, name, tuple(about), kind, self.services.audit)

    def _group_people(self, group_id: int) -> list[int]:
        return [e.participant_id for e in self.services.groups.enrollments(group_id)]

    # ------------------------------------------------------------------ for participants

    def handout(self, participant_id: int, group_id: int, *, large_print: bool = False) -> Made:
        from rugschool.export.handouts import PersonalHandout

        data = self.services.handouts.handout(participant_id, group_id, self.today)
        document = PersonalHandout(
            self.practice(), data, large_print=large_print, printed_on=self.today
        )
        title = _("Home programme {name}").format(name=data.name)
        return self._made(
            document.build(), self._pdf(title), [participant_id], N_("home programme")
        )

    def print_run(self, group_id: int, *, large_print: bool = False) -> Made:
        from rugschool.export.handouts import PrintRun

        group = self.services.groups.get(group_id)
        handouts = self.services.handouts.group_handouts(group_id, self.today)
        document = PrintRun(
            self.practice(), handouts, group.name, large_print=large_print, printed_on=self.today
        )
        title = _("Home programmes {group}").format(group=group.name)
        about = [h.participant_id for h in handouts]
        return self._made(document.build(), self._pdf(title), about, N_("home programme"))

    def handouts_to(self, group_id: int, folder: Path, *, large_print: bool = False) -> list[Path]:
        """One PDF per active participant of the group, in `folder` (made when missing)."""
        handouts = self.services.handouts.group_handouts(group_id, self.today)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(
                _("The folder {folder} cannot be made: {reason}").format(
                    folder=folder, reason=error.strerror or error
                )
            ) from error
        written = []
        for data in handouts:
            made = self.handout(data.participant_id, group_id, large_print=large_print)
            written.append(made.write(folder / made.file_name))
        return written

    def education(self, session_id: int) -> Made:
        from rugschool.export.handouts import EducationHandout

        data = self.services.handouts.education(session_id)
        document = EducationHandout(self.practice(), data, printed_on=self.today)
        title = _("Education {n} {group}").format(n=data.session_number, group=data.group)
        return Made(document.build(), self._pdf(title))

    def questionnaire(self, enrollment_id: int, moment: str, *, large_print: bool = False) -> Made:
        """The follow-up questionnaire (3, 6 or 12 months; `moment` a Moment or its value)
        in the participant's language."""
        from rugschool.export.measures_pages import moment_short
        from rugschool.export.questionnaire import FollowUpQuestionnaire
        from rugschool.services.questionnaire import questionnaire_data

        data = questionnaire_data(self.services.db, enrollment_id, moment)
        document = FollowUpQuestionnaire(
            self.practice(), data, large_print=large_print, printed_on=self.today
        )
        title = _("Questionnaire {moment} {name}").format(
            moment=moment_short(data.moment), name=data.name
        )
        about = [data.participant_id]
        return self._made(document.build(), self._pdf(title), about, N_("questionnaire"))

    # ------------------------------------------------------------------ for the clinic

    def sheet(self, session_id: int) -> Made:
        from rugschool.export.session_documents import SessionSheet
        from rugschool.services.session_report import sheet_data

        data = sheet_data(self.services.db, session_id)
        document = SessionSheet(self.practice(), data, printed_on=self.today)
        title = _("Session sheet {group} {date}").format(
            group=data.group, date=date_text(data.starts_at)
        )
        about = self.services.expected_at(session_id)
        return self._made(document.build(), self._pdf(title), about, N_("session sheet"))

    def summary(self, session_id: int, bands: PainBands | None = None) -> Made:
        from rugschool.export.session_documents import SessionSummary
        from rugschool.services.session_report import summary_data

        data = summary_data(self.services.db, session_id, bands or self.services.pain_bands())
        document = SessionSummary(self.practice(), data, printed_on=self.today)
        title = _("Session summary {group} {date}").format(
            group=data.group, date=date_text(data.starts_at)
        )
        about = self.services.expected_at(session_id)
        return self._made(document.build(), self._pdf(title), about, N_("session summary"))

    def report(self, participant_id: int, group_id: int) -> Made:
        from rugschool.export.reports import EndReport

        progress = self.services.participant_progress(participant_id, group_id)
        data = progress.report
        document = EndReport(
            self.practice(),
            data,
            levels=progress.levels,
            activity=self._activity(participant_id, group_id),
            bands=self.services.pain_bands(),
            printed_on=self.today,
        )
        title = _("End report {name}").format(name=data.name)
        return self._made(document.build(), self._pdf(title), [participant_id], N_("end report"))

    def _activity(self, participant_id: int, group_id: int) -> ActivityPlan | None:
        """The person's graded-activity plan in this group (the first, as on the handout)."""
        mine = [
            e.id
            for e in self.services.groups.enrollments_of(participant_id)
            if e.group_id == group_id
        ]
        tools = self.services.self_management
        plans = tools.plans(mine[0]) if mine else []
        if not plans:
            return None
        plan = plans[0]
        return plan.data.activity, plan.data.unit, tools.schedule(plan.id, self.today)

    def group_report(self, group_id: int) -> Made:
        from rugschool.export.reports import GroupReport

        progress = self.services.group_progress(group_id)
        data = progress.report
        document = GroupReport(self.practice(), data, progress=progress, printed_on=self.today)
        title = _("Group report {group}").format(group=data.group)
        about = self._group_people(group_id)
        return self._made(document.build(), self._pdf(title), about, N_("group report"))

    # ------------------------------------------------------------------ for the EPD

    def journal_texts(self, group_id: int, participant_id: int) -> list[tuple[JournalSession, str]]:
        """Per session of the group: the text to paste into the clinic's record system."""
        return journal_texts(self.services.db, group_id, participant_id)

    def recordings_csv(self, group_id: int, delimiter: str = ";") -> Made:
        from rugschool.export.csv_export import recordings_csv
        from rugschool.services.clinic_exports import recording_rows

        group = self.services.groups.get(group_id)
        data = recordings_csv(recording_rows(self.services.db, group_id), delimiter)
        title = _("Recordings {group}").format(group=group.name)
        about = self._group_people(group_id)
        return self._made(data, safe_file_name(title) + ".csv", about, N_("recordings (CSV)"))

    def attendance_csv(self, group_id: int, delimiter: str = ";") -> Made:
        from rugschool.export.csv_export import attendance_csv
        from rugschool.services.clinic_exports import attendance_rows

        group = self.services.groups.get(group_id)
        data = attendance_csv(attendance_rows(self.services.db, group_id), delimiter)
        title = _("Attendance {group}").format(group=group.name)
        about = self._group_people(group_id)
        return self._made(data, safe_file_name(title) + ".csv", about, N_("attendance (CSV)"))
