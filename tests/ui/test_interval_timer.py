"""The interval timer: work and rest in turn, from a clock that never drifts."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from rugschool.ui.interval_timer import IntervalState, IntervalTimer, interval_state


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0, IntervalState("work", 40, 1)),
        (39.9, IntervalState("work", 1, 1)),
        (40, IntervalState("rest", 20, 1)),
        (59, IntervalState("rest", 1, 1)),
        (60, IntervalState("work", 40, 2)),
        (125, IntervalState("work", 35, 3)),
    ],
)
def test_work_and_rest_take_turns(elapsed: float, expected: IntervalState) -> None:
    assert interval_state(elapsed, 40, 20) == expected


def test_the_timer_counts_pauses_and_tells_the_presenter(qtbot: QtBot) -> None:
    now = [100.0]
    timer = IntervalTimer(clock=lambda: now[0])
    qtbot.addWidget(timer)
    ticks: list[tuple[str, str]] = []
    timer.tick.connect(lambda text, phase: ticks.append((text, phase)))
    timer.toggle()  # start
    now[0] += 45
    state = timer.update_display()
    assert (state.phase, state.remaining) == ("rest", 15)
    assert ticks[-1] == ("00:15", "rest")
    timer.toggle()  # pause for a minute: the clock keeps going, the timer does not
    now[0] += 60
    timer.toggle()
    assert timer.update_display().remaining == 15
    timer.reset()
    assert ticks[-1] == ("", "") and timer.display.text() == "00:00"
