"""The first start's short introduction: a few steps in a panel over the screens, never a
dialog in the way. The therapist can work while it shows, step through it, or close it;
Help → Introduction brings it back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rugschool.i18n import N_, _
from rugschool.services.settings import SettingsService
from rugschool.settings import INTRO_SHOWN
from rugschool.ui.widgets import named, stored

# (title, text): what the app does, participants and groups, a session, printing, help.
INTRO_STEPS: tuple[tuple[str, str], ...] = (
    (
        N_("What Rugschool does"),
        N_(
            "Rugschool helps you run an eight-week group back school: it keeps your "
            "participants, walks you through every session and records what each person did. "
            "It works without internet; the data stays on this computer."
        ),
    ),
    (
        N_("Participants and groups"),
        N_(
            "Add people under Participants, or import a list. Under Groups you plan a group: "
            "its schedule is made for you, and you enrol the participants."
        ),
    ),
    (
        N_("Running a session"),
        N_(
            "Under Today, choose a session and press Enter. It opens in a window of its own: "
            "check-in, the exercise grid or the core messages, and a presenter screen for the "
            "projector."
        ),
    ),
    (
        N_("Printing"),
        N_(
            "The Documents buttons print what participants take home (their own exercise "
            "programme, the core messages) and what the practice keeps (session summaries, the "
            "end report)."
        ),
    ),
    (
        N_("Help"),
        N_(
            "F1 lists every key. Help → Introduction shows these steps again; Help → About "
            "Rugschool tells where your data is stored. Large text and high contrast are under "
            "Settings."
        ),
    ),
)


class IntroPanel(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("introPanel")
        self.setAccessibleName(_("Introduction"))
        self.index = 0
        self.step_label = named(QLabel(), "introStep")
        self.title = named(QLabel(), "introTitle")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.previous_button = QPushButton(_("Previous"))
        self.previous_button.setToolTip(_("The previous step of the introduction"))
        self.previous_button.clicked.connect(lambda: self.go_to(self.index - 1))
        self.next_button = named(QPushButton(_("Next")), "primaryButton")
        self.next_button.setToolTip(_("The next step of the introduction"))
        self.next_button.clicked.connect(self._next)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setToolTip(
            _("Close the introduction (Help → Introduction shows it again)")
        )
        self.close_button.clicked.connect(self.finish)
        top = QHBoxLayout()
        top.addWidget(self.step_label, 1)
        for button in (self.previous_button, self.next_button, self.close_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 14)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        self.setTabOrder(self.previous_button, self.next_button)
        self.setTabOrder(self.next_button, self.close_button)
        self.go_to(0)

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(INTRO_STEPS):
            return
        self.index = index
        title, text = INTRO_STEPS[index]
        self.step_label.setText(
            _("Introduction, step {n} of {total}").format(n=index + 1, total=len(INTRO_STEPS))
        )
        self.title.setText(_(title))
        self.text.setText(_(text))
        self.previous_button.setEnabled(index > 0)
        last = index == len(INTRO_STEPS) - 1
        self.next_button.setText(_("Done") if last else _("Next"))

    def _next(self) -> None:
        if self.index == len(INTRO_STEPS) - 1:
            self.finish()
        else:
            self.go_to(self.index + 1)

    def finish(self) -> None:
        self.hide()
        self.closed.emit()


class IntroHost(QObject):
    """The introduction's place in a window: shown on the first start (stored as shown at
    once, so it comes only once), again from Help → Introduction, gone when closed."""

    closed = Signal()

    def __init__(
        self,
        settings: SettingsService,
        report: Callable[[str], object],
        *,
        first_start: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._report = settings, report
        self.wanted = first_start and not settings.get(INTRO_SHOWN)
        self.panel: IntroPanel | None = None

    def make(self) -> IntroPanel | None:
        """The panel for a window that is (re)built while the introduction is wanted."""
        self.panel = None
        if self.wanted:
            self.panel = IntroPanel()
            self.panel.closed.connect(self._closed)
            stored(lambda: self._settings.set(INTRO_SHOWN, True), self._report)
        return self.panel

    def show_in(self, column: QVBoxLayout, above: QWidget) -> IntroPanel:
        """The steps again, from the first, in `column` above `above`."""
        panel = self.panel
        if panel is None:
            self.wanted = True
            panel = self.make()
            assert panel is not None
            column.insertWidget(column.indexOf(above), panel)
        panel.go_to(0)
        panel.show()
        panel.next_button.setFocus()
        return panel

    def _closed(self) -> None:
        self.wanted = False
        if self.panel is not None:
            self.panel.deleteLater()
            self.panel = None
        self.closed.emit()
