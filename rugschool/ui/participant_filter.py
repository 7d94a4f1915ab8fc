"""Which participants the list shows: a search that ignores case and accents, and a filter
for current, waiting-list and archived people."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from rugschool.i18n import N_
from rugschool.services.participants import ParticipantRow, matches
from rugschool.ui.row_table_model import ROW_ROLE

FILTERS = {
    "current": N_("Current"),
    "waiting": N_("Waiting list"),
    "archived": N_("Archived"),
    "all": N_("Everyone"),
}


def shown(row: ParticipantRow, status: str) -> bool:
    if status == "archived":
        return row.archived
    if status == "waiting":
        return row.waiting and not row.archived
    if status == "current":
        return not row.archived
    return True


class ParticipantFilter(QSortFilterProxyModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._query, self._status = "", "current"

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return (
            isinstance(row, ParticipantRow)
            and shown(row, self._status)
            and matches(row, self._query)
        )
