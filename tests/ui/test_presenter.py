"""The presenter: programme content for the room on a screen of its own, never a participant."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from functools import partial
from typing import Literal

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from rugschool.i18n import _
from rugschool.services.bundle import Services
from rugschool.services.programme import Programme
from rugschool.ui import presenter
from rugschool.ui.presenter import (
    Placement,
    PresenterPicture,
    PresenterWindow,
    open_presenter,
    presenter_placement,
)

Kind = Literal["single", "mirrored"]
LAPTOP = QRect(0, 0, 1920, 1080)
PROJECTOR_RIGHT = QRect(1920, 0, 1280, 720)
PROJECTOR_LEFT = QRect(-1024, 0, 1024, 768)


@pytest.mark.parametrize(
    ("screens", "main", "expected"),
    [
        ([LAPTOP], 0, Placement("single")),
        ([], 0, Placement("single")),
        ([LAPTOP, PROJECTOR_RIGHT], 0, Placement("screen", 1)),
        ([PROJECTOR_RIGHT, LAPTOP], 1, Placement("screen", 0)),  # main window on the 2nd
        ([LAPTOP, QRect(LAPTOP)], 0, Placement("mirrored")),  # identical geometry
        ([LAPTOP, QRect(0, 0, 1024, 768)], 0, Placement("mirrored")),  # mirrored, other size
        ([LAPTOP, QRect(LAPTOP), PROJECTOR_LEFT], 0, Placement("screen", 2)),
        ([LAPTOP, PROJECTOR_RIGHT], 5, Placement("screen", 1)),  # unknown: the first screen
    ],
)
def test_the_presenter_goes_to_a_screen_the_main_window_is_not_on(
    screens: list[QRect], main: int, expected: Placement
) -> None:
    assert presenter_placement(screens, main) == expected


@pytest.fixture
def programme(services: Services) -> Programme:
    services.install_programmes()
    return services.programme.current("nl")


@pytest.fixture
def window(qtbot: QtBot) -> PresenterWindow:
    window = PresenterWindow()
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def _labels(window: PresenterWindow) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel) if label.isVisibleTo(window)]


def _texts(window: PresenterWindow) -> list[str]:
    return [label.text() for label in _labels(window)]


def _pictures(window: PresenterWindow) -> list[PresenterPicture]:
    return [p for p in window.findChildren(PresenterPicture) if p.isVisibleTo(window)]


def _nothing_cut_off(window: PresenterWindow) -> None:
    for label in _labels(window):
        assert label.height() >= label.heightForWidth(label.width()), label.text()[:40]


def test_a_title_step_shows_the_title_and_nothing_else(window: PresenterWindow) -> None:
    window.show_title("Warming-up", "Oefenles 3")
    assert window.current_step() == "title:Warming-up"
    assert sorted(_texts(window)) == ["Oefenles 3", "Warming-up"]
    assert _pictures(window) == []
    assert not window.timer.isVisible()


def test_a_core_message_shows_its_number_the_message_and_its_explanation(
    window: PresenterWindow, programme: Programme
) -> None:
    message = programme.core_messages[1]
    window.show_message(message, len(programme.core_messages))
    assert window.current_step() == f"message:{message.key}"
    texts = _texts(window)
    assert message.title in texts
    assert message.explanation in texts
    kicker = _("Core message {n} of {total}").format(n=2, total=len(programme.core_messages))
    assert any(text.startswith(kicker) for text in texts)
    # The talking points are the therapist's notes, not for the room.
    assert not any(point in texts for point in message.talking_points)
    _nothing_cut_off(window)


def test_type_is_large_enough_for_the_back_of_the_room(
    window: PresenterWindow, programme: Programme, services: Services
) -> None:
    window.show_message(programme.core_messages[0], len(programme.core_messages))
    [title] = window.findChildren(QLabel, "presenterMessage")
    [explanation] = window.findChildren(QLabel, "presenterExplanation")
    assert title.font().pointSizeF() >= 40
    assert explanation.font().pointSizeF() >= 24
    for exercise in programme.exercises:
        window.show_exercise(exercise, services.pictures.path)
        assert window.title.font().pointSizeF() >= 34, exercise.key
        for label in _labels(window):
            if label.objectName() == "presenterInstruction":
                assert label.font().pointSizeF() >= 20, exercise.key
        _nothing_cut_off(window)


def test_an_exercise_shows_every_level_side_by_side(
    window: PresenterWindow, programme: Programme, services: Services
) -> None:
    exercise = programme.exercises[0]
    window.show_exercise(exercise, services.pictures.path)
    assert window.current_step() == f"exercise:{exercise.key}"
    assert exercise.name in window.title.text()
    assert window.subtitle.text() == exercise.purpose
    texts = _texts(window)
    for level in exercise.levels:
        assert _("Level {n}").format(n=level.number) in texts
        assert level.instruction in texts
        assert level.dose.text() in texts
        assert any(level.equipment_text() in text for text in texts)
    pictures = _pictures(window)
    assert [p.path for p in pictures] == [
        services.pictures.path(lv.picture) for lv in exercise.levels
    ]
    assert all(not p.pixmap().isNull() and p.height() > 100 for p in pictures)
    assert len({p.geometry().top() for p in pictures}) == 1  # one row
    _nothing_cut_off(window)


def test_on_a_four_to_three_screen_the_levels_stand_two_by_two(
    window: PresenterWindow, programme: Programme, services: Services
) -> None:
    window.resize(1024, 768)
    window.show_exercise(programme.exercises[1], services.pictures.path)
    pictures = _pictures(window)
    assert len(pictures) == 4
    assert len({p.geometry().top() for p in pictures}) == 2
    _nothing_cut_off(window)


def test_a_small_window_still_lays_out(
    window: PresenterWindow, programme: Programme, services: Services
) -> None:
    window.show_exercise(programme.exercises[2], services.pictures.path)
    window.resize(800, 500)
    assert window.current_step() == f"exercise:{programme.exercises[2].key}"
    assert len(_pictures(window)) == 4
    _nothing_cut_off(window)


def test_the_warmup_has_one_picture_and_no_level_heading(
    window: PresenterWindow, programme: Programme, services: Services
) -> None:
    warmup = programme.warmup
    assert warmup is not None
    window.show_exercise(warmup, services.pictures.path)
    assert window.title.text() == warmup.name
    texts = _texts(window)
    assert warmup.levels[0].instruction in texts
    assert _("Level {n}").format(n=1) not in texts
    [picture] = _pictures(window)
    assert picture.width() > 400


def _timer_colour(window: PresenterWindow) -> QColor:
    image = window.timer.grab().toImage()
    return image.pixelColor(6, image.height() // 2)  # in the frame's margin, off the text


def test_the_timer_shows_the_runners_time_in_a_colour_per_phase(
    window: PresenterWindow, programme: Programme, services: Services
) -> None:
    window.show_exercise(programme.exercises[0], services.pictures.path)
    window.set_timer("0:45", "work")
    assert window.timer.isVisible()
    assert window.timer.time_label.text() == "0:45"
    work = _timer_colour(window)
    window.set_timer("0:15", "rest")
    assert window.timer.time_label.text() == "0:15"
    rest = _timer_colour(window)
    assert work != rest
    assert QColor("white") not in (work, rest)
    assert window.timer.phase_label.text()  # a word too, not colour alone
    window.set_timer("", "")
    assert not window.timer.isVisible()


def _every_text(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    for child in widget.findChildren(QWidget):
        texts += [child.toolTip(), child.accessibleName(), child.windowTitle()]
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
    return [text for text in texts if text]


def test_no_participant_name_ever_reaches_the_room(
    window: PresenterWindow, services: Services
) -> None:
    services.load_demo()
    programme = services.programme.current("nl")
    people = services.participants.rows()
    assert people
    names = [re.compile(rf"\b{re.escape(p.full_name)}\b") for p in people]
    names += [re.compile(rf"\b{re.escape(p.last_name)}\b") for p in people]
    total = len(programme.core_messages)
    steps: list[Callable[[], None]] = [partial(window.show_title, programme.name)]
    steps += [partial(window.show_message, message, total) for message in programme.core_messages]
    steps += [
        partial(window.show_exercise, exercise, services.pictures.path)
        for exercise in (programme.warmup, *programme.exercises)
        if exercise is not None
    ]
    steps.append(partial(window.show_title, "Warming-up", "Oefenles 3"))
    for number, step in enumerate(steps):
        step()
        window.set_timer(f"0:{number:02}", "work" if number % 2 else "rest")
        shown = "\n".join(_every_text(window))
        assert not [n.pattern for n in names if n.search(shown)], window.current_step()


def test_the_presenter_cannot_reach_participants() -> None:
    tree = ast.parse(inspect.getsource(presenter))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    assert "rugschool.services.programme" in imported  # the check sees the imports
    assert not [
        name
        for name in imported
        if name.startswith(("rugschool.services.participants", "rugschool.models"))
        or "articipant" in name
        or "ecording" in name
    ]
    api = [open_presenter, *(getattr(PresenterWindow, n) for n in dir(PresenterWindow))]
    for function in api:
        if callable(function) and getattr(function, "__module__", "") == presenter.__name__:
            assert "articipant" not in str(inspect.signature(function)), function


def test_escape_closes_and_f_toggles_full_screen(qtbot: QtBot, window: PresenterWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert not window.isFullScreen()
    with qtbot.waitSignal(window.closed, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_with_a_screen_of_its_own_the_presenter_opens_full_screen_there(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The offscreen platform has one screen: pretend it is the projector's.
    monkeypatch.setattr(presenter, "presenter_placement", lambda _s, _m: Placement("screen", 0))
    opened: list[PresenterWindow] = []
    window = open_presenter(parent, None, on_open=opened.append)
    assert window is not None
    assert opened == [window]
    assert window.isVisible() and window.isFullScreen()
    assert window.screen() is QGuiApplication.screens()[0]
    assert parent.findChildren(QMessageBox) == []


def _warning(qtbot: QtBot, parent: QWidget) -> QMessageBox:
    [box] = parent.findChildren(QMessageBox)
    qtbot.waitExposed(box)
    assert box.isVisible()
    return box


@pytest.mark.parametrize("kind", ["single", "mirrored"])
def test_a_shared_screen_warns_and_offers_a_room_view(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch, kind: Kind
) -> None:
    monkeypatch.setattr(presenter, "presenter_placement", lambda _s, _m: Placement(kind))
    room_views: list[bool] = []
    opened: list[PresenterWindow] = []
    assert open_presenter(parent, lambda: room_views.append(True), on_open=opened.append) is None
    box = _warning(qtbot, parent)  # open, without blocking the runner
    button = box.findChild(QAbstractButton, "presenterRoomView")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert room_views == [True]
    assert opened == []
    qtbot.waitUntil(lambda: not presenter._open_warnings)  # answered, then let go


def test_a_shared_screen_can_still_show_the_presenter_in_a_window(
    qtbot: QtBot, parent: QWidget
) -> None:
    opened: list[PresenterWindow] = []
    assert len(QGuiApplication.screens()) == 1  # the offscreen platform: a single screen
    assert open_presenter(parent, None, on_open=opened.append) is None
    box = _warning(qtbot, parent)
    assert box.findChild(QAbstractButton, "presenterRoomView") is None  # no runner to switch
    button = box.findChild(QAbstractButton, "presenterWindow")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [window] = opened
    assert window.isVisible()
    assert not window.isFullScreen()
