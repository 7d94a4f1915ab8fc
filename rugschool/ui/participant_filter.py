"""Which participants the list shows: a search that ignores case and accents, and a filter
for current, waiting-list and archived people."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from rugschool.i18n import N_
from rugschool.services.participants import ParticipantRow, matcher
from rugschool.ui.row_table_model import ROW_ROLE, RowTableModel

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
    """Decides every row at once per query (folding the query once, reading the rows as a
    list) and answers Qt's per-row question from that: with 10,000 people a keystroke
    stays well under 50 ms."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._query, self._status = "", "current"
        self._accepted: list[bool] | None = None  # None: decide again when next asked

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        # Before Qt refilters after a reload, so the next question decides anew.
        for signal in (
            model.modelAboutToBeReset,
            model.layoutAboutToBeChanged,
            model.rowsAboutToBeInserted,
            model.rowsAboutToBeRemoved,
            model.dataChanged,
        ):
            signal.connect(self._forget)

    def _forget(self, *_args: object) -> None:
        self._accepted = None

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query, self._accepted = query, None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self._status, self._accepted = status, None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _decide(self) -> list[bool]:
        model = self.sourceModel()
        match = matcher(self._query)
        count = model.rowCount()
        if isinstance(model, RowTableModel):  # the rows themselves, without a Qt call each
            rows = (model.row_at(r) for r in range(count))
        else:
            rows = (model.index(r, 0).data(ROW_ROLE) for r in range(count))
        return [
            isinstance(row, ParticipantRow) and shown(row, self._status) and match(row)
            for row in rows
        ]

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._accepted is None or len(self._accepted) != self.sourceModel().rowCount():
            self._accepted = self._decide()
        return 0 <= source_row < len(self._accepted) and self._accepted[source_row]
