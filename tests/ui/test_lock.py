"""The lock: every window covered, no name readable, no key or click getting through, the
presenter and the timers left running, and the idle lock kept away from a running session."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from rugschool.ui.lock import UNCOVERED, AppLock, LockOverlay

NAMES = ("Noël Çelik", "Jan de Vries")


def _window(qtbot: QtBot, title: str, *texts: str) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    window.setWindowTitle(title)
    qtbot.addWidget(window)
    for i, text in enumerate(texts):
        QLabel(text, window).move(10, 10 + 30 * i)
    field = QLineEdit(window)
    field.move(10, 200)
    window.resize(600, 400)
    window.show()
    return window, field


def _visible_texts(window: QWidget) -> list[str]:
    """The text of every label and field a person could see in a window: not hidden, and
    not under a lock screen."""
    overlay = next((c for c in window.findChildren(LockOverlay) if c.isVisible()), None)
    seen = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        inside = overlay is not None and (widget is overlay or overlay.isAncestorOf(widget))
        if overlay is not None and not inside:
            continue  # covered: the overlay fills the window and lies on top
        if isinstance(widget, QLabel | QLineEdit):
            seen.append(widget.text())
    return seen


def _locked(lock: AppLock) -> bool:
    return lock.locked  # a call: mypy does not carry one assert over to the next


def _lock(profiles: list[tuple[int, str]], secrets: dict[int, str], **kwargs: object) -> AppLock:
    return AppLock(
        lambda: profiles,
        lambda pid, secret: secrets.get(pid) == secret,
        **kwargs,  # type: ignore[arg-type]
    )


def test_locking_hides_every_name_and_lets_nothing_through(qtbot: QtBot) -> None:
    main, field = _window(qtbot, "main", *NAMES)
    second, _f = _window(qtbot, "session", NAMES[0])
    presenter, _p = _window(qtbot, "presenter", "Oefening 3: de brug")
    presenter.setProperty(UNCOVERED, True)
    lock = _lock([(1, "Anna"), (2, "Bram")], {1: "1234", 2: ""})
    lock.lock()
    assert _locked(lock)
    for window in (main, second):
        overlay = window.findChild(LockOverlay)
        assert overlay is not None and overlay.isVisible()
        assert overlay.geometry() == window.rect()
        assert window.children()[-1] is overlay  # on top of everything in the window
        texts = " ".join(_visible_texts(window))
        assert not any(name in texts for name in NAMES), texts
        assert "vergrendeld" in texts
    assert presenter.findChild(LockOverlay) is None  # the projector keeps its picture

    field.setFocus()
    qtbot.keyClicks(field, "abc")  # swallowed: the form under the lock does not change
    assert field.text() == ""

    overlay = main.findChild(LockOverlay)
    assert overlay is not None
    qtbot.keyClicks(overlay.secret, "9999")
    qtbot.keyClick(overlay.secret, Qt.Key.Key_Return)
    assert _locked(lock) and "opent dit profiel niet" in overlay.message.text()

    with qtbot.waitSignal(lock.unlocked) as unlocked:
        qtbot.keyClicks(overlay.secret, "1234")
        qtbot.keyClick(overlay.secret, Qt.Key.Key_Return)
    assert unlocked.args == [1] and not _locked(lock)
    QApplication.processEvents()
    left = main.findChild(LockOverlay)
    assert left is None or not left.isVisible()
    qtbot.keyClicks(field, "abc")
    assert field.text() == "abc"


def test_a_window_opened_under_the_lock_stays_covered(qtbot: QtBot) -> None:
    main, _field = _window(qtbot, "main")
    lock = _lock([(1, "Anna")], {1: ""})
    lock.lock()
    late = QLabel(NAMES[1], main)  # a screen refreshing while locked adds a widget
    late.show()
    qtbot.waitUntil(lambda: main.children()[-1] is main.findChild(LockOverlay))


def test_the_idle_lock_waits_for_the_idle_time_and_never_fires_in_a_session(
    qtbot: QtBot,
) -> None:
    main, _field = _window(qtbot, "main", NAMES[0])
    running = [True]
    lock = _lock([(1, "Anna")], {1: ""}, busy=lambda: running[0], idle_minutes=lambda: 5)
    lock.last_activity = time.monotonic() - 4 * 60
    lock.check_idle()
    assert not _locked(lock)  # four minutes: not yet
    lock.last_activity = time.monotonic() - 6 * 60
    lock.check_idle()
    assert not _locked(lock)  # a session runs: never
    running[0] = False
    lock.check_idle()
    assert _locked(lock) and main.findChild(LockOverlay) is not None
    lock.try_unlock(1, "")
    assert not _locked(lock)


def test_no_idle_lock_when_it_is_switched_off(qtbot: QtBot) -> None:
    _main, _field = _window(qtbot, "main")
    lock = _lock([(1, "Anna")], {1: ""}, idle_minutes=lambda: 0)
    lock.last_activity = time.monotonic() - 10_000
    lock.check_idle()
    assert not _locked(lock)
