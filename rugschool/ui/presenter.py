"""The presenter: a second window for the projector, readable from the back of the room.

It shows one step at a time, advanced on purpose by the therapist in a runner: a title, a core
message, or an exercise with all its levels and a timer. Its API takes only programme content
and timer state, never a participant, so it cannot show a name or a pain score.

When the projector is not a screen of its own (one screen, or a mirrored one), everything on
the laptop is visible to the room: `open_presenter` warns, and offers a room view of the
runner instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import N_, _
from rugschool.services.programme import CoreMessage, Exercise, Level
from rugschool.ui.lock import UNCOVERED
from rugschool.ui.pictures import PictureView, picture_pixmap
from rugschool.ui.style import ACCENT, ACCENT_DARK, BORDER, INK, SURFACE
from rugschool.ui.widgets import named

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent, QPaintEvent, QResizeEvent

PicturePath = Callable[[str], Path]
Phase = Literal["work", "rest", ""]

# Sizes at full HD, scaled with the window's height: about 24 pt body and 40 pt titles on a
# projector, still laid out in a small test window.
FULL_HEIGHT = 1080
MIN_SCALE = 0.25
DRAWING = QSize(400, round(400 * PictureView.ASPECT))
SECONDARY = "#3f4d54"  # darker than the app's muted grey: projectors wash colours out
# The presenter's keys (the help panel lists them from here).
PRESENTER_KEYS: tuple[tuple[tuple[Qt.Key, ...], str, str], ...] = (
    ((Qt.Key.Key_Escape,), N_("Close the presenter screen"), "close"),
    ((Qt.Key.Key_F, Qt.Key.Key_F11), N_("Full screen on or off"), "toggle_full_screen"),
)
PHASE_COLOURS = {"work": (ACCENT, "#ffffff"), "rest": ("#2c5282", "#ffffff"), "": ("", INK)}


def _stylesheet(scale: float) -> str:
    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    return f"""
QWidget#presenter {{ background: #ffffff; }}
QLabel {{ color: {INK}; font-size: {pt(24)}; background: transparent; }}
QLabel#presenterKicker {{ color: {ACCENT_DARK}; font-weight: 700; }}
QLabel#presenterTitle {{ font-size: {pt(40)}; font-weight: 600; }}
QLabel#presenterSubtitle, QLabel#presenterEquipment {{ color: {SECONDARY}; }}
QLabel#presenterHero {{ font-size: {pt(60)}; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel#presenterHeroSubtitle {{ font-size: {pt(32)}; color: {SECONDARY}; }}
QLabel#presenterMessage {{ font-size: {pt(52)}; font-weight: 600; }}
QLabel#presenterExplanation {{ font-size: {pt(32)}; }}
QLabel#presenterLevelHeading {{ font-size: {pt(26)}; font-weight: 700; color: {ACCENT_DARK}; }}
QLabel#presenterDose {{ font-weight: 700; }}
QLabel#presenterTimerTime {{ font-size: {pt(52)}; font-weight: 700; }}
QLabel#presenterTimerPhase {{ font-size: {pt(22)}; font-weight: 600; }}
QFrame#presenterLevel {{ background: {SURFACE}; border: 2px solid {BORDER}; border-radius: 14px; }}
QFrame#presenterRule {{ background: {BORDER}; }}
"""


@dataclass(frozen=True)
class Placement:
    """Where the presenter goes: full screen on `screen` (an index), or nowhere of its own
    because there is a single screen or the others mirror the main one."""

    kind: Literal["screen", "single", "mirrored"]
    screen: int | None = None


def presenter_placement(screens: Sequence[QRect], main_screen: int) -> Placement:
    """The first screen that does not overlap the one the main window is on. A screen at the
    same place (a mirrored projector, perhaps at another resolution) shows the laptop's
    screen to the room."""
    if len(screens) < 2:
        return Placement("single")
    main_screen = main_screen if 0 <= main_screen < len(screens) else 0
    for index, geometry in enumerate(screens):
        if index != main_screen and not geometry.intersects(screens[main_screen]):
            return Placement("screen", index)
    return Placement("mirrored")


def _label(text: str, name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop) -> QLabel:
    """Programme text can be edited by the clinic: plain text, never markup."""
    label = named(QLabel(text), name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(align)
    return label


class PresenterPicture(QWidget):
    """A level's picture in the drawings' proportions (a photo is fitted in on white, as
    everywhere): asks for at most `height`, drawn sharp at whatever size it gets."""

    def __init__(self, path: Path, height: int) -> None:
        super().__init__()
        self.path = path
        self._height = height
        self._cache: QPixmap | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(height // 2)

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return min(round(inner * PictureView.ASPECT), self._height)

    def sizeHint(self) -> QSize:
        return QSize(round(self._height / PictureView.ASPECT), self._height)

    def pixmap(self) -> QPixmap:
        """The picture as drawn at the widget's current size."""
        area = self.contentsRect().size()
        size = DRAWING.scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
        if self._cache is None or self._cache.deviceIndependentSize().toSize() != size:
            self._cache = picture_pixmap(self.path, size, self.devicePixelRatioF())
        return self._cache

    def paintEvent(self, _event: QPaintEvent) -> None:
        pixmap = self.pixmap()
        area = self.contentsRect()
        left = area.x() + (area.width() - round(pixmap.deviceIndependentSize().width())) // 2
        painter = QPainter(self)
        painter.drawPixmap(left, area.y(), pixmap)
        painter.end()


