"""The offer on an empty database: load the demo, or start empty. A banner in the window,
never a modal dialog, so nothing stops the window from showing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rugschool.i18n import _
from rugschool.ui.widgets import named


class WelcomeBanner(QFrame):
    load_demo_requested = Signal()
    start_empty_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeBanner")
        title = named(QLabel(_("Welcome to Rugschool")), "bannerTitle")
        text = QLabel(
            _(
                "There is nothing stored yet. Load a demo practice with a group of ten "
                "participants to look around, or start with an empty database."
            )
        )
        text.setWordWrap(True)
        self.demo_button = named(QPushButton(_("Load the demo")), "primaryButton")
        self.demo_button.clicked.connect(self.load_demo_requested)
        self.empty_button = QPushButton(_("Start empty"))
        self.empty_button.clicked.connect(self.start_empty_requested)

        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addLayout(words, 1)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.empty_button)
