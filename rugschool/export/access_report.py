"""The answer to a request for access (inzageverzoek), on paper: everything stored about one
participant, a heading per kind of data, in the app's language.

It reads the same data as the JSON file beside it (services/privacy_access.py) and shows it
in words: codes such as "active" or "follow_up_3" as the app names them, dates as 25-11-2026,
times of the audit log in local time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from rugschool.export.base import FRAME_WIDTH, BaseDocument, Practice, date_text
from rugschool.i18n import LANGUAGES, N_, _
from rugschool.models import AuditAction, Database, Instrument, Moment
from rugschool.services.audit import ACTION_NAMES
from rugschool.services.groups import goal_outcome_text
from rugschool.services.pacing_rules import KIND_NAMES, NEED_NAMES, day_name, day_part_name
from rugschool.services.schedule_rules import APPOINTMENT_NAMES
from rugschool.services.scoring import REPS, SECONDS, instrument_name, moment_name, unit_name
from rugschool.services.settings import SettingsService
from rugschool.settings import PRACTICE_ADDRESS, PRACTICE_LOGO, PRACTICE_NAME

DASH = "\N{EN DASH}"
Data = Mapping[str, Any]

STATUS_NAMES = {
    "waiting": N_("waiting list"),
    "active": N_("active"),
    "stopped": N_("stopped"),
    "completed": N_("completed"),
}
SESSION_KINDS = {"education": N_("education"), "exercise": N_("exercise")}
UNIT_NAMES = {"minutes": N_("minutes"), "metres": N_("metres"), "repetitions": N_("times")}
ANSWER_NAMES = {
    "back": N_("low back"),
    "leg": N_("leg"),
    "activities": N_("activities"),
    "items": N_("items"),
    "total": N_("total"),
    "value": N_("value"),
    "unit": N_("unit"),
}


def _name(table: Mapping[str, str], code: object) -> str:
    return _(table[str(code)]) if str(code) in table else str(code or DASH)


def _day(value: object) -> str:
    return date_text(dt.date.fromisoformat(str(value)[:10])) if value else DASH


def _local_time(value: object) -> str:
    if not value:
        return DASH
    return dt.datetime.fromisoformat(str(value)).astimezone().strftime("%d-%m-%Y %H:%M")


def _yes_no(value: object) -> str:
    return DASH if value is None else (_("yes") if value else _("no"))


def _number(value: object) -> str:
    if value is None:
        return DASH
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def answers_text(answers: Mapping[str, object]) -> str:
    """A measurement's answers in one line: "low back: 6, leg: 2"."""
    parts = []
    for key, value in answers.items():
        if isinstance(value, list):
            shown = "; ".join(
                " ".join(_number(v) for v in item) if isinstance(item, list) else _number(item)
                for item in value
            )
        elif key == "unit" and value in (REPS, SECONDS):
            shown = unit_name(str(value))
        else:
            shown = _number(value)
        parts.append(f"{_name(ANSWER_NAMES, key)}: {shown}")
    return ", ".join(parts)


