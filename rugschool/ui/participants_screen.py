"""Deelnemers: everyone stored; search, filter, add, edit, archive, erase and import."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from rugschool.i18n import _, ngettext
from rugschool.services.bundle import Services
from rugschool.services.groups import EnrollmentRow
from rugschool.services.participants import ParticipantRow, ParticipantService
from rugschool.ui.documents import DocumentActions, add_entries, document_button
from rugschool.ui.events import Events
from rugschool.ui.group_documents import add_journal, person_entries
from rugschool.ui.list_screen import ListScreen
from rugschool.ui.participant_dialog import ParticipantDialog
from rugschool.ui.participant_filter import FILTERS, ShownParticipants
from rugschool.ui.participant_table_model import ParticipantTableModel
from rugschool.ui.privacy_actions import PrivacyActions
from rugschool.ui.row_table_model import ROW_ROLE, RowTableModel


class ParticipantsScreen(ListScreen):
    message = Signal(str)
    import_requested = Signal(str)  # a CSV file's path

    def __init__(
        self,
        service: ParticipantService,
        events: Events,
        parent: QWidget | None = None,
        *,
        services: Services | None = None,
    ) -> None:
        self.service, self.events = service, events
        self.services = services
        model = ParticipantTableModel(service, events)
        super().__init__(
            model,
            title=_("Participants"),
            search_hint=_("Search by name, phone, e-mail…"),
            empty_text=_(
                "No participants yet. Add someone, import a list, or load the demo "
                "from the File menu."
            ),
            count_text=lambda n: ngettext("{n} participant", "{n} participants", n).format(n=n),
            parent=parent,
        )
        model.setParent(self)
        self._build_toolbar()
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # One height for every row, never measured from its contents: each keystroke resets
        # the list (10,000 rows at clinic scale).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._kept: tuple[int, int] | None = None  # (participant id, column) over a reset
        self.proxy.modelAboutToBeReset.connect(self._remember_chosen)
        self.proxy.modelReset.connect(self._restore_chosen)  # also after a reload
        self._update_buttons()

    def make_proxy(self, model: RowTableModel) -> ShownParticipants:
        return ShownParticipants(model, self)

    def apply_search(self, text: str) -> None:
        self._shown().set_query(text)

    def _update_state(self) -> None:
        super()._update_state()
        self.search.setEnabled(True)

    def _build_toolbar(self) -> None:
        self.filter_combo = QComboBox()
        for key, label in FILTERS.items():
            self.filter_combo.addItem(_(label), key)
        self.filter_combo.currentIndexChanged.connect(
            lambda: self._shown().set_status(self.filter_combo.currentData())
        )
        self.add_button = QPushButton(_("New participant…"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.setToolTip(_("Add someone (Ctrl+N)"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button = QPushButton(_("Archive"))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.erase_button = QPushButton(_("Erase…"))
        self.erase_button.clicked.connect(self.erase_selected)
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setToolTip(_("Add people from a CSV file, as Excel saves it"))
        self.import_button.clicked.connect(self.choose_import_file)
        for widget in (self.add_button, self.edit_button, self.archive_button, self.erase_button):
            self.toolbar.addWidget(widget)
        self.privacy: PrivacyActions | None = None
        if self.services is not None:
            self.documents_button = self._documents_button(self.services)
            self.toolbar.addWidget(self.documents_button)
            self.privacy = PrivacyActions(self.services, self._chosen_id, self)
            self.privacy.message.connect(self.message)
            self.privacy.erased.connect(lambda _pid: self.events.participants_changed.emit())
            self.toolbar.addWidget(self.privacy.button())
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.import_button)
        self.toolbar.addWidget(self.filter_combo)
        self._tab_order()
        self.filter_combo.setAccessibleName(_("Show"))
        self.filter_combo.setToolTip(_("Which participants the list shows"))
        self.edit_button.setToolTip(_("Edit the chosen participant (Enter or double-click)"))
        self.archive_button.setToolTip(_("Archive the chosen participant, or restore them"))
        self.erase_button.setToolTip(_("Erase everything stored about the chosen participant"))
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            edit = QShortcut(QKeySequence(enter), self.table, self.edit_selected)
            edit.setContext(Qt.ShortcutContext.WidgetShortcut)
            edit.setWhatsThis(_("Edit the chosen participant (in the list)"))
        QShortcut(QKeySequence("Ctrl+N"), self, self.add).setWhatsThis(
            _("New participant (on Participants)")
        )
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus).setWhatsThis(
            _("Search (on Participants)")
        )

    def _tab_order(self) -> None:
        """Search, then the actions above the list, then the list: as they are read."""
        chain: list[QWidget] = [self.search, self.add_button, self.edit_button]
        chain += [self.archive_button, self.erase_button]
        for index in range(self.toolbar.count()):
            item = self.toolbar.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in chain:
                chain.append(widget)
        chain.append(self.table)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _documents_button(self, services: Services) -> QToolButton:
        """Their documents per group they are in, rebuilt each time the menu opens."""
        actions = DocumentActions(services, self)
        actions.message.connect(self.message)
        button = document_button(actions, [], self)
        menu = button.menu()
        menu.aboutToShow.connect(lambda: self._fill_documents(menu, actions, services))
        return button

    def _fill_documents(self, menu: QMenu, actions: DocumentActions, services: Services) -> None:
        menu.clear()
        row = self.selected()
        enrollments = services.groups.enrollments_of(row.id) if row else []
        if not enrollments:
            empty = menu.addAction(
                _("Choose someone who is in a group.") if row is None else _("Not in a group yet.")
            )
            empty.setEnabled(False)
        for enrollment in enrollments:
            target = menu.addMenu(enrollment.group_name) if len(enrollments) > 1 else menu
            chosen = functools.partial(_same, enrollment)
            add_entries(target, actions, person_entries(chosen))
            add_journal(target, actions, chosen, self)

    def _chosen_id(self) -> int | None:
        row = self.selected()
        return row.id if row is not None else None

    def _shown(self) -> ShownParticipants:
        assert isinstance(self.proxy, ShownParticipants)
        return self.proxy

    def selected(self) -> ParticipantRow | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, ParticipantRow) else None

    def _remember_chosen(self) -> None:
        row = self.selected()
        self._kept = (row.id, self.table.currentIndex().column()) if row else None

    def _restore_chosen(self) -> None:
        """A new search, filter or reload resets the list: whoever was chosen stays chosen
        when they are still in it."""
        kept, self._kept = self._kept, None
        row = self._shown().row_of(kept[0]) if kept else -1
        if kept and row >= 0:
            index = self.proxy.index(row, max(kept[1], 0))
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.archive_button):
            button.setEnabled(row is not None)
        self.erase_button.setEnabled(row is not None and self.privacy is not None)
        self.archive_button.setText(_("Restore") if row and row.archived else _("Archive"))

    # -------------------------------------------------------------- actions

    def add(self) -> None:
        dialog = ParticipantDialog(self.service, parent=self)
        if dialog.exec() and dialog.saved:
            self._changed(_("{name} added.").format(name=dialog.saved.full_name))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = ParticipantDialog(self.service, self.service.open_record(row.id), parent=self)
        if dialog.exec() and dialog.saved:
            self._changed(_("{name} saved.").format(name=dialog.saved.full_name))

    def toggle_archived(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.service.set_archived(row.id, not row.archived)
        text = (
            _("{name} restored.")
            if row.archived
            else _("{name} archived. Choose the Archived filter to find them again.")
        )
        self._changed(text.format(name=row.full_name))

    def erase_selected(self) -> None:
        if self.privacy is not None:
            self.privacy.ask_erase()

    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import participants"), "", _("CSV files") + " (*.csv *.txt)"
        )
        if path:
            self.import_requested.emit(str(Path(path)))

    def _changed(self, text: str) -> None:
        self.events.participants_changed.emit()
        self.message.emit(text)


def _same(enrollment: EnrollmentRow) -> EnrollmentRow:
    return enrollment
