"""Entering the outcome measures of one moment: a form per instrument the moment asks
(rugschool.services.scoring.ASKED), each showing its score while it is filled in, and
`MeasureDialog`, which stores every form that has answers.

An empty form is skipped; a form with input that cannot be scored blocks saving: every form
is checked first, so either all are stored or none. Stored measurements of the moment are
loaded into the forms; saving replaces them, and a form emptied removes its measurement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError, ValidationError
from rugschool.i18n import _
from rugschool.services import scoring
from rugschool.services.bundle import Services
from rugschool.services.groups import EnrollmentRow
from rugschool.services.measures import MeasurementRow
from rugschool.ui.instrument_forms import (
    DASH,
    ERROR_COLOUR,
    LICENSED_NOTE,
    PAGES,
    Answers,
    InstrumentForm,
    PskForm,
    make_form,
    named_input,
)
from rugschool.ui.widgets import named


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _intake_activities(rows: Sequence[MeasurementRow]) -> list[str]:
    """The activity names of the intake PSK, to score the same ones again later."""
    for row in rows:
        given = row.answers.get("activities")
        if row.instrument == "psk" and row.moment == "intake" and isinstance(given, list):
            return [str(entry[0]) for entry in given if isinstance(entry, list | tuple)]
    return []


class MeasureDialog(QDialog):
    """Every instrument asked at one moment of one enrollment, on tabs; "Save" stores the
    filled-in forms (one measurement each) and closes."""

    def __init__(
        self,
        services: Services,
        enrollment: EnrollmentRow,
        moment: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.enrollment, self.moment = services, enrollment, moment
        title = _("{moment}: measures of {name}")
        moment_text = scoring.moment_name(scoring.moment_of(moment))
        self.setWindowTitle(title.format(moment=moment_text, name=enrollment.name))
        rows = services.measures.for_enrollment(enrollment.id)
        self.stored = {str(r.instrument): r for r in rows if r.moment == moment}
        asked = {str(x) for x in scoring.ASKED[scoring.moment_of(moment)]}
        wanted = [key for _title, keys in PAGES for key in keys]
        self.forms = {k: make_form(k) for k in wanted if k in asked or k in self.stored}
        self.taken_on = QDateEdit(QDate.currentDate())
        self.taken_on.setCalendarPopup(True)
        self.taken_on.setDisplayFormat("dd-MM-yyyy")
        self.therapist = QComboBox()
        self.therapist.addItem(DASH, None)
        for therapist in services.therapists.rows():
            self.therapist.addItem(therapist.name, therapist.id)
        self.notes = QLineEdit()
        self.tabs = QTabWidget()
        self.message = named(QLabel(), "formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.save_button = named(QPushButton(_("Save")), "primaryButton")
        self.cancel_button = QPushButton(_("Cancel"))
        self.setMinimumWidth(760)
        self._lay_out()
        self._load(rows)
        for form in self.forms.values():
            form.show_score()

    def _lay_out(self) -> None:
        top = QFormLayout()
        for label, widget in (
            (_("Date taken"), self.taken_on),
            (_("Measured by"), self.therapist),
            (_("Notes"), self.notes),
        ):
            named_input(widget, label)
            widget.setMaximumWidth(480 if widget is self.notes else 240)
            top.addRow(label, widget)
        self.pages: dict[str, int] = {}
        for title, keys in PAGES:
            forms = [self.forms[key] for key in keys if key in self.forms]
            if forms:
                index = self.tabs.addTab(self._page(forms), _(title))
                self.tabs.setTabToolTip(index, "\n".join(form.toolTip() for form in forms))
                self.pages.update(dict.fromkeys((form.instrument for form in forms), index))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button, action in ((self.save_button, self.save), (self.cancel_button, self.reject)):
            button.setAutoDefault(False)  # Enter in a field must not save half a form
            button.clicked.connect(action)
            buttons.addWidget(button)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.message)
        column.addLayout(buttons)

    def _page(self, forms: Sequence[InstrumentForm]) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        if any(form.instrument == "odi" for form in forms):
            note = QLabel(_(LICENSED_NOTE))
            note.setWordWrap(True)
            grid.addWidget(note, 0, 0, 1, 2)
        columns = 2 if len(forms) > 2 else 1
        for index, form in enumerate(forms):
            grid.addWidget(form, 1 + index // columns, index % columns)
        grid.setRowStretch(grid.rowCount(), 1)
        return page

    def _load(self, rows: Sequence[MeasurementRow]) -> None:
        for key, row in self.stored.items():
            self.forms[key].load(row.answers)
        psk = self.forms.get("psk")
        if isinstance(psk, PskForm) and "psk" not in self.stored and self.moment != "intake":
            psk.prefill(_intake_activities(rows))
        first = next(iter(self.stored.values()), None)
        if first is not None:
            day = first.taken_on
            self.taken_on.setDate(QDate(day.year, day.month, day.day))
            self.notes.setText(first.notes)
            self.therapist.setCurrentIndex(max(0, self.therapist.findData(first.recorded_by_id)))

    def _checked(self) -> tuple[dict[str, Answers], list[str]]:
        """The answers of every filled-in form, and the names of the forms that cannot be
        stored as they are (their reasons show beside them)."""
        filled: dict[str, Answers] = {}
        wrong: list[str] = []
        for key, form in self.forms.items():
            try:
                if form.assessed() is not None:
                    filled[key] = form.answers() or {}
            except ValidationError:
                wrong.append(key)
        return filled, wrong

    def save(self) -> None:
        """Checks every form first: one with an error stores nothing at all."""
        filled, wrong = self._checked()
        if wrong:
            self.tabs.setCurrentIndex(self.pages[wrong[0]])
            names = ", ".join(self.forms[key].title() for key in wrong)
            problem = _("Nothing was saved. Correct what is marked in red first: {names}.")
            self.message.setText(problem.format(names=names))
            return
        emptied = [key for key in self.stored if key not in filled]
        if not filled and not emptied:
            self.message.setText(_("Fill in at least one measure, or cancel."))
            return
        try:
            self._store(filled, emptied)
        except RugschoolError as error:
            self.message.setText(str(error))
            return
        self.accept()

    def _store(self, filled: Mapping[str, Answers], emptied: Sequence[str]) -> None:
        measures, eid = self.services.measures, self.enrollment.id
        day, therapist = _pydate(self.taken_on.date()), self.therapist.currentData()
        if filled:  # every form of the moment in one transaction: all stored, or none
            measures.record_all(eid, self.moment, filled, day, self.notes.text(), therapist)
        for key in emptied:  # emptied by the therapist: the old measurement goes
            measures.remove(eid, key, self.moment)
