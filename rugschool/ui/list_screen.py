"""A screen that lists stored records: a title, a count, a search field, a sortable table,
and a friendly line when there is nothing yet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rugschool.ui.row_table_model import SORT_ROLE, RowTableModel
from rugschool.ui.widgets import make_table, named


class ListScreen(QWidget):
    def __init__(
        self,
        model: RowTableModel,
        *,
        title: str,
        search_hint: str,
        empty_text: str,
        count_text: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._count_text = count_text
        self.proxy = self.make_proxy()
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)

        heading = named(QLabel(title), "screenTitle")
        self.count_label = named(QLabel(), "screenSubtitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.search.setMinimumWidth(320)
        self.search.setAccessibleName(search_hint)  # the hint goes once something is typed
        self.search.textChanged.connect(self.apply_search)

        self.table = self._make_table()
        self.table.setAccessibleName(title)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows choose a row
        self.empty_label = named(QLabel(empty_text), "emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_label)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.count_label)
        top.addLayout(titles)
        top.addStretch(1)
        top.addWidget(self.search, 0, Qt.AlignmentFlag.AlignBottom)
        self.toolbar = QHBoxLayout()  # screens put their actions here
        self.toolbar.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.body, 1)

        model.modelReset.connect(self._update_state)
        self._update_state()

    def make_proxy(self) -> QSortFilterProxyModel:
        """Plain text search over every column; a screen may search its own way."""
        proxy = QSortFilterProxyModel(self)
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return proxy

    def apply_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)

    def _make_table(self) -> QTableView:
        table = make_table(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setHighlightSections(False)
        return table

    def _update_state(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self._count_text(count))
        self.body.setCurrentWidget(self.table if count else self.empty_label)
        self.table.resizeColumnsToContents()
        self.search.setEnabled(count > 0)
