"""Small helpers for building widgets in code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

from rugschool.errors import RugschoolError
from rugschool.services.versions import ChangedMeanwhile

W = TypeVar("W", bound=QObject)
# The object name of a session's own window: the idle lock looks for it (no lock while a
# session runs) without importing the session window at start-up.
SESSION_WINDOW = "sessionWindow"


def named(widget: W, name: str) -> W:
    """Give a widget an object name (what the style sheet and the tests find it by)."""
    widget.setObjectName(name)
    return widget


def hint(text: str) -> QLabel:
    """A short explanation under a setting or a form, in the quieter hint style."""
    label = named(QLabel(text), "hint")
    label.setWordWrap(True)
    return label


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while the block runs (work of a second or more)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def make_table(model: QAbstractItemModel, *, fit_columns: bool = True) -> QTableView:
    """A read-only table of whole rows, one selected at a time, in the house look
    (`fit_columns`: see house_table)."""
    table = house_table(QTableView(), fit_columns=fit_columns)
    table.setModel(model)
    return table


T = TypeVar("T", bound=QTableView)
FIT_SAMPLE_ROWS = 100


def house_table(table: T, *, fit_columns: bool = True) -> T:
    """Read-only, whole rows, one at a time, no grid, headers to the left (also for a
    QTableWidget). The columns fit their contents, measured again whenever the rows change:
    Qt reads up to 1,000 rows for that, through the model's data() in Python. A long list
    passes fit_columns=False and sizes its columns itself (ListScreen)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    fitted = QHeaderView.ResizeMode.ResizeToContents
    header.setSectionResizeMode(fitted if fit_columns else QHeaderView.ResizeMode.Interactive)
    # Fitting reads the first rows only (Qt's own default: a thousand, each cell through
    # Python); a longer value further down is elided, and the last column stretches.
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    return table


def stored(write: Callable[[], object], report: Callable[[str], object]) -> bool:
    """Runs one write; a user's problem (disk full, read-only file, a refused value) is
    reported instead of raised, so the caller can put the screen back as it was."""
    try:
        write()
    except RugschoolError as error:
        report(str(error))
        return False
    return True


def saved_or_reloaded(
    save: Callable[[], object], reload: Callable[[], object], report: Callable[[str], object]
) -> bool:
    """Runs a form's save. A user's problem is reported; when someone else saved the record
    meanwhile, the form also reloads what is stored now (and the version to save on)."""
    try:
        save()
    except ChangedMeanwhile as error:
        report(str(error))
        stored(reload, report)
        return False
    except RugschoolError as error:
        report(str(error))
        return False
    return True
