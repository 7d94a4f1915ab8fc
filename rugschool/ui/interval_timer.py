"""An interval timer for the exercises: work and rest in turn, shown large, with a beep at
each change if the therapist wants one. It counts from a monotonic clock, so a busy moment
never makes it drift."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rugschool.i18n import _
from rugschool.ui.widgets import named


@dataclass(frozen=True)
class IntervalState:
    phase: str  # "work" or "rest"
    remaining: int  # whole seconds left in this phase
    round: int  # 1, 2, ...


def interval_state(elapsed: float, work: int, rest: int) -> IntervalState:
    """Where a work-rest cycle stands after `elapsed` seconds."""
    cycle = work + rest
    round_number, into = divmod(int(elapsed), cycle)
    if into < work:
        return IntervalState("work", work - into, round_number + 1)
    return IntervalState("rest", cycle - into, round_number + 1)


def clock_text(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class IntervalTimer(QWidget):
    tick = Signal(str, str)  # the time shown, the phase ("work", "rest"; "" when stopped)

    def __init__(
        self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock, self._started, self._paused_at = clock, 0.0, 0.0
        self._phase = ""
        self.work = self._spin(_("work"), 40)
        self.rest = self._spin(_("rest"), 20)
        self.sound = QCheckBox(_("beep"))
        self.display = named(QLabel("00:00"), "timerDisplay")
        self.phase_label = named(QLabel(_("Interval timer")), "hint")
        self.start_button = QPushButton(_("Start"))
        self.start_button.clicked.connect(self.toggle)
        reset = QPushButton(_("Reset"))
        reset.clicked.connect(self.reset)
        self._ticker = QTimer(self)
        self._ticker.setInterval(200)
        self._ticker.timeout.connect(self.update_display)
        settings = QHBoxLayout()
        for widget in (QLabel(_("Work")), self.work, QLabel(_("Rest")), self.rest, self.sound):
            settings.addWidget(widget)
        settings.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.display)
        buttons.addWidget(self.phase_label, 1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(settings)
        self.display.setStyleSheet("font-size: 22pt; font-weight: 700;")

    @staticmethod
    def _spin(suffix: str, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(5, 600)
        spin.setSingleStep(5)
        spin.setValue(value)
        spin.setSuffix(" s")
        spin.setToolTip(suffix)
        return spin

    def running(self) -> bool:
        return self._ticker.isActive()

    def toggle(self) -> None:
        if self.running():
            self._paused_at = self._clock() - self._started
            self._ticker.stop()
            self.start_button.setText(_("Go on"))
        else:
            self._started = self._clock() - self._paused_at
            self._ticker.start()
            self.start_button.setText(_("Pause"))
            self.update_display()

    def reset(self) -> None:
        self._ticker.stop()
        self._paused_at, self._phase = 0.0, ""
        self.start_button.setText(_("Start"))
        self.display.setText("00:00")
        self.phase_label.setText(_("Interval timer"))
        self.tick.emit("", "")

    def update_display(self) -> IntervalState:
        state = interval_state(self._clock() - self._started, self.work.value(), self.rest.value())
        if state.phase != self._phase and self._phase and self.sound.isChecked():
            QApplication.beep()
        self._phase = state.phase
        text = clock_text(state.remaining)
        self.display.setText(text)
        word = _("Work") if state.phase == "work" else _("Rest")
        self.phase_label.setText(_("{phase}, round {n}").format(phase=word, n=state.round))
        self.display.setStyleSheet(
            "font-size: 22pt; font-weight: 700; color: %s;"
            % ("#1f6f78" if state.phase == "work" else "#8a5a00")
        )
        self.tick.emit(text, state.phase)
        return state
