"""Creating or changing a group: name, fixed course or rolling group, start date, weekdays and
time, location, maximum size, therapists, and how many sessions make the course. A save
based on an older version than another therapist stored is refused; the form then shows
what is stored."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import N_, _
from rugschool.services.groups import FIXED, ROLLING, GroupInput, GroupRow, GroupService
from rugschool.services.therapists import TherapistRow
from rugschool.ui.style import current_theme
from rugschool.ui.widgets import named, saved_or_reloaded

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class GroupDialog(QDialog):
    def __init__(
        self,
        service: GroupService,
        therapists: list[TherapistRow],
        group: GroupRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._group = service, group
        self.saved: GroupRow | None = None
        data = group.as_input() if group else GroupInput(name="", start_date=_next_monday())
        self.setWindowTitle(_("Edit group") if group else _("New group"))
        self.setMinimumWidth(560)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Rugschool Tuesday and Thursday evening"))
        self.fixed = QRadioButton(_("Fixed course: everyone starts together"))
        self.rolling = QRadioButton(_("Rolling group: people join when they are ready"))
        self.start_date = QDateEdit()
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("dd-MM-yyyy")
        self.day_boxes = [QCheckBox(_(day)) for day in WEEKDAYS]
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.location = QLineEdit()
        self.location.setPlaceholderText(_("e.g. Exercise room 1"))
        self.max_size = _spin(1, 100, data.max_size)
        self.education = _spin(0, 20, data.education_sessions)
        self.exercise = _spin(1, 100, data.exercise_sessions)
        self.therapist_list = QListWidget()
        self.therapist_list.setMaximumHeight(110)
        for row in therapists:
            if row.active or row.id in data.therapist_ids:
                item = QListWidgetItem(row.name)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.therapist_list.addItem(item)
        self._fill(data)
        self.message = named(QLabel(), "formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {current_theme().error};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._build(bool(therapists))

    def _fill(self, data: GroupInput) -> None:
        """Shows `data` in the form (when opened, and after a refused save)."""
        self.name.setText(data.name)
        (self.rolling if data.kind == ROLLING else self.fixed).setChecked(True)
        self.start_date.setDate(_qdate(data.start_date or _next_monday()))
        for number, box in enumerate(self.day_boxes, 1):
            box.setChecked(number in data.weekdays)
        at = data.start_time or dt.time(19, 0)
        self.time.setTime(QTime(at.hour, at.minute))
        self.location.setText(data.location)
        self.max_size.setValue(data.max_size)
        self.education.setValue(data.education_sessions)
        self.exercise.setValue(data.exercise_sessions)
        for i in range(self.therapist_list.count()):
            item = self.therapist_list.item(i)
            chosen = item.data(Qt.ItemDataRole.UserRole) in data.therapist_ids
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def _build(self, has_therapists: bool) -> None:
        days = QHBoxLayout()
        for box in self.day_boxes:
            days.addWidget(box)
        days.addStretch(1)
        when = QHBoxLayout()
        when.addWidget(self.start_date)
        when.addWidget(QLabel(_("at")))
        when.addWidget(self.time)
        when.addStretch(1)
        sessions = QHBoxLayout()
        sessions.addWidget(self.education)
        sessions.addWidget(QLabel(_("education and")))
        sessions.addWidget(self.exercise)
        sessions.addWidget(QLabel(_("exercise sessions per participant")))
        sessions.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Kind"), self._column([self.fixed, self.rolling]))
        form.addRow(_("Starts on"), when)
        form.addRow(_("Meets on"), days)
        form.addRow(_("Course"), sessions)
        form.addRow(_("Location"), self.location)
        form.addRow(_("Maximum size"), self.max_size)
        form.addRow(
            _("Therapists"),
            self.therapist_list
            if has_therapists
            else QLabel(
                _("Add therapists under Settings first; you can add them to the group later.")
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    @staticmethod
    def _column(widgets: list[QWidget]) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            column.addWidget(widget)
        return box

    def data(self) -> GroupInput:
        day = self.start_date.date()
        at = self.time.time()
        checked = [
            int(self.therapist_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.therapist_list.count())
            if self.therapist_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return GroupInput(
            name=self.name.text(),
            start_date=dt.date(day.year(), day.month(), day.day()),
            weekdays=tuple(n for n, box in enumerate(self.day_boxes, 1) if box.isChecked()),
            start_time=dt.time(at.hour(), at.minute()),
            location=self.location.text(),
            max_size=self.max_size.value(),
            kind=ROLLING if self.rolling.isChecked() else FIXED,
            therapist_ids=tuple(checked),
            exercise_sessions=self.exercise.value(),
            education_sessions=self.education.value(),
            # The form has no field for it: an edit keeps the group's session length.
            minutes=self._group.minutes if self._group is not None else GroupInput.minutes,
        )

    def save(self) -> None:
        if saved_or_reloaded(self._store, self._reload, self.message.setText):
            self.accept()

    def _store(self) -> None:
        data = self.data()
        if self._group is not None:
            group = self._group
            self.saved = self._service.update(group.id, data, version=group.version)
        else:
            self.saved = self._service.create(data)

    def _reload(self) -> None:
        """The group as stored now, and the version the next save is based on."""
        assert self._group is not None
        self._group = self._service.get(self._group.id)
        self._fill(self._group.as_input())


def _next_monday(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
