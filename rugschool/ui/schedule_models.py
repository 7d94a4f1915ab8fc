"""The tables of a group's detail: its sessions, and the people enrolled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rugschool.i18n import N_, _
from rugschool.services.course_flags_rules import Flag
from rugschool.services.groups import EnrollmentRow
from rugschool.services.schedule import SessionRow
from rugschool.ui.formatting import date_sort_key, date_text
from rugschool.ui.row_table_model import Column, RowTableModel

WEEKDAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
STATUS_NAMES = {
    "waiting": N_("waiting list"),
    "active": N_("active"),
    "stopped": N_("stopped"),
    "completed": N_("completed"),
}


def session_title(kind: str, number: int) -> str:
    if kind == "education":
        return _("Education {n}").format(n=number)
    return _("Exercise session {n}").format(n=number)


def _day(moment: dt.datetime) -> str:
    return f"{_(WEEKDAY_NAMES[moment.weekday()])} {date_text(moment.date())}"


class SessionTableModel(RowTableModel[SessionRow]):
    columns = (
        Column(N_("Date"), lambda s: _day(s.starts_at), lambda s: s.starts_at.isoformat()),
        Column(N_("Time"), lambda s: s.starts_at.strftime("%H:%M")),
        Column(N_("Session"), lambda s: session_title(s.kind, s.number)),
        Column(N_("Lead"), lambda s: s.lead or "—"),
        Column(N_("Assistant"), lambda s: s.assistant or "—"),
        Column(N_("Catching up"), lambda s: str(s.catch_ups) if s.catch_ups else ""),
    )


@dataclass(frozen=True)
class EnrollmentLine:
    enrollment: EnrollmentRow
    progress: str
    flags: tuple[Flag, ...] = ()


def flag_text(flags: Sequence[Flag]) -> str:
    """ "⚑ Pain above the acceptable band; Absent twice in a row" (empty without flags)."""
    return "⚑ " + "; ".join(f.title for f in flags) if flags else ""


def flag_tooltip(flags: Sequence[Flag]) -> str:
    return "\n\n".join(f"{f.title}: {f.explanation}" for f in flags)


class EnrollmentTableModel(RowTableModel[EnrollmentLine]):
    columns = (
        Column(N_("Name"), lambda e: e.enrollment.name),
        Column(N_("Status"), lambda e: _(STATUS_NAMES.get(e.enrollment.status, "?"))),
        Column(
            N_("Own start"),
            lambda e: date_text(e.enrollment.start_date),
            lambda e: date_sort_key(e.enrollment.start_date),
        ),
        Column(N_("Sessions"), lambda e: e.progress),
        Column(
            N_("Attention"),
            lambda e: flag_text(e.flags),
            tooltip=lambda e: flag_tooltip(e.flags),
        ),
    )

    def __init__(self, load: Callable[[], list[EnrollmentLine]]) -> None:
        super().__init__(load)
