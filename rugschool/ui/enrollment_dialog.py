"""One person in one group: their own start date, personal goal, starting level per
exercise, and their individual appointments (intake, final visit, follow-ups). A save based
on an older version than another therapist stored is refused; the form then shows what is
stored."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import N_, _, current_language
from rugschool.services.audit import AuditAction
from rugschool.services.bundle import Services
from rugschool.services.groups import GOAL_OUTCOMES, EnrollmentRow, goal_outcome_text
from rugschool.services.schedule import AppointmentRow
from rugschool.services.schedule_rules import APPOINTMENT_NAMES
from rugschool.ui.formatting import date_text
from rugschool.ui.style import current_theme
from rugschool.ui.widgets import named, saved_or_reloaded


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class EnrollmentDialog(QDialog):
    def __init__(
        self, services: Services, enrollment: EnrollmentRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.enrollment = services, enrollment
        services.audit.log(
            AuditAction.OPENED, enrollment.participant_id, N_("goal, levels and appointments")
        )
        self.setWindowTitle(enrollment.name)
        self.setMinimumWidth(560)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd-MM-yyyy")
        self.goal = QPlainTextEdit()
        self.goal.setPlaceholderText(
            _(
                "Specific, measurable, acceptable, realistic, "
                "time-bound: e.g. walk the dog for 30 minutes daily"
            )
        )
        self.goal.setTabChangesFocus(True)
        self.goal.setFixedHeight(70)
        self.outcome = QComboBox()
        self.outcome.addItem(_("not judged yet"), None)
        for value in GOAL_OUTCOMES:
            self.outcome.addItem(goal_outcome_text(value), value)
        self.conclusion = QPlainTextEdit()
        self.conclusion.setPlaceholderText(
            _("Your conclusion for the end report to the referrer: course, change, advice")
        )
        self.conclusion.setTabChangesFocus(True)
        self.conclusion.setFixedHeight(70)
        self.levels: dict[str, QSpinBox] = {}
        self.done_boxes: dict[int, QCheckBox] = {}
        self._was_done: dict[int, bool] = {}
        self.message = named(QLabel(), "formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {current_theme().error};")
        self._build()
        self._fill(enrollment)

    def _build(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Own start date"), self.start)
        form.addRow(_("Personal goal"), self.goal)
        form.addRow(_("Goal reached"), self.outcome)
        form.addRow(_("Conclusion"), self.conclusion)
        self.appointments = self._appointments_box()
        self._layout = layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._levels_box())
        layout.addWidget(self.appointments)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _fill(self, enrollment: EnrollmentRow) -> None:
        """Shows `enrollment` in the form (when opened, and after a refused save)."""
        self.start.setDate(_qdate(enrollment.start_date or dt.date.today()))
        self.goal.setPlainText(enrollment.personal_goal)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(enrollment.goal_outcome)))
        self.conclusion.setPlainText(enrollment.conclusion)
        for key, spin in self.levels.items():
            spin.setValue(enrollment.starting_levels.get(key, 1))

    def _levels_box(self) -> QGroupBox:
        box = QGroupBox(_("Starting level per exercise"))
        grid = QGridLayout(box)
        programme = self.services.programme.of_group(self.enrollment.group_id, current_language())
        for row, exercise in enumerate(programme.exercises):
            spin = QSpinBox()
            spin.setRange(1, max(1, len(exercise.levels)))
            self.levels[exercise.key] = spin
            grid.addWidget(QLabel(f"{exercise.position}. {exercise.name}"), row % 4, (row // 4) * 2)
            grid.addWidget(spin, row % 4, (row // 4) * 2 + 1)
        return box

    def _appointments_box(self) -> QGroupBox:
        box = QGroupBox(_("Appointments"))
        grid = QGridLayout(box)
        appointments = self.services.schedule.appointments(self.enrollment.id)
        if not appointments:
            grid.addWidget(QLabel(_("None planned yet: the group has no sessions.")), 0, 0)
        for row, appointment in enumerate(appointments):
            self._appointment_row(grid, row, appointment)
        return box

    def _appointment_row(self, grid: QGridLayout, row: int, appointment: AppointmentRow) -> None:
        done = QCheckBox(_("done"))
        done.setChecked(appointment.done_on is not None)
        self.done_boxes[appointment.id] = done
        self._was_done[appointment.id] = appointment.done_on is not None
        when = (
            _("done on {date}").format(date=date_text(appointment.done_on))
            if appointment.done_on
            else _("due {date}").format(date=date_text(appointment.due_on))
        )
        grid.addWidget(QLabel(_(APPOINTMENT_NAMES.get(appointment.kind, appointment.kind))), row, 0)
        grid.addWidget(QLabel(when), row, 1)
        grid.addWidget(done, row, 2, Qt.AlignmentFlag.AlignRight)

    def save(self) -> None:
        if saved_or_reloaded(self._store, self._reload, self.message.setText):
            self.accept()

    def _store(self) -> None:
        self.services.groups.update_enrollment(
            self.enrollment.id,
            start_date=_pydate(self.start.date()),
            personal_goal=self.goal.toPlainText(),
            starting_levels={key: spin.value() for key, spin in self.levels.items()},
            conclusion=self.conclusion.toPlainText(),
            goal_outcome=self.outcome.currentData(),
            appointments_done={
                appointment_id: dt.date.today() if box.isChecked() else None
                for appointment_id, box in self.done_boxes.items()
                if box.isChecked() != self._was_done[appointment_id]
            },
            version=self.enrollment.version,
        )

    def _reload(self) -> None:
        """The enrollment and its appointments as stored now, and the version the next
        save is based on."""
        self.enrollment = self.services.groups.enrollment(self.enrollment.id)
        self._fill(self.enrollment)
        self.done_boxes.clear()
        self._was_done.clear()
        fresh = self._appointments_box()
        self._layout.replaceWidget(self.appointments, fresh)
        self.appointments.hide()
        self.appointments.deleteLater()
        self.appointments = fresh
