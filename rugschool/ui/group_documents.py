"""The documents of a group's screen: for the group (print run, group report, CSV files),
for the chosen session (summary, paper sheet, education handout) and for the chosen person
(home programme, end report, journal text for the clinic's record system)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError, ValidationError
from rugschool.i18n import _
from rugschool.services.clinic_exports import JournalSession
from rugschool.services.groups import EnrollmentRow
from rugschool.services.schedule import SessionRow
from rugschool.ui.documents import DocumentActions, Entry, document_button
from rugschool.ui.formatting import date_text
from rugschool.ui.schedule_models import session_title

if TYPE_CHECKING:
    from rugschool.export.documents import Documents, Made

CSV_WAYS = ("open", "save")


class GroupDocuments:
    """Builds the three document buttons; reads the group, session and person chosen on
    the screen when a document is asked for."""

    def __init__(
        self,
        actions: DocumentActions,
        group_id: Callable[[], int | None],
        session: Callable[[], SessionRow | None],
        enrollment: Callable[[], EnrollmentRow | None],
    ) -> None:
        self.actions = actions
        self._group_id, self._session, self._enrollment = group_id, session, enrollment

    def group(self) -> int:
        group_id = self._group_id()
        if group_id is None:
            raise ValidationError(_("Choose a group first."))
        return group_id

    def session(self) -> SessionRow:
        session = self._session()
        if session is None:
            raise ValidationError(_("Choose a session in the schedule first."))
        return session

    def enrollment(self) -> EnrollmentRow:
        enrollment = self._enrollment()
        if enrollment is None:
            raise ValidationError(_("Choose a participant in the list first."))
        return enrollment

    # ------------------------------------------------------------------ the buttons

    def group_button(self, parent: QWidget) -> QWidget:
        entries = [
            Entry(_("Home programmes of the group"), lambda d: d.print_run(self.group())),
            Entry(
                _("Home programmes of the group, large print"),
                lambda d: d.print_run(self.group(), large_print=True),
            ),
            Entry(_("Group report"), lambda d: d.group_report(self.group())),
            Entry(_("Recordings (CSV)"), lambda d: d.recordings_csv(self.group()), CSV_WAYS),
            Entry(_("Attendance (CSV)"), lambda d: d.attendance_csv(self.group()), CSV_WAYS),
        ]
        return document_button(self.actions, entries, parent, _("Group documents"))

    def session_button(self, parent: QWidget) -> QWidget:
        entries = [
            Entry(_("Session summary"), lambda d: d.summary(self.session().id)),
            Entry(_("Paper sheet to record on"), lambda d: d.sheet(self.session().id)),
            Entry(_("Education handout"), self._education),
        ]
        return document_button(self.actions, entries, parent)

    def _education(self, documents: Documents) -> Made:
        session = self.session()
        if session.kind != "education":
            raise ValidationError(_("Choose an education session for its handout."))
        return documents.education(session.id)

    def person_button(self, parent: QWidget) -> QWidget:
        button = document_button(self.actions, person_entries(self.enrollment), parent)
        add_journal(button.menu(), self.actions, self.enrollment, parent)
        return button


def person_entries(enrollment: Callable[[], EnrollmentRow]) -> list[Entry]:
    """One person's documents in one group (the enrollment is read when chosen)."""

    def person(make: Callable[[Documents, EnrollmentRow], Made]) -> Callable[[Documents], Made]:
        return lambda d: make(d, enrollment())

    return [
        Entry(_("Home programme"), person(lambda d, e: d.handout(e.participant_id, e.group_id))),
        Entry(
            _("Home programme, large print"),
            person(lambda d, e: d.handout(e.participant_id, e.group_id, large_print=True)),
        ),
        Entry(
            _("End report for the referrer"),
            person(lambda d, e: d.report(e.participant_id, e.group_id)),
        ),
        *[
            Entry(label, person(functools.partial(_questionnaire, moment=moment)))
            for moment, label in (
                ("follow_up_3", _("Questionnaire, follow-up after 3 months")),
                ("follow_up_6", _("Questionnaire, follow-up after 6 months")),
                ("follow_up_12", _("Questionnaire, follow-up after 12 months")),
            )
        ],
    ]


def _questionnaire(documents: Documents, enrollment: EnrollmentRow, moment: str) -> Made:
    return documents.questionnaire(enrollment.id, moment)


def add_journal(
    menu: QMenu,
    actions: DocumentActions,
    enrollment: Callable[[], EnrollmentRow],
    parent: QWidget,
) -> None:
    """The journal texts for the record system, at the end of a person's menu."""
    menu.addSeparator()
    journal = menu.addAction(_("Journal text for the record system…"))
    journal.setObjectName("journal")
    journal.triggered.connect(lambda: show_journal(actions, enrollment, parent))


def show_journal(
    actions: DocumentActions, enrollment: Callable[[], EnrollmentRow], parent: QWidget
) -> JournalDialog | None:
    try:
        chosen = enrollment()
        texts = actions.documents().journal_texts(chosen.group_id, chosen.participant_id)
    except RugschoolError as error:
        actions.message.emit(str(error))
        return None
    dialog = JournalDialog(chosen.name, texts, parent)
    dialog.open()
    return dialog


class JournalDialog(QDialog):
    """Per session a short text to paste into the clinic's record system (EPD)."""

    def __init__(self, name: str, texts: list[tuple[JournalSession, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Journal text: {name}").format(name=name))
        self.resize(760, 460)
        self.sessions = QListWidget()
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self._texts = [text for _session, text in texts]
        for session, _text in texts:
            when = date_text(session.starts_at.date())
            label = session_title(session.kind, session.number)
            self.sessions.addItem(QListWidgetItem(f"{when}  {label}"))
        if not texts:
            self.sessions.addItem(_("Nothing recorded for this person yet."))
            self.sessions.setEnabled(False)
        self.sessions.currentRowChanged.connect(self._show)
        self.copy_button = QPushButton(_("Copy"))
        self.copy_button.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_button.setToolTip(_("Copy this session's text (Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy)
        self.copy_all_button = QPushButton(_("Copy all sessions"))
        self.copy_all_button.clicked.connect(self.copy_all)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.sessions, 1)
        row.addWidget(self.text, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copy_all_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addLayout(buttons)
        if texts:
            self.sessions.setCurrentRow(len(texts) - 1)  # the newest: what is usually wanted

    def _show(self, row: int) -> None:
        if 0 <= row < len(self._texts):
            self.text.setPlainText(self._texts[row])

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText("\n\n".join(self._texts))
