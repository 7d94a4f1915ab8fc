"""Deelnemers: everyone stored, searchable and sortable."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rugschool.i18n import _, ngettext
from rugschool.services.participants import ParticipantService
from rugschool.ui.events import Events
from rugschool.ui.list_screen import ListScreen
from rugschool.ui.participant_table_model import ParticipantTableModel


class ParticipantsScreen(ListScreen):
    def __init__(
        self, service: ParticipantService, events: Events, parent: QWidget | None = None
    ) -> None:
        model = ParticipantTableModel(service, events)
        super().__init__(
            model,
            title=_("Participants"),
            search_hint=_("Search by name, phone, e-mail…"),
            empty_text=_("No participants yet. Load the demo from the File menu to look around."),
            count_text=lambda n: ngettext(
                "{n} participant, archived included", "{n} participants, archived included", n
            ).format(n=n),
            parent=parent,
        )
        model.setParent(self)
