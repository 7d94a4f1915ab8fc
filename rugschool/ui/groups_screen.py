"""Groepen: every run of the programme, with how full it is and who leads it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rugschool.i18n import _, ngettext
from rugschool.services.groups import GroupService
from rugschool.ui.events import Events
from rugschool.ui.group_table_model import GroupTableModel
from rugschool.ui.list_screen import ListScreen


class GroupsScreen(ListScreen):
    def __init__(
        self, service: GroupService, events: Events, parent: QWidget | None = None
    ) -> None:
        model = GroupTableModel(service, events)
        super().__init__(
            model,
            title=_("Groups"),
            search_hint=_("Search by group, location, therapist…"),
            empty_text=_("No groups yet. Load the demo from the File menu to look around."),
            count_text=lambda n: ngettext("{n} group", "{n} groups", n).format(n=n),
            parent=parent,
        )
        model.setParent(self)
