"""The education runner: stepping through the core messages, ticking what was covered (stored
at once, undone with Ctrl+Z), notes, the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from rugschool.i18n import current_language
from rugschool.models import CoreMessage as CoreMessageRow
from rugschool.models import MessageCoverage
from rugschool.services.bundle import Services
from rugschool.services.groups import GroupInput
from rugschool.services.programme import CoreMessage, EducationSession
from rugschool.services.recording import RecordingService
from rugschool.services.schedule import SessionRow
from rugschool.ui.education_runner import EducationRunner, clock_text

MakeRunner = Callable[..., EducationRunner]


@pytest.fixture
def session(services: Services) -> SessionRow:
    """Education session 1 of a new group (the demo's own are recorded already)."""
    services.load_demo()
    group = services.groups.create(GroupInput(name="Nieuw", start_date=dt.date.today()))
    services.schedule.create_sessions(group.id)
    return next(s for s in services.schedule.sessions(group.id) if s.kind == "education")


@pytest.fixture
def make_runner(qtbot: QtBot, services: Services, session: SessionRow) -> MakeRunner:
    def make(**kwargs: object) -> EducationRunner:
        runner = EducationRunner(services, session, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(runner)
        runner.resize(1366, 768)
        runner.show()
        with qtbot.waitActive(runner):
            runner.activateWindow()
        runner.setFocus()
        return runner

    return make


def _programme_session(services: Services, number: int) -> EducationSession:
    return services.programme.current(current_language()).sessions[number - 1]


def _key(qtbot: QtBot, runner: EducationRunner, key: Qt.Key, ctrl: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(runner, key, modifier)


def _coverage(services: Services, session: SessionRow) -> dict[str, bool]:
    return RecordingService(services.db).coverage(session.id)


def _notes(services: Services, session: SessionRow) -> dict[str, str]:
    """The stored notes, read straight from the table: the service has no reader for them."""
    query = (
        select(CoreMessageRow.key, MessageCoverage.note)
        .join(MessageCoverage, MessageCoverage.message_id == CoreMessageRow.id)
        .where(MessageCoverage.session_id == session.id)
    )
    with services.db.transaction() as s:
        return {key: note for key, note in s.execute(query) if note}


def test_the_steps_are_the_sessions_messages_theme_by_theme(
    make_runner: MakeRunner, services: Services, session: SessionRow
) -> None:
    runner = make_runner()
    expected = [
        (theme.key, message.key)
        for theme in _programme_session(services, session.number).themes
        for message in theme.messages
    ]
    assert [(step.theme.key, step.message.key) for step in runner.steps] == expected
    assert len(expected) > 3  # the demo programme's first session has several
    first = runner.steps[0]
    assert runner.current_index() == 0
    assert runner.message_title.text() == first.message.title
    assert runner.explanation.text() == first.message.explanation
    assert runner.theme_title.text() == first.theme.title
    points = [runner.points.item(row).text() for row in range(runner.points.count())]
    assert points == list(first.message.talking_points)
    assert str(len(expected)) in runner.counter.text()


def test_keys_and_buttons_step_forward_and_back(make_runner: MakeRunner, qtbot: QtBot) -> None:
    runner = make_runner()
    seen: list[object] = []
    runner.step_changed.connect(seen.append)
    _key(qtbot, runner, Qt.Key.Key_Right)
    _key(qtbot, runner, Qt.Key.Key_PageDown)
    _key(qtbot, runner, Qt.Key.Key_Space)
    assert runner.current_index() == 3
    _key(qtbot, runner, Qt.Key.Key_Left)
    _key(qtbot, runner, Qt.Key.Key_PageUp)
    assert runner.current_index() == 1
    qtbot.mouseClick(runner.next_button, Qt.MouseButton.LeftButton)
    assert runner.current_index() == 2
    qtbot.mouseClick(runner.previous_button, Qt.MouseButton.LeftButton)
    assert runner.current_index() == 1
    assert all(isinstance(message, CoreMessage) for message in seen)
    assert [m.key for m in seen if isinstance(m, CoreMessage)] == [
        runner.steps[i].message.key for i in (1, 2, 3, 2, 1, 2, 1)
    ]
    assert runner.message_title.text() == runner.steps[1].message.title


def test_stepping_stops_at_either_end(make_runner: MakeRunner, qtbot: QtBot) -> None:
    runner = make_runner()
    _key(qtbot, runner, Qt.Key.Key_Left)
    assert runner.current_index() == 0
    assert not runner.previous_button.isEnabled()
    last = len(runner.steps) - 1
    for _step in range(last + 2):
        _key(qtbot, runner, Qt.Key.Key_Right)
    assert runner.current_index() == last
    assert not runner.next_button.isEnabled()


def test_ticks_are_stored_at_once_and_ctrl_z_undoes_the_last(
    make_runner: MakeRunner, qtbot: QtBot, services: Services, session: SessionRow
) -> None:
    runner = make_runner()
    first, second = runner.steps[0].message.key, runner.steps[1].message.key
    assert first != second
    _key(qtbot, runner, Qt.Key.Key_C)
    assert _coverage(services, session) == {first: True}
    _key(qtbot, runner, Qt.Key.Key_Right)
    box = runner.covered_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    assert _coverage(services, session) == {first: True, second: True}

    _key(qtbot, runner, Qt.Key.Key_Z, ctrl=True)
    # The service cannot remove a row: a first tick undone is stored as not covered.
    assert _coverage(services, session) == {first: True, second: False}
    assert not box.isChecked()
    _key(qtbot, runner, Qt.Key.Key_Z, ctrl=True)
    assert _coverage(services, session) == {first: False, second: False}


def test_untick_then_undo_ticks_again(
    make_runner: MakeRunner, qtbot: QtBot, services: Services, session: SessionRow
) -> None:
    runner = make_runner()
    key = runner.current_message().key
    _key(qtbot, runner, Qt.Key.Key_C)
    _key(qtbot, runner, Qt.Key.Key_C)
    assert _coverage(services, session) == {key: False}
    _key(qtbot, runner, Qt.Key.Key_Z, ctrl=True)
    assert _coverage(services, session) == {key: True}
    assert runner.covered_box.isChecked()


def test_ticks_stored_earlier_are_shown_on_opening(
    make_runner: MakeRunner, services: Services, session: SessionRow
) -> None:
    programme = _programme_session(services, session.number)
    key = programme.themes[0].messages[0].key
    RecordingService(services.db).set_covered(session.id, key, True)
    runner = make_runner()
    assert runner.covered_box.isChecked()
    assert runner.is_covered(key)


def test_a_note_is_stored_after_a_pause_and_kept_with_the_tick(
    make_runner: MakeRunner, qtbot: QtBot, services: Services, session: SessionRow
) -> None:
    runner = make_runner()
    key = runner.current_message().key
    runner.notes.setFocus()
    qtbot.keyClicks(runner.notes, "Casus: rug bij MRI")  # C and Space are typed here
    assert runner.current_index() == 0
    assert not runner.covered_box.isChecked()
    qtbot.waitUntil(lambda: _notes(services, session) == {key: "Casus: rug bij MRI"})
    assert _coverage(services, session) == {key: False}
    qtbot.keyClick(runner.notes, Qt.Key.Key_Escape)  # Esc hands the keys back to the runner
    assert runner.hasFocus()
    _key(qtbot, runner, Qt.Key.Key_C)
    assert _coverage(services, session) == {key: True}
    assert _notes(services, session) == {key: "Casus: rug bij MRI"}


def test_leaving_the_notes_stores_them_without_waiting(
    make_runner: MakeRunner, qtbot: QtBot, services: Services, session: SessionRow
) -> None:
    runner = make_runner()
    key = runner.current_message().key
    runner.notes.setFocus()
    qtbot.keyClicks(runner.notes, "kort")
    qtbot.keyClick(runner.notes, Qt.Key.Key_Escape)
    assert _notes(services, session) == {key: "kort"}
    assert runner.notes_state.text()
    _key(qtbot, runner, Qt.Key.Key_Right)
    assert runner.notes.toPlainText() == ""
    _key(qtbot, runner, Qt.Key.Key_Left)
    assert runner.notes.toPlainText() == "kort"


def test_stepping_on_or_leaving_stores_a_note_still_waiting(
    make_runner: MakeRunner, qtbot: QtBot, services: Services, session: SessionRow
) -> None:
    runner = make_runner()
    key = runner.current_message().key
    runner.notes.setPlainText("nog niet bewaard")
    assert runner.note_timer.isActive()
    runner.next_step()
    assert _notes(services, session) == {key: "nog niet bewaard"}
    runner.notes.setPlainText("bij het sluiten")
    runner.hide()
    assert _notes(services, session) == {
        key: "nog niet bewaard",
        runner.current_message().key: "bij het sluiten",
    }


def test_the_presenter_button_and_f5_ask_for_the_presenter(
    make_runner: MakeRunner, qtbot: QtBot
) -> None:
    runner = make_runner()
    with qtbot.waitSignal(runner.present_requested, timeout=1000):
        qtbot.mouseClick(runner.present_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(runner.present_requested, timeout=1000):
        _key(qtbot, runner, Qt.Key.Key_F5)


def test_the_clock_counts_from_opening(make_runner: MakeRunner, qtbot: QtBot) -> None:
    now = [1000.0]
    runner = make_runner(clock=lambda: now[0])
    assert runner.clock.text() == "00:00"
    now[0] += 125
    qtbot.waitUntil(lambda: runner.clock.text() == "02:05", timeout=2500)
    assert clock_text(3725) == "62:05"


def test_an_exercise_session_is_refused(services: Services) -> None:
    services.load_demo()
    exercise = next(s for s in services.schedule.sessions(1) if s.kind == "exercise")
    with pytest.raises(ValueError, match="not an education session"):
        EducationRunner(services, exercise)
