"""The lock: every window covered, no name readable, no key or click getting through, the
presenter and the timers left running, and the idle lock kept away from a running session."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from rugschool.services.bundle import Services
from rugschool.ui.exercise_runner import ExerciseRunner
from rugschool.ui.lock import UNCOVERED, AppLock, LockOverlay
from rugschool.ui.main_window import MainWindow
from rugschool.ui.presenter import PresenterWindow
from rugschool.ui.session_window import SessionWindow

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


def test_ctrl_l_locks_the_app_over_the_demo_and_a_pin_opens_it(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    services.load_demo()
    anna = services.therapists.rows()[0]
    services.therapists.set_secret(anna.id, "2468")
    window = make_window()
    window.show_page("participants")
    names = [row.full_name for row in services.participants.rows()]
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert _locked(window.app_lock)
    texts = " ".join(_visible_texts(window))
    assert not any(name in texts for name in names)
    overlay = window.findChild(LockOverlay)
    assert overlay is not None
    overlay.profile.setCurrentIndex(overlay.profile.findData(anna.id))
    qtbot.keyClicks(overlay.secret, "2468")
    qtbot.keyClick(overlay.secret, Qt.Key.Key_Return)
    assert not _locked(window.app_lock)
    assert services.actor.therapist_id == anna.id
    assert anna.name in window.profile_label.text()
    # What they change now carries their name in the audit log.
    services.participants.set_archived(services.participants.rows()[0].id, True)
    assert services.audit.rows()[0].therapist == anna.name


def test_no_profiles_yet_the_app_opens_as_it_is(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.app_lock.lock()
    overlay = window.findChild(LockOverlay)
    assert overlay is not None and overlay.profile.count() == 1
    qtbot.keyClick(overlay.secret, Qt.Key.Key_Return)
    assert not _locked(window.app_lock)


def _main_and_session(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> tuple[MainWindow, SessionWindow]:
    """The demo, the main window, and the window of its fifth exercise session, shown."""
    services.load_demo()
    window = make_window()
    session = [s for s in services.schedule.sessions(1) if s.kind == "exercise"][4]
    running = SessionWindow(services, session)
    qtbot.addWidget(running)
    running.show()
    return window, running


def test_no_idle_lock_while_a_session_window_is_open(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    window, running = _main_and_session(qtbot, services, make_window)
    window.app_lock.last_activity -= 3600
    window.app_lock.check_idle()
    assert not _locked(window.app_lock)
    running.close()
    window.app_lock.check_idle()
    assert _locked(window.app_lock)
    assert window.app_lock.try_unlock(services.therapists.rows()[0].id, "")


def test_the_lock_leaves_the_interval_timer_and_the_presenter_running(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    window, running = _main_and_session(qtbot, services, make_window)
    runner = running.runner
    assert isinstance(runner, ExerciseRunner)
    timer = runner.timer
    timer.toggle()
    presenter = PresenterWindow()
    qtbot.addWidget(presenter)
    presenter.show()
    window.app_lock.lock()
    assert running.findChild(LockOverlay) is not None  # names in the runner are covered
    assert presenter.findChild(LockOverlay) is None
    with qtbot.waitSignal(timer.tick, timeout=2000):
        pass  # the timer ticks on under the lock
    assert timer.running()
    assert window.app_lock.try_unlock(services.therapists.rows()[0].id, "")
