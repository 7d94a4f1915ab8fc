"""The help panel (F1): every key of the main window and of the session runners, in a window
of its own that stays open beside the work.

The list is made from the keys themselves: the main window's menu actions and shortcuts as
they are defined now, and the runners' key tables that their shortcuts are built from, so it
cannot fall behind the app."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from rugschool.i18n import _
from rugschool.ui.widgets import hint, named

NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class KeyRow:
    keys: str  # as shown, in the system's words ("Ctrl+1")
    description: str


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[KeyRow, ...]


ARROWS = {"Left": "←", "Right": "→", "Up": "↑", "Down": "↓"}


def key_text(key: QKeySequence | QKeySequence.StandardKey | Qt.Key | str) -> str:
    """A key as the system names it; the arrow keys as arrows."""
    sequence = key if isinstance(key, QKeySequence) else QKeySequence(key)
    portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return ARROWS.get(portable) or sequence.toString(NATIVE)


def _plain(text: str) -> str:
    """A menu text without its mnemonic and its dots ("&Back up now…" -> "Back up now")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _merged(rows: Iterable[KeyRow]) -> tuple[KeyRow, ...]:
    """One row per description, its keys side by side ("→ / Page Down / Space")."""
    keys: dict[str, list[str]] = {}
    for row in rows:
        shown = keys.setdefault(row.description, [])
        if row.keys and row.keys not in shown:
            shown.append(row.keys)
    return tuple(KeyRow(" / ".join(k), d) for d, k in keys.items() if k)


def menu_rows(menu: QMenu, path: str = "") -> list[KeyRow]:
    rows: list[KeyRow] = []
    where = f"{path} → {_plain(menu.title())}" if path else _plain(menu.title())
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows += menu_rows(submenu, where)
        elif not action.isSeparator() and not action.shortcut().isEmpty():
            rows.append(KeyRow(key_text(action.shortcut()), f"{where} → {_plain(action.text())}"))
    return rows


def window_rows(window: QWidget) -> tuple[KeyRow, ...]:
    """The keys of a window as they are defined now: its menus' actions, its own actions and
    every shortcut that says what it does (its What's This text)."""
    rows: list[KeyRow] = []
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                rows += menu_rows(menu)
    for action in window.actions():
        if not action.shortcut().isEmpty() and action.text():
            rows.append(KeyRow(key_text(action.shortcut()), _plain(action.text())))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            rows.append(KeyRow(key_text(shortcut.key()), shortcut.whatsThis()))
    return _merged(rows)


def table_rows(table: Sequence[tuple[object, ...]]) -> tuple[KeyRow, ...]:
    """A key table (key or keys first, then the untranslated description)."""
    rows = []
    for entry in table:
        keys, description = entry[0], entry[1]
        many = keys if isinstance(keys, tuple) else (keys,)
        texts = [key_text(k) for k in many]
        # A run of ten digits reads better as "0 … 9".
        shown = f"{texts[0]} … {texts[-1]}" if len(texts) > 4 else " / ".join(texts)
        rows.append(KeyRow(shown, _(str(description))))
    return _merged(rows)


def runner_sections() -> list[Section]:
    # Imported here: the runners are not needed until a session (or this panel) opens.
    from rugschool.ui.education_runner import RUNNER_KEYS
    from rugschool.ui.exercise_grid import GRID_KEYS
    from rugschool.ui.exercise_runner import EXERCISE_KEYS
    from rugschool.ui.presenter import PRESENTER_KEYS
    from rugschool.ui.session_window import SESSION_KEYS

    return [
        Section(_("Exercise session: the grid"), table_rows(GRID_KEYS)),
        Section(_("Exercise session"), table_rows(EXERCISE_KEYS)),
        Section(_("Education session"), table_rows(RUNNER_KEYS)),
        Section(_("Session window"), table_rows(SESSION_KEYS)),
        Section(_("Presenter screen"), table_rows(PRESENTER_KEYS)),
    ]


def main_window(near: QWidget | None) -> QMainWindow | None:
    """The main window whose keys to list: the one the panel was opened from, else the
    main window that is showing."""
    window = near.window() if near is not None else None
    if isinstance(window, QMainWindow):
        return window
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


def help_sections(near: QWidget | None = None) -> list[Section]:
    window = main_window(near)
    sections = []
    if window is not None:
        sections.append(Section(_("Main window"), window_rows(window)))
    return sections + runner_sections()


class HelpPanel(QWidget):
    """Not modal: it stays open beside the main window or a session window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.resize(880, 720)
        self.tree = named(QTreeWidget(), "helpKeys")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Key"), _("What it does")])
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped, never cut off
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        close = QPushButton(_("Close"))
        close.setToolTip(_("Close the help (Esc)"))
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel(_("Keyboard shortcuts")), "pageTitle"))
        layout.addWidget(
            hint(
                _(
                    "Everything can be done with the keyboard: Tab moves to the next field or "
                    "button, Shift+Tab back, Space or Enter presses a button, the arrow keys "
                    "move in lists and tables. The focused control has a thick outline."
                )
            )
        )
        layout.addWidget(self.tree, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.sections: list[Section] = []
        self.refresh()

    def refresh(self) -> None:
        self.sections = help_sections(self.parentWidget())
        self.tree.clear()
        for section in self.sections:
            heading = QTreeWidgetItem([section.title])
            heading.setFirstColumnSpanned(True)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.tree.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            for row in section.rows:
                QTreeWidgetItem(heading, [row.keys, row.description])
        self.tree.expandAll()

    def rows(self, title: str) -> tuple[KeyRow, ...]:
        return next((s.rows for s in self.sections if s.title == title), ())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


_panel: list[HelpPanel] = []  # one panel for the whole app, kept while it lives


def show_help(parent: QWidget | None = None) -> HelpPanel:
    """Open the help panel beside `parent`'s window, or bring it forward with the keys as
    they are now."""
    owner = parent.window() if parent is not None else None
    panel = _panel[0] if _panel and isValid(_panel[0]) else None
    if panel is not None and panel.parentWidget() is not owner:
        panel.close()  # open beside another window: one panel at a time
        panel = None
    if panel is None:
        _panel.clear()
        panel = HelpPanel(owner)
        panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _panel.append(panel)
        panel.show()
    else:
        panel.refresh()
        panel.show()
        panel.raise_()  # already open: to the front
        panel.activateWindow()
    return panel
