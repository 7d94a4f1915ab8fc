"""A session in a window of its own: the runner (education or exercise), who leads and who
records, the presenter screen, and the session's documents. Imported when the first session
is opened, not at start-up."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import N_, _
from rugschool.services.bundle import Services
from rugschool.services.schedule import SessionRow
from rugschool.services.therapists import TherapistRow
from rugschool.ui.documents import DocumentActions
from rugschool.ui.education_runner import EducationRunner
from rugschool.ui.exercise_runner import ExerciseRunner
from rugschool.ui.group_documents import GroupDocuments
from rugschool.ui.presenter import PresenterWindow, open_presenter
from rugschool.ui.schedule_models import session_title
from rugschool.ui.widgets import SESSION_WINDOW, named

# The session window's own keys (the help panel lists them from here).
SESSION_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Ctrl+T", N_("Choose who records"), "choose_recorder"),
    ("F1", N_("Keyboard shortcuts"), "show_keys"),
)


def open_session(
    services: Services, session: SessionRow, report: Callable[[str], object]
) -> SessionWindow | None:
    """A session in a window of its own, shown; a problem is reported instead (the caller
    keeps the window, or it closes at once)."""
    try:
        window = SessionWindow(services, session)
    except RugschoolError as error:
        report(str(error))
        return None
    window.show()
    return window


class SessionWindow(QWidget):
    """The runner of one session in a window of its own, with who records."""

    def __init__(
        self, services: Services, session: SessionRow, runner_message: Signal | None = None
    ) -> None:
        super().__init__()
        self.setObjectName(SESSION_WINDOW)
        self.setWindowTitle(f"{session.group_name}: {session_title(session.kind, session.number)}")
        self.resize(1366, 800)
        self.services, self.session = services, session
        self.presenter: PresenterWindow | None = None
        # Who records: the therapist whose profile is unlocked, else the session's lead.
        recorder = services.actor.therapist_id or session.lead_id
        self.recording = services.recording(recorder)
        therapists = services.therapists.rows(active_only=True)
        self.lead = self._therapist_combo(therapists, session.lead_id, _("nobody"))
        self.assistant = self._therapist_combo(therapists, session.assistant_id, _("nobody"))
        self.lead.activated.connect(lambda _i: self._store_team())
        self.assistant.activated.connect(lambda _i: self._store_team())
        self.therapist = QComboBox()
        for row in therapists:
            self.therapist.addItem(row.name, row.id)
        self.therapist.setCurrentIndex(max(0, self.therapist.findData(recorder)))
        self.therapist.currentIndexChanged.connect(
            lambda _i: setattr(self.recording, "therapist_id", self.therapist.currentData())
        )
        self.runner = self._runner(services, session)
        self.help_button = QPushButton(_("Keys (F1)"))
        self.help_button.setToolTip(_("Every key of the session window and the runner"))
        self.help_button.clicked.connect(self.show_keys)
        top = QHBoxLayout()
        for text, combo in (
            (_("&Lead:"), self.lead),
            (_("&Assistant:"), self.assistant),
            (_("&Recording:"), self.therapist),
        ):
            if combo is self.therapist:
                top.addStretch(1)
            label = QLabel(text)
            label.setBuddy(combo)  # the label names the choice, also for a screen reader
            top.addWidget(label)
            top.addWidget(combo)
        self.therapist.setToolTip(_("Whose name goes with what is recorded (Ctrl+T)"))
        top.addWidget(self._documents_button())
        top.addWidget(self.help_button)
        for key, description, method in SESSION_KEYS:
            shortcut = QShortcut(QKeySequence(key), self, getattr(self, method))
            shortcut.setWhatsThis(_(description))
        self.status = named(QLabel(), "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.runner, 1)
        layout.addWidget(self.status)
        self._tab_order()

    def _tab_order(self) -> None:
        """The choices along the top first, then the runner."""
        chain: list[QWidget] = [
            self.lead,
            self.assistant,
            self.therapist,
            self.documents,
            self.help_button,
        ]
        if isinstance(self.runner, ExerciseRunner):
            chain.append(self.runner.tabs.tabBar())
        else:
            chain.append(self.runner)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def choose_recorder(self) -> None:
        self.therapist.setFocus()
        self.therapist.showPopup()

    def show_keys(self) -> None:
        from rugschool.ui.help_panel import show_help  # the panel lists this window's keys

        show_help(self)

    def _documents_button(self) -> QWidget:
        """This session's summary, paper sheet or education handout, from the runner."""
        actions = DocumentActions(self.services, self)
        actions.message.connect(self._say)
        session = self.session
        documents = GroupDocuments(actions, lambda: session.group_id, lambda: session, lambda: None)
        self.documents = documents.session_button(self)
        return self.documents

    @staticmethod
    def _therapist_combo(
        therapists: list[TherapistRow], chosen: int | None, none_label: str
    ) -> QComboBox:
        combo = QComboBox()
        combo.addItem(none_label, None)
        for row in therapists:
            combo.addItem(row.name, row.id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        return combo

    def _store_team(self) -> None:
        """Who ran this session: stored as soon as it is chosen."""
        try:
            self.services.schedule.set_therapists(
                self.session.id, self.lead.currentData(), self.assistant.currentData()
            )
        except RugschoolError as error:
            self._say(str(error))
            return
        self._say(_("Saved."))

    def _runner(self, services: Services, session: SessionRow) -> QWidget:
        if session.kind == "education":
            education = EducationRunner(services, session)
            education.message.connect(self._say)
            education.present_requested.connect(
                lambda: open_presenter(self, None, on_open=self._attach_education)
            )
            return education
        runner = ExerciseRunner(services, session, self.recording)
        runner.message.connect(self._say)
        runner.present_requested.connect(
            lambda: open_presenter(self, runner.room_view, on_open=self._attach_exercise)
        )
        runner.exercise_presented.connect(self._present_exercise)
        return runner

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _attach_education(self, presenter: PresenterWindow) -> None:
        runner = self.runner
        assert isinstance(runner, EducationRunner)
        self.presenter = presenter
        total = len(runner.steps)
        presenter.show_message(runner.current_message(), total)
        runner.step_changed.connect(lambda message: presenter.show_message(message, total))

    def _attach_exercise(self, presenter: PresenterWindow) -> None:
        self.presenter = presenter
        presenter.show_title(self.windowTitle())
        runner = self.runner
        if isinstance(runner, ExerciseRunner):
            runner.timer.tick.connect(presenter.set_timer)

    def _present_exercise(self, key: str) -> None:
        runner = self.runner
        if self.presenter is None or not isinstance(runner, ExerciseRunner):
            self._say(_("Open the presenter screen first (F5)."))
            return
        self.presenter.show_exercise(runner.programme.exercise(key), self.services.pictures.path)