class AccessReport(BaseDocument):
    """Everything stored about one participant (GDPR art. 15)."""

    def __init__(
        self, practice: Practice, data: Data, *, printed_on: dt.date | None = None
    ) -> None:
        super().__init__(practice, printed_on=printed_on)
        self.data = data
        self.title = _("Data stored about {name}").format(name=data["participant"]["full_name"])

    def story(self) -> list[Flowable]:
        return [
            self.para(self.title, self.styles.title),
            self.para(
                _(
                    "This overview shows everything the practice stores about you in "
                    "Rugschool, on {day}. The file beside it holds the same data in a "
                    "machine-readable form (JSON)."
                ).format(day=date_text(self.printed_on)),
                self.styles.small,
            ),
            Spacer(1, 2 * mm),
            *self._person(),
            *self._enrollments(),
            *self._attendance(),
            *self._results(),
            *self._measurements(),
            *self._smart_goals(),
            *self._plans(),
            *self._exposure(),
            *self._pacing(),
            *self._audit(),
        ]

    # ------------------------------------------------------------------ helpers

    def _section(self, heading: str, rows: Sequence[object]) -> list[Flowable]:
        story: list[Flowable] = [self.para(heading, self.styles.heading)]
        if not rows:
            story.append(self.para(_("Nothing stored."), self.styles.small))
        return story

    def _facts(self, rows: Sequence[tuple[str, object]]) -> Flowable:
        return self.facts([(label, value or DASH) for label, value in rows])

    def _grid(
        self, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]
    ) -> Flowable:
        """A table filling the frame; `widths` in mm, the last column takes the rest."""
        fixed = [w * mm for w in widths]
        return self.table([list(header), *rows], [*fixed, FRAME_WIDTH - sum(fixed)])

    def _listing(
        self, heading: str, columns: Sequence[tuple[str, float]], rows: Sequence[Sequence[object]]
    ) -> list[Flowable]:
        """A section of one table: (label, width in mm) per column; the last fills the rest."""
        story = self._section(heading, rows)
        if rows:
            labels, widths = [c for c, _w in columns], [w for _c, w in columns[:-1]]
            story.append(self._grid(labels, rows, widths))
        return story

    @staticmethod
    def _session(row: Data) -> str:
        return f"{_name(SESSION_KINDS, row['session_kind'])} {row['session_number']}"

    # ------------------------------------------------------------------ sections

    def _person(self) -> list[Flowable]:
        p = self.data["participant"]
        consents = (
            (_("Report to the referrer"), p["consent_report_on"]),
            (_("Photos and video"), p["consent_media_on"]),
            (_("Research use"), p["consent_research_on"]),
        )
        rows: list[tuple[str, object]] = [
            (_("Participant number"), str(p["id"])),
            (_("Name"), p["full_name"]),
            (_("Date of birth"), _day(p["date_of_birth"])),
            (_("Phone"), p["phone"]),
            (_("E-mail"), p["email"]),
            (_("Referrer"), p["referrer"]),
            (_("Language of handouts"), LANGUAGES.get(p["language"], p["language"])),
            (_("Notes"), p["notes"]),
            (_("Archived"), _yes_no(p["archived"])),
            (_("Record made on"), _local_time(p["created_at"])),
            *[
                (label, _("given on {day}").format(day=_day(on)) if on else _("not given"))
                for label, on in consents
            ],
        ]
        return [self.para(_("Personal details"), self.styles.heading), self._facts(rows)]

    def _enrollments(self) -> list[Flowable]:
        enrollments = self.data["enrollments"]
        story = self._section(_("Groups"), enrollments)
        for e in enrollments:
            levels = ", ".join(f"{x['exercise']}: {x['level']}" for x in e["starting_levels"])
            story += [
                self.para(e["group"], self.styles.subheading),
                self._facts(
                    [
                        (_("Start"), _day(e["start_date"])),
                        (_("Status"), _name(STATUS_NAMES, e["status"])),
                        (_("Personal goal"), e["personal_goal"]),
                        (_("Goal reached"), goal_outcome_text(e["goal_outcome"])),
                        (_("Starting levels"), levels),
                        (_("Conclusion"), e["conclusion"]),
                    ]
                ),
            ]
            if e["appointments"]:
                rows = [
                    [
                        _name(APPOINTMENT_NAMES, a["kind"]),
                        _day(a["due_on"]),
                        _day(a["done_on"]),
                        a["notes"],
                    ]
                    for a in e["appointments"]
                ]
                story += [
                    Spacer(1, 2 * mm),
                    self._grid(
                        [_("Appointment"), _("Due"), _("Done"), _("Notes")], rows, [50, 25, 25]
                    ),
                ]
        return story

    def _attendance(self) -> list[Flowable]:
        rows = [
            [
                _day(a["date"]),
                a["group"],
                self._session(a),
                _yes_no(a["present"])
                + (f" ({a['absence_reason']})" if a["absence_reason"] else ""),
                _yes_no(a["catch_up"]),
                _yes_no(a["pain_settled"]),
                _yes_no(a["warmup_done"]),
            ]
            for a in self.data["attendance"]
        ]
        catch_ups = [
            [_day(c["date"]), c["group"], self._session(c)] for c in self.data["catch_ups"]
        ]
        columns = [(_("Date"), 22), (_("Group"), 34), (_("Session"), 28), (_("Present"), 20)]
        columns += [(_("Catch-up"), 20), (_("Pain settled"), 22), (_("Warm-up"), 0)]
        story = self._listing(_("Sessions"), columns, rows)
        if catch_ups:
            story += [
                self.para(_("Planned catch-up sessions"), self.styles.subheading),
                self._grid([_("Date"), _("Group"), _("Session")], catch_ups, [25, 80]),
            ]
        return story

    def _results(self) -> list[Flowable]:
        rows = [
            [
                _day(r["date"]),
                self._session(r),
                r["exercise"],
                _number(r["level"]),
                _number(r["pain"]),
                _yes_no(r["easy"]),
                r["note"],
            ]
            for r in self.data["exercise_results"]
        ]
        columns = [(_("Date"), 22), (_("Session"), 26), (_("Exercise"), 45), (_("Level"), 16)]
        columns += [(_("Pain (0-10)"), 18), (_("Went easily"), 22), (_("Note"), 0)]
        return self._listing(_("Exercises"), columns, rows)

    def _measurements(self) -> list[Flowable]:
        rows = [
            [
                _day(m["taken_on"]),
                _moment(m["moment"]),
                _instrument(m["instrument"]),
                _number(m["score"]),
                answers_text(m["answers"]),
                m["notes"],
            ]
            for m in self.data["measurements"]
        ]
        columns = [(_("Date"), 22), (_("Moment"), 28), (_("Measure"), 38), (_("Score"), 14)]
        columns += [(_("Answers"), 46), (_("Notes"), 0)]
        return self._listing(_("Measurements"), columns, rows)

    def _smart_goals(self) -> list[Flowable]:
        goals = self.data["smart_goals"]
        story = self._section(_("SMART goal"), goals)
        for g in goals:
            story += [
                self.para(g["group"], self.styles.subheading),
                self._facts(
                    [
                        (_("Specific"), g["specific"]),
                        (_("Measurable"), g["measurable"]),
                        (_("Acceptable"), g["acceptable"]),
                        (_("Realistic"), g["realistic"]),
                        (_("Time-bound"), g["time_bound"]),
                        (_("What matters to me"), g["value"]),
                    ]
                ),
            ]
        return story

    def _plans(self) -> list[Flowable]:
        plans = self.data["graded_activity"]
        story = self._section(_("Graded activity"), plans)
        for p in plans:
            unit = _name(UNIT_NAMES, p["unit"])
            story += [
                self.para(f"{p['activity']} ({p['group']})", self.styles.subheading),
                self._facts(
                    [
                        (
                            _("Baseline"),
                            " / ".join(_number(b) for b in p["baselines"]) + f" {unit}",
                        ),
                        (_("Start below the baseline"), f"{_number(p['reduction_percent'])} %"),
                        (_("Goal"), f"{_number(p['goal'])} {unit}"),
                        (_("Weeks"), _number(p["weeks"])),
                        (_("Times per week"), _number(p["times_per_week"])),
                        (_("Starts on"), _day(p["starts_on"])),
                    ]
                ),
            ]
            if p["logs"]:
                rows = [[_day(x["done_on"]), _number(x["amount"]), x["note"]] for x in p["logs"]]
                story += [
                    Spacer(1, 2 * mm),
                    self._grid([_("Date"), unit.capitalize(), _("Note")], rows, [25, 25]),
                ]
        return story

    def _exposure(self) -> list[Flowable]:
        rows = [
            [
                x["group"],
                _number(x["rank"]),
                x["description"],
                _number(x["fear"]),
                _day(x["done_on"]),
            ]
            for x in self.data["exposure"]
        ]
        columns = [(_("Group"), 40), (_("Step"), 14), (_("Movement or activity"), 70)]
        columns += [(_("Fear (0-10)"), 22), (_("Done on"), 0)]
        return self._listing(_("Exposure ladder"), columns, rows)

    def _pacing(self) -> list[Flowable]:
        rows = [
            [
                x["group"],
                day_name(int(x["weekday"])),
                day_part_name(str(x["day_part"])),
                x["activity"],
                _name(KIND_NAMES, x["kind"]),
                _name(NEED_NAMES, x["need"]),
            ]
            for x in self.data["pacing"]
        ]
        columns = [(_("Group"), 34), (_("Day"), 22), (_("Part of the day"), 24)]
        columns += [(_("Activity"), 40), (_("Effort or rest"), 26), (_("Must or want"), 0)]
        return self._listing(_("Week plan (pacing)"), columns, rows)

    def _audit(self) -> list[Flowable]:
        rows = [
            [
                _local_time(x["at"]),
                x["therapist"] or DASH,
                _action(x["action"]),
                _detail(x["detail"]),
            ]
            for x in self.data["audit"]
        ]
        columns = [(_("When"), 32), (_("Therapist"), 40), (_("Action"), 60), (_("What"), 0)]
        return self._listing(_("Who opened, changed or passed on your data"), columns, rows)


def _moment(code: str) -> str:
    return moment_name(Moment(code)) if code in set(Moment) else code


def _instrument(code: str) -> str:
    return instrument_name(Instrument(code)) if code in set(Instrument) else code


def _detail(words: str) -> str:
    """What was done, stored as English words (services/audit.py), shown translated."""
    return _(words) if words else DASH


def _action(code: str) -> str:
    return _(ACTION_NAMES[AuditAction(code)]) if code in set(AuditAction) else code


def access_pdf(data: Data, practice: Practice, printed_on: dt.date | None = None) -> bytes:
    return AccessReport(practice, data, printed_on=printed_on).build()


def pdf_renderer(db: Database) -> Callable[[Data], bytes]:
    """What PrivacyService.export_access takes: the PDF with the practice's header."""
    settings = SettingsService(db)
    practice = Practice(
        settings.get(PRACTICE_NAME), settings.get(PRACTICE_ADDRESS), settings.get(PRACTICE_LOGO)
    )
    return lambda data: access_pdf(data, practice)
