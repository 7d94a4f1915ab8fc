"""Small helpers every self-management tab uses, above all `run`: store, show a user error
in the tab's message label, and let the window's charts follow."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from rugschool.errors import RugschoolError, ValidationError
from rugschool.i18n import N_, _
from rugschool.ui.style import current_theme
from rugschool.ui.widgets import named

if TYPE_CHECKING:
    from rugschool.ui.progress_window import ProgressWindow

W = TypeVar("W", bound=QWidget)
S = TypeVar("S", QSpinBox, QDoubleSpinBox)

UNIT_NAMES = {"minutes": N_("minutes"), "metres": N_("metres"), "repetitions": N_("repetitions")}
TOO_FEW_COLOUR = "#fde2e1"
RULE_TIP = N_(
    "Graded activity: measure what the person can do now three times and take the mean "
    "(the baseline). Start 25 percent below it (20 to 30 is advised) and add the same step "
    "each week up to the goal, at least three times a week. Keep to the agreed amount on "
    "good and bad days alike: not less on a bad day, not more on a good one."
)


# ------------------------------------------------------------------ shared by the tabs


def message_label() -> QLabel:
    """Where a tab says what went wrong, in the user's language."""
    label = named(QLabel(), "formMessage")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {current_theme().error};")
    return label


def hint_label(text: str = "", name: str = "hint") -> QLabel:
    label = named(QLabel(text), name)
    label.setWordWrap(True)
    return label


def run(window: ProgressWindow, message: QLabel, operation: Callable[[], Any]) -> bool:
    """Store at once; a user error goes to `message` and nothing is stored (each service
    call is one transaction). After storing, the window's charts follow."""
    try:
        operation()
    except RugschoolError as error:
        message.setText(str(error))
        return False
    message.clear()
    window.refresh()
    return True


def labelled(widget: W, name: str, tip: str = "") -> W:
    """An accessible name for screen readers, and a tooltip that explains."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip or name)
    return widget


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def table(columns: Sequence[str], name: str, tip: str) -> QTableWidget:
    """A table that Tab leaves (the arrows move within it)."""
    widget = labelled(QTableWidget(0, len(columns)), name, tip)
    widget.setHorizontalHeaderLabels(list(columns))
    widget.setTabKeyNavigation(False)
    widget.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    widget.verticalHeader().hide()
    widget.horizontalHeader().setStretchLastSection(True)
    return widget


def unit_name(unit: str) -> str:
    return _(UNIT_NAMES.get(unit, unit))


def parse_amount(text: str, field: str) -> float:
    """A number as a person types it: 22,5 or 22.5."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValidationError(_("Enter a number for {field}, such as 22.5.").format(field=field))
    return value


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    return edit


def spin(box: S, low: Any, high: Any, value: Any) -> S:
    box.setRange(low, high)
    box.setValue(value)
    return box


# ------------------------------------------------------------------ the plan form
