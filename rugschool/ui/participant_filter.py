"""Which participants the list shows, and in what order: a search that ignores case and
accents, a filter for current, waiting-list and archived people, and the order of the column
header the therapist clicked.

With 10,000 people a keystroke stays well under 50 ms, a widening one (a backspace) too.
Qt's own filter asks Python about every row one call at a time, and when a wider search
brings rows back it finds each one's place with two Python data() calls per comparison
(over 600 ms). Here Python lists do that work: everyone is kept in the chosen order (sorted
once per header click or reload), a keystroke filters that list, and the view reads only the
rows it paints, straight from ShownParticipants (no proxy in between: that would add two
Python calls to each of its data() calls).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt

from rugschool.i18n import N_
from rugschool.services.names import collation_key
from rugschool.services.participants import ParticipantRow, text_matcher
from rugschool.ui.row_table_model import Column, RowTableModel

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


def sort_key(column: Column[ParticipantRow]) -> Callable[[ParticipantRow], Any]:
    """The key a column sorts by: the same one RowTableModel answers for SORT_ROLE."""
    if column.sort_key is not None:
        return column.sort_key
    text = column.text
    return lambda row: collation_key(text(row))


class ShownParticipants(RowTableModel[ParticipantRow]):
    """The participants the search and the filter let through, in the order of the chosen
    column: the model the Deelnemers table shows, and sorts on a header click. The source
    holds everyone in the region's name order (ParticipantService sorts them); equal values
    keep that order, ascending or descending, so a person always comes back to the same
    place when the search widens again."""

    def __init__(
        self, source: RowTableModel[ParticipantRow], parent: QObject | None = None
    ) -> None:
        self.columns = source.columns
        self._source = source
        self._query, self._status = "", "current"
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self._ordered = self._in_order()  # everyone, in the chosen order
        self._candidates: list[ParticipantRow] | None = None  # those the status lets through
        self._texts: list[str] = []  # their search texts
        super().__init__(self._visible, parent)
        source.modelReset.connect(self._source_reset)

    def set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def set_status(self, status: str) -> None:
        if status != self._status:
            self._status, self._candidates = status, None
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the same rows in another order, the chosen person kept."""
        if (column, order) == self._sort:
            return
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._sort = (column, order)
        self._ordered, self._candidates = self._in_order(), None
        self._rows = self._visible()
        old = self.persistentIndexList()
        if old:
            where = {row.id: r for r, row in enumerate(self._rows)}
            new = [self.index(where[before[i.row()].id], i.column()) for i in old]
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def row_of(self, participant_id: int) -> int:
        """Where they are in the list; -1: not shown."""
        return next((r for r, row in enumerate(self._rows) if row.id == participant_id), -1)

    def _source_reset(self) -> None:
        self._ordered, self._candidates = self._in_order(), None
        self.reload()

    def _in_order(self) -> list[ParticipantRow]:
        everyone = [self._source.row_at(r) for r in range(self._source.rowCount())]
        column, order = self._sort
        if not 0 <= column < len(self.columns):  # no column chosen: the source's order
            return everyone
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(everyone, key=sort_key(self.columns[column]), reverse=descending)

    def _visible(self) -> list[ParticipantRow]:
        if self._candidates is None:
            self._candidates = [row for row in self._ordered if shown(row, self._status)]
            self._texts = [row.search_text for row in self._candidates]
        found = text_matcher(self._query)
        return list(itertools.compress(self._candidates, [found(t) for t in self._texts]))
