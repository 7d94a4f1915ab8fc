"""What bringing a group back will do, and, for every record changed both in the practice and
on the laptop, which version stays. Nothing is stored until every such record has a choice
and the therapist says "Bring back"; then everything is stored in one go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services.bring_back import BroughtBack, Conflict, ConflictsToDecide, Side
from rugschool.services.bring_back_words import breakdown, moment_text
from rugschool.services.bundle import Services
from rugschool.ui.widgets import busy, hint, named


def counts_text(result: BroughtBack) -> str:
    return _("{added} added, {changed} changed, {removed} removed.").format(
        added=sum(result.added.values()),
        changed=sum(result.changed.values()),
        removed=sum(result.removed.values()),
    )


def differences_text(conflict: Conflict) -> str:
    return "\n".join(
        _("{field} — practice: {clinic} · laptop: {taken}").format(
            field=d.field, clinic=d.clinic, taken=d.taken
        )
        for d in conflict.fields
    ) or _("(only bookkeeping differs)")


class BringBackDialog(QDialog):
    CHOICES = (None, Side.CLINIC, Side.TAKEN)

    def __init__(
        self, services: Services, path: Path, preview: BroughtBack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.path, self.preview = services, path, preview
        self.outcome: BroughtBack | None = None
        self.setWindowTitle(_("Bring a group back"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        heading = _("{name}, taken along {when}.").format(
            name=preview.group_name, when=moment_text(preview.taken_at)
        )
        layout.addWidget(named(QLabel(heading), "heading"))
        layout.addWidget(named(QLabel(self._plan_text()), "plan"))
        for title, counts in (
            (_("Added:"), preview.added),
            (_("Changed:"), preview.changed),
            (_("Removed:"), preview.removed),
        ):
            if counts:
                layout.addWidget(hint(f"{title} {breakdown(counts)}"))
        self.conflicts: list[Conflict] = []
        self.table = self._conflict_table()
        self.choosing = QWidget()  # shown while there is something to choose
        column = QVBoxLayout(self.choosing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            hint(
                _(
                    "These records were changed both in the practice and on the laptop. "
                    "Choose for each which version stays; the other is not stored."
                )
            )
        )
        column.addWidget(self.table)
        column.addLayout(self._all_buttons())
        layout.addWidget(self.choosing, 1)
        self._add_conflicts(preview.conflicts)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button.setText(_("Bring back"))
        self.buttons.accepted.connect(self._bring_back)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the text wraps once the columns have their width

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _plan_text(self) -> str:
        if self.preview.nothing_new:
            return _("The practice already has everything in this file; nothing changes.")
        return counts_text(self.preview)

    def _conflict_table(self) -> QTableWidget:
        table = named(QTableWidget(0, 3), "conflicts")
        table.setHorizontalHeaderLabels([_("Record"), _("What differs"), _("Keep")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _add_conflicts(self, conflicts: list[Conflict]) -> None:
        """New rows to choose for (a choice made can bring up the records under it)."""
        known = {c.key for c in self.conflicts}
        for conflict in (c for c in conflicts if c.key not in known):
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.conflicts.append(conflict)
            self.table.setItem(row, 0, QTableWidgetItem(conflict.what))
            differs = QTableWidgetItem(differences_text(conflict))
            differs.setToolTip(differences_text(conflict))
            self.table.setItem(row, 1, differs)
            choice = QComboBox()
            choice.addItems([_("choose…"), _("practice"), _("laptop")])
            choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            choice.setAccessibleName(_("Keep for {what}").format(what=conflict.what))
            choice.currentIndexChanged.connect(self._update_ok)
            self.table.setCellWidget(row, 2, choice)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.choosing.setVisible(bool(self.conflicts))

    def _all_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, side in (
            (_("All: the practice's"), Side.CLINIC),
            (_("All: the laptop's"), Side.TAKEN),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=side: self.choose_all(s))
            row.addWidget(button)
        row.addStretch()
        return row

    def _combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def choose(self, row: int, side: Side) -> None:
        self._combo(row).setCurrentIndex(self.CHOICES.index(side))

    def choose_all(self, side: Side) -> None:
        for row in range(self.table.rowCount()):
            self.choose(row, side)

    def choices(self) -> dict[str, Side]:
        chosen = {}
        for row, conflict in enumerate(self.conflicts):
            side = self.CHOICES[self._combo(row).currentIndex()]
            if side is not None:
                chosen[conflict.key] = side
        return chosen

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(len(self.choices()) == len(self.conflicts))

    def _bring_back(self) -> None:
        try:
            with busy():
                self.outcome = self.services.bring_back(self.path, self.choices())
        except ConflictsToDecide as more:
            self._add_conflicts(more.result.conflicts)
            self._update_ok()
            QMessageBox.information(
                self,
                _("Bring a group back"),
                _(
                    "Your choices bring up more records that were changed on both sides; "
                    "they are added to the list. Nothing was stored yet."
                ),
            )
            return
        except RugschoolError as error:
            QMessageBox.warning(self, _("Bring a group back"), str(error))
            return
        self.accept()

    def outcome_text(self) -> str:
        assert self.outcome is not None
        return _("Group brought back: {counts}").format(counts=counts_text(self.outcome))
