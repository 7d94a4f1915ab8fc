"""The pages of the Programma screen: an exercise with its levels side by side, the warm-up,
an education session, the core messages and the instruction hints.

Programme texts can be edited by the clinic, so they are shown as plain text, never as
markup. In edit mode (`PageEdits`) every item gets its own edit buttons; what they do is
the screen's business (programme_editor_actions).
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
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _
from rugschool.services.programme import CoreMessage, EducationSession, Exercise, Hint, Level
from rugschool.services.programme_items import ItemRef
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

    def __init__(
        self,
        heading: str,
        level: Level,
        picture: Path,
        custom: bool,
        on_edit: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("levelCard")
        self.level = level
        self.picture = named(PictureView(picture), "levelPicture")
        self.picture.setToolTip(_("Own photo") if custom else _("Default drawing"))
        self.picture_button = QToolButton()
        self.picture_button.setText(_("Picture"))
        self.picture_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.picture_button.setMenu(self._menu(level, custom, on_edit))
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

    def _menu(self, level: Level, custom: bool, on_edit: Callable[[], object] | None) -> QMenu:
        menu = QMenu(self.picture_button)
        self.edit_action = None
        if on_edit is not None:  # edit mode: everything about the level in one menu
            self.picture_button.setText(_("Edit"))
            self.picture_button.setObjectName("editLevel")
            self.edit_action = menu.addAction(_("Instruction, dose, equipment and picture…"))
            self.edit_action.triggered.connect(lambda: on_edit())
            menu.addSeparator()
        self.replace_action = menu.addAction(_("Use your own photo…"))
        self.replace_action.triggered.connect(lambda: self.replace_requested.emit(level.picture))
        self.restore_action = menu.addAction(_("Show the default drawing again"))
        self.restore_action.setEnabled(custom)
        self.restore_action.triggered.connect(lambda: self.restore_requested.emit(level.picture))
        return menu


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

    def card(
        self, heading: str, level: Level, on_edit: Callable[[], object] | None = None
    ) -> LevelCard:
        custom = level.picture in self.custom
        card = LevelCard(heading, level, self.path(level.picture), custom, on_edit)
        card.picture_button.setVisible(self.editable)
        card.replace_requested.connect(self.on_replace)
        card.restore_requested.connect(self.on_restore)
        return card


@dataclass(frozen=True)
class PageEdits:
    """The edit buttons of the pages, in edit mode: open an item's form (with its title),
    add a level, remove an exercise or a level."""

    edit: Callable[[ItemRef, str], object]
    add_level: Callable[[Exercise], object]
    remove_exercise: Callable[[Exercise], object]
    remove_level: Callable[[Exercise, int], object]

    def edit_button(self, ref: ItemRef, title: str, label: str = "") -> QPushButton:
        """Opens the item's form."""
        name = "_".join(part for part in ("edit", ref.kind, ref.parent, ref.key) if part)
        button = self.button(label or _("Edit…"), name, lambda: self.edit(ref, title))
        button.setToolTip(_("Change {item}").format(item=title))
        return button

    def remove_level_button(self, exercise: Exercise) -> QToolButton:
        """A menu of the levels, to remove one (an exercise keeps at least one)."""
        button = named(QToolButton(), "removeLevel")
        button.setText(_("Remove a level"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for level in exercise.levels:
            action = menu.addAction(_("Level {n}").format(n=level.number))
            action.triggered.connect(
                lambda _checked=False, n=level.number: self.remove_level(exercise, n)
            )
        button.setMenu(menu)
        button.setEnabled(len(exercise.levels) > 1)
        return button

    @staticmethod
    def button(label: str, name: str, action: Callable[[], object]) -> QPushButton:
        button = named(QPushButton(label), name)
        button.clicked.connect(lambda _checked=False: action())
        return button


def _buttons(widgets: Iterable[QWidget]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(8)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _page(title: str, subtitle: str, body: QLayout, buttons: Iterable[QWidget] = ()) -> QWidget:
    page = QWidget()
    layout = _column(_heading(title, subtitle), spacing=10)
    controls = list(buttons)
    if controls:
        layout.addLayout(_buttons(controls))
    layout.addSpacing(8)
    layout.addLayout(body)
    layout.addStretch(1)
    page.setLayout(layout)
    return page


def exercise_page(
    exercise: Exercise, pictures: PictureActions, per_row: int = 0, edits: PageEdits | None = None
) -> QWidget:
    """The levels side by side (`per_row` 0), or so many to a row in a narrow panel."""
    cards = QGridLayout()
    cards.setSpacing(14)
    per_row = per_row or min(len(exercise.levels), 4)
    for index, level in enumerate(exercise.levels):
        heading = _("Level {n}").format(n=level.number)
        card = pictures.card(heading, level, _level_edit(exercise, level, heading, edits))
        cards.addWidget(card, index // per_row, index % per_row)
        cards.setColumnStretch(index % per_row, 1)
    title = _("Exercise {n}: {name}").format(n=exercise.position, name=exercise.name)
    buttons: list[QWidget] = []
    if edits is not None:
        buttons = [
            edits.edit_button(ItemRef("exercise", exercise.key), title, _("Name and purpose…")),
            edits.button(_("Add a level…"), "addLevel", lambda: edits.add_level(exercise)),
            edits.remove_level_button(exercise),
            edits.button(
                _("Remove exercise…"), "removeExercise", lambda: edits.remove_exercise(exercise)
            ),
        ]
    return _page(title, exercise.purpose, cards, buttons)


def _level_edit(
    exercise: Exercise, level: Level, heading: str, edits: PageEdits | None
) -> Callable[[], object] | None:
    """What the level's "Edit" menu opens (None outside edit mode)."""
    if edits is None:
        return None
    title = f"{exercise.name}, {heading.lower()}" if exercise.position else heading
    ref = ItemRef.level(exercise.key, level.number)
    return lambda: edits.edit(ref, title)


def warmup_page(
    warmup: Exercise, pictures: PictureActions, edits: PageEdits | None = None
) -> QWidget:
    row = QHBoxLayout()
    for level in warmup.levels:
        card = pictures.card(warmup.name, level, _level_edit(warmup, level, warmup.name, edits))
        card.setMaximumWidth(560)
        row.addWidget(card)
    row.addStretch(1)
    buttons: list[QWidget] = []
    if edits is not None:
        ref = ItemRef("exercise", warmup.key)
        buttons = [edits.edit_button(ref, warmup.name, _("Name and purpose…"))]
    return _page(warmup.name, warmup.purpose, row, buttons)


def message_card(message: CoreMessage, edits: PageEdits | None = None) -> QFrame:
    card = named(QFrame(), "messageCard")
    points = "\n".join(f"•  {point}" for point in message.talking_points)
    heading = _("Core message {n}").format(n=message.number)
    layout = _column(
        [
            text(heading, "messageNumber", selectable=False),
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
    if edits is not None:
        layout.addLayout(_buttons([edits.edit_button(ItemRef("message", message.key), heading)]))
    card.setLayout(layout)
    return card


def session_page(session: EducationSession, edits: PageEdits | None = None) -> QWidget:
    subtitle = (
        _("{minutes} minutes. {description}")
        .format(minutes=session.minutes, description=session.description)
        .strip()
    )
    title = _("Education session {n}: {title}").format(n=session.number, title=session.title)
    layout = _column(_heading(title, subtitle), spacing=10)
    if edits is not None:
        edit = edits.edit_button(ItemRef("session", session.key), title, _("Title and length…"))
        layout.addLayout(_buttons([edit]))
    for number, theme in enumerate(session.themes, 1):
        layout.addSpacing(10)
        layout.addWidget(text(f"{number}. {theme.title}", "themeTitle"))
        if theme.summary:
            layout.addWidget(text(theme.summary))
        if edits is not None:
            ref = ItemRef.theme(session.key, theme.key)
            label = _("Theme: {theme}").format(theme=theme.title)
            layout.addLayout(_buttons([edits.edit_button(ref, label, _("Edit theme…"))]))
        for message in theme.messages:
            layout.addWidget(message_card(message, edits))
    return _filled(layout)


def _filled(layout: QVBoxLayout) -> QWidget:
    layout.addStretch(1)
    page = QWidget()
    page.setLayout(layout)
    return page


def messages_page(messages: tuple[CoreMessage, ...], edits: PageEdits | None = None) -> QWidget:
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
        layout.addWidget(message_card(message, edits))
    return _filled(layout)


def hints_page(hints: tuple[Hint, ...], edits: PageEdits | None = None) -> QWidget:
    layout = _column(
        _heading(_("How to instruct"), _("Hints for the therapist, for every exercise session.")),
        spacing=10,
    )
    for hint in hints:
        card = named(QFrame(), "messageCard")
        column = _column([text(hint.title, "themeTitle"), text(hint.text)], margins=16)
        if edits is not None:
            column.addLayout(_buttons([edits.edit_button(ItemRef("hint", hint.key), hint.title)]))
        card.setLayout(column)
        layout.addWidget(card)
    return _filled(layout)
