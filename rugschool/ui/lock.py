"""Locking the app: a laptop at the front of a group room is seen by everyone in it.

Ctrl+L, or a spell without keyboard or mouse (the idle time in Instellingen), covers every
window with an opaque lock screen: a profile to choose and its password or PIN, nothing
else. Windows stay open under it, so a form half filled in keeps what was typed; while locked
an application-wide filter swallows every key, click and shortcut that is not meant for a
lock screen. The presenter window (programme content only, never a participant) stays
uncovered and keeps running, as do the session timers. The idle lock never fires while a
session runs: the therapist is busy in front of the room then, not away.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _
from rugschool.ui.widgets import named

# What a person does with keyboard and mouse: these keep the app awake, and are swallowed
# while it is locked unless they go to a lock screen.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
        QEvent.Type.TouchBegin,
        QEvent.Type.ToolTip,
        QEvent.Type.WhatsThis,
    }
)
ACTIVITY_EVENTS = INPUT_EVENTS | {QEvent.Type.MouseMove}
UNCOVERED = "lockUncovered"  # a window property: shows no personal data, stays visible


class LockOverlay(QWidget):
    """The lock screen over one window: opaque, as large as the window, on top."""

    unlock_requested = Signal(int, str)  # profile id, secret

    def __init__(self, window: QWidget, profiles: Sequence[tuple[int, str]]) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockOverlay { background: palette(window); }")
        self.profile = QComboBox()
        self.profile.setAccessibleName(_("Profile"))
        for profile_id, name in profiles:
            self.profile.addItem(name, profile_id)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(_("Password or PIN"))
        self.secret.setPlaceholderText(_("Empty when the profile has none"))
        self.secret.returnPressed.connect(self._ask)
        self.message = named(QLabel(), "formMessage")
        self.message.setWordWrap(True)
        unlock = QPushButton(_("Unlock"))
        unlock.setDefault(True)
        unlock.clicked.connect(self._ask)
        title = named(QLabel(_("Rugschool is locked")), "pageTitle")
        form = QFormLayout()
        form.addRow(_("Profile"), self.profile)
        form.addRow(_("Password or PIN"), self.secret)
        panel = QWidget()
        panel.setFixedWidth(520)
        column = QVBoxLayout(panel)
        column.addWidget(title)
        hidden = QLabel(_("Personal data is hidden until a therapist unlocks."))
        hidden.setWordWrap(True)
        column.addWidget(hidden)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(unlock, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        window.installEventFilter(self)
        self.cover()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
        ):
            QTimer.singleShot(0, self.cover)  # stay on top of anything added under it
        return False

    def _ask(self) -> None:
        self.unlock_requested.emit(int(self.profile.currentData() or 0), self.secret.text())

    def refuse(self, text: str) -> None:
        self.secret.clear()
        self.message.setText(text)
        self.secret.setFocus()


class AppLock(QObject):
    """Locks and unlocks every window of the app; counts idle time."""

    locked_changed = Signal(bool)
    unlocked = Signal(int)  # the profile that unlocked

    def __init__(
        self,
        profiles: Callable[[], Sequence[tuple[int, str]]],
        verify: Callable[[int, str], bool],
        busy: Callable[[], bool] = lambda: False,
        idle_minutes: Callable[[], int] = lambda: 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._profiles, self._verify, self._busy, self._idle_minutes = (
            profiles,
            verify,
            busy,
            idle_minutes,
        )
        self.overlays: list[LockOverlay] = []
        self.last_profile: int | None = None  # offered first on the next lock
        self.last_activity = time.monotonic()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(15_000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()

    @property
    def locked(self) -> bool:
        return bool(self._live_overlays())

    def _covering(self) -> bool:
        """Some window on screen is under a lock screen (closed ones show nothing)."""
        return any(o.window().isVisible() for o in self._live_overlays())

    def _live_overlays(self) -> list[LockOverlay]:
        """The lock screens whose windows still exist (a window closed by the program while
        locked takes its lock screen with it)."""
        self.overlays = [o for o in self.overlays if shiboken6.isValid(o)]
        return self.overlays

    def lock(self) -> None:
        if self.locked:
            return
        popup = QApplication.activePopupWidget()
        while popup is not None:  # an open menu or list would show above the lock
            popup.close()
            popup = QApplication.activePopupWidget()
        profiles = list(self._profiles())
        for window in QApplication.topLevelWidgets():
            if not window.isVisible() or window.property(UNCOVERED):
                continue
            if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                window.hide()
                continue
            overlay = LockOverlay(window, profiles)
            if self.last_profile is not None:
                overlay.profile.setCurrentIndex(max(0, overlay.profile.findData(self.last_profile)))
            overlay.unlock_requested.connect(
                lambda pid, secret, o=overlay: self.try_unlock(pid, secret, o)
            )
            self.overlays.append(overlay)
        active = QApplication.activeWindow()
        target = next((o for o in self.overlays if o.parentWidget() is active), None)
        if target is None and self.overlays:
            target = self.overlays[0]
        if target is not None:
            target.secret.setFocus()
        self.locked_changed.emit(True)

    def try_unlock(self, profile_id: int, secret: str, overlay: LockOverlay | None = None) -> bool:
        if not self._verify(profile_id, secret):
            if overlay is not None:
                overlay.refuse(_("That password or PIN does not open this profile."))
            return False
        for each in self.overlays:
            parent = each.parentWidget()
            if parent is not None:
                parent.removeEventFilter(each)
            each.hide()
            each.deleteLater()
        self.overlays = []
        self.last_activity = time.monotonic()
        self.last_profile = profile_id
        self.unlocked.emit(profile_id)
        self.locked_changed.emit(False)
        return True

    def check_idle(self) -> None:
        minutes = self._idle_minutes()
        if self.locked or minutes <= 0 or self._busy():
            return
        if time.monotonic() - self.last_activity >= minutes * 60:
            self.lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY_EVENTS:
            self.last_activity = time.monotonic()
        if not self.overlays or kind not in INPUT_EVENTS or not self._covering():
            return False
        return not self._meant_for_a_lock_screen(watched)

    @staticmethod
    def _meant_for_a_lock_screen(watched: QObject) -> bool:
        """Input for a lock screen (its profile list is a window of its own, a child of the
        lock screen), or for a window that shows nothing personal."""
        if not isinstance(watched, QWidget):
            return False  # a shortcut or action: nothing runs while locked
        widget: QWidget | None = watched
        while widget is not None:
            if isinstance(widget, LockOverlay):
                return True
            if widget.isWindow() and widget.property(UNCOVERED):
                return True
            widget = widget.parentWidget()
        return False
