"""The groups as a table: name, location, start, how full, therapists."""

from __future__ import annotations

from PySide6.QtCore import QObject

from rugschool.i18n import N_, _
from rugschool.services.groups import GroupRow, GroupService
from rugschool.ui.events import Events
from rugschool.ui.formatting import date_sort_key, date_text
from rugschool.ui.row_table_model import Column, RowTableModel


def _occupancy(g: GroupRow) -> str:
    return _("{active} of {max}").format(active=g.active_count, max=g.max_size)


class GroupTableModel(RowTableModel[GroupRow]):
    columns = (
        Column(N_("Group"), lambda g: g.name),
        Column(N_("Location"), lambda g: g.location),
        Column(
            N_("Start"), lambda g: date_text(g.start_date), lambda g: date_sort_key(g.start_date)
        ),
        Column(N_("Participants"), _occupancy, lambda g: g.active_count, align_right=True),
        Column(N_("Therapists"), lambda g: ", ".join(g.therapists)),
    )

    def __init__(
        self, service: GroupService, events: Events, parent: QObject | None = None
    ) -> None:
        super().__init__(service.rows, parent)
        events.participants_changed.connect(self.reload)
        events.groups_changed.connect(self.reload)
