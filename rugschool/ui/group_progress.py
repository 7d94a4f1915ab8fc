"""A group's progress tab: attendance per session, and per exercise how the levels spread
over the weeks of the course. Built when the tab is first shown, rebuilt on change."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services.bundle import Services
from rugschool.services.progress import GroupProgress


class GroupProgressTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.group_id: int | None = None
        self.progress: GroupProgress | None = None
        self.exercise = QComboBox()
        self.exercise.setAccessibleName(_("Exercise"))
        self.exercise.currentIndexChanged.connect(lambda _i: self._show_distribution())
        self.attendance_box = QVBoxLayout()
        self.distribution_box = QVBoxLayout()
        choose = QHBoxLayout()
        choose.addWidget(QLabel(_("Exercise:")))
        choose.addWidget(self.exercise, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.attendance_box, 1)
        layout.addLayout(choose)
        layout.addLayout(self.distribution_box, 1)

    def show_group(self, group_id: int | None) -> None:
        self.group_id = group_id
        self.reload()

    def reload(self) -> None:
        from rugschool.ui import charts

        _clear(self.attendance_box)
        self.progress = None
        if self.group_id is not None:
            try:
                self.progress = self.services.group_progress(self.group_id)
            except RugschoolError as error:
                self.attendance_box.addWidget(QLabel(str(error)))
        if self.progress is not None:
            self.attendance_box.addWidget(charts.attendance_chart(self.progress.report.sessions))
        chosen = self.exercise.currentIndex()
        self.exercise.blockSignals(True)
        self.exercise.clear()
        for row in self.progress.distribution if self.progress else ():
            self.exercise.addItem(f"{row.position}. {row.name}", row.key)
        self.exercise.setCurrentIndex(max(0, min(chosen, self.exercise.count() - 1)))
        self.exercise.blockSignals(False)
        self._show_distribution()

    def _show_distribution(self) -> None:
        from rugschool.ui import charts

        _clear(self.distribution_box)
        if self.progress is None or not self.progress.distribution:
            return
        row = self.progress.distribution[max(0, self.exercise.currentIndex())]
        self.distribution_box.addWidget(charts.distribution_chart(row, self.progress.weeks))


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