def _level_cells(
    grid: QGridLayout, top: int, column: int, level: Level, picture: Path, scale: float
) -> None:
    """One level as a card in five rows of the grid; the rows are shared by the levels beside
    it, so their pictures and doses line up."""
    pad = round(20 * scale)
    grid.addWidget(named(QFrame(), "presenterLevel"), top, column, 5, 1)
    cells: list[QWidget] = [
        _label(_("Level {n}").format(n=level.number), "presenterLevelHeading"),
        PresenterPicture(picture, round(220 * scale)),
        _label(level.instruction, "presenterInstruction"),
        _label(level.dose.text(), "presenterDose"),
        _label(_("Equipment: {items}").format(items=level.equipment_text()), "presenterEquipment"),
    ]
    for row, cell in enumerate(cells):
        cell.setContentsMargins(pad, pad if row == 0 else 0, pad, pad if row == 4 else 0)
        grid.addWidget(cell, top + row, column)
    grid.setRowStretch(top + 2, 1)  # spare room under the instruction: doses line up


def _exercise_body(
    exercise: Exercise, picture_path: PicturePath, scale: float, wide: bool
) -> QWidget:
    """All levels side by side; on a narrow (4:3) screen, two by two."""
    body = QWidget()
    levels = exercise.levels
    if len(levels) == 1:
        return _single_level_body(body, levels[0], picture_path, scale)
    columns = len(levels) if wide else (len(levels) + 1) // 2
    grid = QGridLayout(body)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(round(24 * scale))
    grid.setVerticalSpacing(round(12 * scale))
    for index, level in enumerate(levels):
        picture = picture_path(level.picture)
        _level_cells(grid, 5 * (index // columns), index % columns, level, picture, scale)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return body


def _single_level_body(
    body: QWidget, level: Level, picture_path: PicturePath, scale: float
) -> QWidget:
    """The warm-up: one picture beside its instruction, with no "Level 1" above it."""
    text = QVBoxLayout()
    text.setSpacing(round(16 * scale))
    for value, name in (
        (level.instruction, "presenterInstruction"),
        (level.dose.text(), "presenterDose"),
        (_("Equipment: {items}").format(items=level.equipment_text()), "presenterEquipment"),
    ):
        text.addWidget(_label(value, name))
    text.addStretch(1)
    row = QHBoxLayout(body)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(round(48 * scale))
    row.addWidget(PresenterPicture(picture_path(level.picture), round(560 * scale)), 1)
    row.addLayout(text, 1)
    return body


def _message_body(message: CoreMessage, scale: float) -> QWidget:
    """The message large, then what it means, in the participants' own words."""
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(round(28 * scale))
    layout.addWidget(_label(message.title, "presenterMessage"))
    rule = named(QFrame(), "presenterRule")
    rule.setFixedHeight(max(1, round(3 * scale)))
    layout.addWidget(rule)
    layout.addWidget(_label(message.explanation, "presenterExplanation"))
    layout.addStretch(1)
    return body


def _title_body(title: str, subtitle: str, scale: float) -> QWidget:
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.addStretch(2)
    layout.addWidget(_label(title, "presenterHero", Qt.AlignmentFlag.AlignCenter))
    if subtitle:
        layout.addSpacing(round(24 * scale))
        layout.addWidget(_label(subtitle, "presenterHeroSubtitle", Qt.AlignmentFlag.AlignCenter))
    layout.addStretch(3)
    return body


class PresenterTimer(QFrame):
    """The runner's timer as the room sees it: a word and a colour per phase."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("presenterTimer")
        self.phase_label = _label("", "presenterTimerPhase", Qt.AlignmentFlag.AlignCenter)
        self.time_label = _label("", "presenterTimerTime", Qt.AlignmentFlag.AlignCenter)
        self.time_label.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 10, 28, 12)
        layout.setSpacing(0)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.time_label)
        self.set_time("", "")

    def set_time(self, text: str, phase: Phase) -> None:
        background, ink = PHASE_COLOURS.get(phase, PHASE_COLOURS[""])
        words = {"work": _("Exercise time"), "rest": _("Rest")}
        self.phase_label.setText(words.get(phase, ""))
        self.phase_label.setVisible(bool(self.phase_label.text()))
        self.time_label.setText(text)
        fill = f"background: {background};" if background else "background: transparent;"
        self.setStyleSheet(
            f"QFrame#presenterTimer {{ {fill} border-radius: 16px; }}"
            f"QFrame#presenterTimer QLabel {{ color: {ink}; }}"
        )
        self.setVisible(bool(text))


Body = Callable[[float, bool], QWidget]  # (scale, wide screen) -> the step's body


class PresenterWindow(QWidget):
    """The projector's window. Escape closes it, F toggles full screen."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenter")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(_("Presenter screen"))
        self.setProperty(UNCOVERED, True)  # programme content only: the lock leaves it showing
        self.kicker = _label("", "presenterKicker")
        self.title = _label("", "presenterTitle")
        self.subtitle = _label("", "presenterSubtitle")
        self.timer = PresenterTimer()
        self.body = QWidget()
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self._header())
        self._layout.addWidget(self.body, 1)
        self._step = ""
        self._build: Body = lambda scale, _wide: _title_body("", "", scale)
        self._fit()

    def _header(self) -> QHBoxLayout:
        headings = QVBoxLayout()
        headings.setSpacing(8)
        for label in (self.kicker, self.title, self.subtitle):
            headings.addWidget(label)
        header = QHBoxLayout()
        header.setSpacing(32)
        header.addLayout(headings, 1)
        header.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def show_title(self, title: str, subtitle: str = "") -> None:
        """A calm step in between: "Warming-up", the programme's name, or nothing at all."""
        self._show(f"title:{title}", ("", "", ""), lambda s, _w: _title_body(title, subtitle, s))

    def show_message(self, message: CoreMessage, total: int) -> None:
        """A core message: its number, the message large, its explanation for participants."""
        kicker = _("Core message {n} of {total}").format(n=message.number, total=total)
        headings = (f"{kicker}  ·  {message.theme}" if message.theme else kicker, "", "")
        self._show(f"message:{message.key}", headings, lambda s, _w: _message_body(message, s))

    def show_exercise(self, exercise: Exercise, picture_path: PicturePath) -> None:
        """An exercise with all its levels side by side, so everyone finds their own."""
        if exercise.position > 0:
            title = _("Exercise {n}: {name}").format(n=exercise.position, name=exercise.name)
        else:
            title = exercise.name  # the warm-up has no number
        self._show(
            f"exercise:{exercise.key}",
            ("", title, exercise.purpose),
            lambda s, wide: _exercise_body(exercise, picture_path, s, wide),
        )

    def set_timer(self, text: str, phase: Phase) -> None:
        """Show the runner's timer ("0:45") in the phase's colour; an empty text hides it."""
        hidden = self.timer.isHidden()
        self.timer.set_time(text, phase)
        if self.timer.isHidden() != hidden:  # the header changes; a tick leaves the rest be
            self._fit()

    def current_step(self) -> str:
        """What is on the screen: "title:<title>", "message:<key>" or "exercise:<key>"."""
        return self._step

    def _show(self, step: str, headings: tuple[str, str, str], build: Body) -> None:
        for label, text in zip((self.kicker, self.title, self.subtitle), headings, strict=True):
            label.setText(text)
            label.setVisible(bool(text))
        self._step, self._build = step, build
        self._fit()

    def _fit(self) -> None:
        """The window's height sets the size of the type; when the step does not fit (long
        texts, a small or 4:3 screen), it shrinks until nothing is cut off."""
        scale = max(MIN_SCALE, self.height() / FULL_HEIGHT)
        wide = self.width() >= 1.5 * self.height()
        self._apply(scale, wide)
        while scale > MIN_SCALE and (needed := self._needed_height()) > self.height():
            # Wrapped text grows with the square of its size.
            scale = max(MIN_SCALE, scale * min(0.98, (self.height() / needed) ** 0.5))
            self._apply(scale, wide)

    def _apply(self, scale: float, wide: bool) -> None:
        self.setStyleSheet(_stylesheet(scale))
        side, top = round(64 * scale), round(36 * scale)
        self._layout.setContentsMargins(side, top, side, top)
        self._layout.setSpacing(round(28 * scale))
        body = self._build(scale, wide)
        self._layout.replaceWidget(self.body, body)
        body.show()  # now, so that the layout counts it when measuring
        self.body.hide()
        self.body.deleteLater()
        self.body = body

    def _needed_height(self) -> int:
        self.body.ensurePolished()  # a new body is shown (and styled) only later
        self._layout.invalidate()
        needed = self._layout.totalHeightForWidth(self.width())
        return needed if needed > 0 else self._layout.totalSizeHint().height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        for keys, _description, method in PRESENTER_KEYS:
            if event.key() in keys:
                getattr(self, method)()
                return
        super().keyPressEvent(event)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


# Warnings open without blocking (the runner keeps running); kept here until they are gone,
# so Python never collects one that is on the screen.
_open_warnings: list[QMessageBox] = []


def open_presenter(
    parent: QWidget,
    runner_room_view: Callable[[], None] | None,
    *,
    on_open: Callable[[PresenterWindow], None] | None = None,
) -> PresenterWindow | None:
    """Open the presenter full screen on a screen of its own and return it. With no such
    screen, warn that the whole screen is visible to the room and return None; if the
    therapist then opens the presenter in a window anyway, `on_open` receives it."""
    screens = QGuiApplication.screens()
    main = parent.window().screen()
    main_index = screens.index(main) if main in screens else 0
    placement = presenter_placement([s.geometry() for s in screens], main_index)
    if placement.kind == "screen" and placement.screen is not None:
        window, screen = PresenterWindow(parent), screens[placement.screen]
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        parent.window().activateWindow()  # the therapist keeps working in the runner
        if on_open is not None:
            on_open(window)
        return window
    _warn_shared_screen(parent, placement.kind == "mirrored", runner_room_view, on_open)
    return None


def _open_in_window(parent: QWidget, on_open: Callable[[PresenterWindow], None] | None) -> None:
    window = PresenterWindow(parent)
    window.resize(1280, 720)
    window.show()
    if on_open is not None:
        on_open(window)


def _warn_shared_screen(
    parent: QWidget,
    mirrored: bool,
    runner_room_view: Callable[[], None] | None,
    on_open: Callable[[PresenterWindow], None] | None,
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Presenter screen"))
    mirror_text = _("The projector shows the same as this screen.")
    box.setText(mirror_text if mirrored else _("Rugschool finds only one screen."))
    box.setInformativeText(
        _(
            "Everything on this screen is visible to the room, including participants' names "
            "and pain scores. Open the presenter screen in a window anyway, or switch to a room "
            "view without names and pain scores."
        )
    )
    window_button = named(
        box.addButton(_("Presenter screen in a window"), QMessageBox.ButtonRole.AcceptRole),
        "presenterWindow",
    )
    window_button.clicked.connect(lambda: _open_in_window(parent, on_open))
    if runner_room_view is not None:
        room_button = box.addButton(_("Room view without names"), QMessageBox.ButtonRole.ActionRole)
        named(room_button, "presenterRoomView").clicked.connect(runner_room_view)
        box.setDefaultButton(room_button)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.destroyed.connect(lambda: _open_warnings.remove(box))
    _open_warnings.append(box)
    box.open()
    return box
