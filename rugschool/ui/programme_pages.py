"""The pages of the Programma screen: an exercise with its levels side by side, the warm-up,
an education session, the core messages and the instruction hints.

Programme texts can be edited by the clinic, so they are shown as plain text, never as
markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _
from rugschool.services.programme import CoreMessage, EducationSession, Exercise, Hint, Level
from rugschool.ui.pictures import PictureView
from rugschool.ui.widgets import named

PicturePath = Callable[[str], Path]


def text(value: str, name: str = "", *, selectable: bool = True) -> QLabel:
    """A label for programme text: plain, wrapped, selectable for copying."""
    label = QLabel(value)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _column(widgets: Iterable[QWidget], spacing: int = 8, margins: int = 0) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setSpacing(spacing)
    layout.setContentsMargins(margins, margins, margins, margins)
    for widget in widgets:
        layout.addWidget(widget)
    return layout


class LevelCard(QFrame):
    """One level: the picture, what to do, how much, with what; and the picture's buttons."""

    replace_requested = Signal(str)
    restore_requested = Signal(str)

    def __init__(self, heading: str, level: Level, picture: Path, custom: bool) -> None:
        super().__init__()
        self.setObjectName("levelCard")
        self.level = level
        self.picture = named(PictureView(picture), "levelPicture")
        self.picture.setToolTip(_("Own photo") if custom else _("Default drawing"))
        self.picture_button = QToolButton()
        self.picture_button.setText(_("Picture"))
        self.picture_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.picture_button)
        self.replace_action = menu.addAction(_("Use your own photo…"))
        self.replace_action.triggered.connect(lambda: self.replace_requested.emit(level.picture))
        self.restore_action = menu.addAction(_("Show the default drawing again"))
        self.restore_action.setEnabled(custom)
        self.restore_action.triggered.connect(lambda: self.restore_requested.emit(level.picture))
        self.picture_button.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.picture_button)
        buttons.addStretch(1)

        layout = _column(
            [
                text(heading, "levelHeading", selectable=False),
                self.picture,
                text(level.instruction, "levelInstruction"),
                text(level.dose.text(), "levelDose"),
                text(_("Equipment: {items}").format(items=level.equipment_text()), "hint"),
            ],
            margins=14,
        )
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setLayout(layout)


def _heading(title: str, subtitle: str) -> list[QWidget]:
    widgets: list[QWidget] = [text(title, "pageTitle")]
    if subtitle:
        widgets.append(text(subtitle, "pageSubtitle"))
    return widgets


@dataclass(frozen=True)
class PictureActions:
    """Where each picture comes from, which are the therapist's own, and what the picture
    buttons do."""

    path: PicturePath
    custom: set[str]
    on_replace: Callable[[str], None]
    on_restore: Callable[[str], None]
    editable: bool = True  # False in a running session: no picture menu there

    def card(self, heading: str, level: Level) -> LevelCard:
        card = LevelCard(heading, level, self.path(level.picture), level.picture in self.custom)
        card.picture_button.setVisible(self.editable)
        card.replace_requested.connect(self.on_replace)
        card.restore_requested.connect(self.on_restore)
        return card


def _page(title: str, subtitle: str, body: QLayout) -> QWidget:
    page = QWidget()
    layout = _column(_heading(title, subtitle), spacing=10)
    layout.addSpacing(8)
    layout.addLayout(body)
    layout.addStretch(1)
    page.setLayout(layout)
    return page


def exercise_page(exercise: Exercise, pictures: PictureActions, per_row: int = 0) -> QWidget:
    """The levels side by side (`per_row` 0), or so many to a row in a narrow panel."""
    cards = QGridLayout()
    cards.setSpacing(14)
    per_row = per_row or len(exercise.levels)
    for index, level in enumerate(exercise.levels):
        card = pictures.card(_("Level {n}").format(n=level.number), level)
        cards.addWidget(card, index // per_row, index % per_row)
        cards.setColumnStretch(index % per_row, 1)
    title = _("Exercise {n}: {name}").format(n=exercise.position, name=exercise.name)
    return _page(title, exercise.purpose, cards)


def warmup_page(warmup: Exercise, pictures: PictureActions) -> QWidget:
    row = QHBoxLayout()
    for level in warmup.levels:
        card = pictures.card(warmup.name, level)
        card.setMaximumWidth(560)
        row.addWidget(card)
    row.addStretch(1)
    return _page(warmup.name, warmup.purpose, row)


def message_card(message: CoreMessage) -> QFrame:
    card = named(QFrame(), "messageCard")
    points = "\n".join(f"•  {point}" for point in message.talking_points)
    layout = _column(
        [
            text(_("Core message {n}").format(n=message.number), "messageNumber", selectable=False),
            text(message.title, "messageTitle"),
            text(_("Theme: {theme}").format(theme=message.theme), "hint"),
        ],
        spacing=6,
        margins=16,
    )
    for label, body, name in (
        (_("What it gives the participant"), message.gain, ""),
        (_("Explanation for participants"), message.explanation, ""),
        (_("Talking points"), points, "talkingPoints"),
    ):
        layout.addSpacing(6)
        layout.addWidget(text(label, "sectionLabel", selectable=False))
        layout.addWidget(text(body, name))
    card.setLayout(layout)
    return card


def session_page(session: EducationSession) -> QWidget:
    page = QWidget()
    subtitle = (
        _("{minutes} minutes. {description}")
        .format(minutes=session.minutes, description=session.description)
        .strip()
    )
    layout = _column(
        _heading(
            _("Education session {n}: {title}").format(n=session.number, title=session.title),
            subtitle,
        ),
        spacing=10,
    )
    for number, theme in enumerate(session.themes, 1):
        layout.addSpacing(10)
        layout.addWidget(text(f"{number}. {theme.title}", "themeTitle"))
        if theme.summary:
            layout.addWidget(text(theme.summary))
        for message in theme.messages:
            layout.addWidget(message_card(message))
    layout.addStretch(1)
    page.setLayout(layout)
    return page


def messages_page(messages: tuple[CoreMessage, ...]) -> QWidget:
    page = QWidget()
    layout = _column(
        _heading(
            _("Core messages"),
            _(
                "What every participant should take home. Each education session and each exercise "
                "session comes back to them."
            ),
        ),
        spacing=12,
    )
    for message in messages:
        layout.addWidget(message_card(message))
    layout.addStretch(1)
    page.setLayout(layout)
    return page


def hints_page(hints: tuple[Hint, ...]) -> QWidget:
    page = QWidget()
    layout = _column(
        _heading(_("How to instruct"), _("Hints for the therapist, for every exercise session.")),
        spacing=10,
    )
    for hint in hints:
        card = named(QFrame(), "messageCard")
        card.setLayout(_column([text(hint.title, "themeTitle"), text(hint.text)], margins=16))
        layout.addWidget(card)
    layout.addStretch(1)
    page.setLayout(layout)
    return page
