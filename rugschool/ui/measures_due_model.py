"""The measures due or overdue, for Vandaag: who, which moment, what is still missing."""

from __future__ import annotations

from rugschool.i18n import N_
from rugschool.services.measures import DueMeasure
from rugschool.services.scoring import instrument_name, moment_name, status_name
from rugschool.ui.formatting import date_text
from rugschool.ui.row_table_model import Column, RowTableModel


class MeasuresDueModel(RowTableModel[DueMeasure]):
    columns = (
        Column(N_("Due"), lambda m: date_text(m.due_on), lambda m: m.due_on.isoformat()),
        Column(N_("Participant"), lambda m: m.name),
        Column(N_("Moment"), lambda m: moment_name(m.moment)),
        Column(N_("Still to do"), lambda m: ", ".join(instrument_name(i) for i in m.missing)),
        Column(N_("Status"), lambda m: status_name(m.status)),
        Column(N_("Group"), lambda m: m.group),
    )
