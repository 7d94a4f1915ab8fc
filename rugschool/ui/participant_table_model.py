"""The participants as a table: name (sorted the region's way), date of birth, contact,
referrer, and where they stand."""

from __future__ import annotations

from PySide6.QtCore import QObject

from rugschool.i18n import N_, _
from rugschool.services.participants import ParticipantRow, ParticipantService
from rugschool.settings import REGION
from rugschool.ui.events import Events
from rugschool.ui.formatting import date_sort_key, date_text
from rugschool.ui.row_table_model import Column, RowTableModel


def _status(p: ParticipantRow) -> str:
    if p.archived:
        return _("Archived")
    parts = list(p.groups)
    if p.waiting:
        parts.append(_("waiting list"))
    return ", ".join(parts) or "—"


class ParticipantTableModel(RowTableModel[ParticipantRow]):
    columns = (
        Column(N_("Name"), lambda p: p.list_name, lambda p: p.sort_key),
        Column(
            N_("Date of birth"),
            lambda p: date_text(p.date_of_birth),
            lambda p: date_sort_key(p.date_of_birth),
        ),
        Column(N_("Phone"), lambda p: p.phone),
        Column(N_("E-mail"), lambda p: p.email),
        Column(N_("Referrer"), lambda p: p.referrer),
        Column(N_("Group"), _status),
    )

    def __init__(
        self, service: ParticipantService, events: Events, parent: QObject | None = None
    ) -> None:
        super().__init__(lambda: service.rows(sort=True), parent)
        events.participants_changed.connect(self.reload)
        events.groups_changed.connect(self.reload)
        events.settings_changed.connect(self._setting_changed)

    def _setting_changed(self, key: str) -> None:
        if key in (REGION.name, ""):  # the region changes the names' order ("": several)
            self.reload()
