"""The main window: navigation on the left, one screen at a time on the right, the welcome
banner on an empty database, and a status bar for short confirmations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rugschool import APP_NAME
from rugschool.errors import RugschoolError
from rugschool.i18n import _, current_language, ngettext
from rugschool.services.bundle import Services
from rugschool.settings import (
    HIGH_CONTRAST,
    IDLE_LOCK_MINUTES,
    LARGE_TEXT,
    WELCOME_DISMISSED,
)
from rugschool.ui.about_dialog import AboutDialog
from rugschool.ui.backup_actions import BackupActions
from rugschool.ui.crash import show_user_error
from rugschool.ui.events import Events
from rugschool.ui.help_panel import HelpPanel, show_help
from rugschool.ui.import_dialog import ImportDialog
from rugschool.ui.intro import IntroHost, IntroPanel
from rugschool.ui.lock import AppLock
from rugschool.ui.style import apply_style, icon, nav_icon, px
from rugschool.ui.take_along_actions import TakeAlongActions
from rugschool.ui.today_screen import TodayScreen, session_running
from rugschool.ui.translation import activate_language
from rugschool.ui.welcome_banner import WelcomeBanner
from rugschool.ui.widgets import named

STATUS_TIMEOUT_MS = 4000
STYLE_SETTINGS = (LARGE_TEXT.name, HIGH_CONTRAST.name)


def apply_stored_style(services: Services) -> None:
    """Large text and high contrast as the practice chose them (light or dark follows the
    system)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_style(
            app,
            large_text=services.settings.get(LARGE_TEXT),
            high_contrast=services.settings.get(HIGH_CONTRAST),
        )


@dataclass(frozen=True)
class Page:
    key: str
    title: Callable[[], str]
    icon: str
    shortcut: str
    make: Callable[[MainWindow], QWidget]


# Each screen is made, and its module imported, the first time its page is shown: start-up
# builds and imports only Vandaag.


def _today(window: MainWindow) -> QWidget:
    screen = TodayScreen(window.services, window.events)
    screen.message.connect(window.show_message)
    return screen


def _participants(window: MainWindow) -> QWidget:
    from rugschool.ui.participants_screen import ParticipantsScreen

    services = window.services
    screen = ParticipantsScreen(services.participants, window.events, services=services)
    screen.message.connect(window.show_message)
    screen.import_requested.connect(window.import_participants)
    return screen


def _groups(window: MainWindow) -> QWidget:
    from rugschool.ui.groups_screen import GroupsScreen

    screen = GroupsScreen(window.services, window.events)
    screen.message.connect(window.show_message)
    return screen


def _programme(window: MainWindow) -> QWidget:
    from rugschool.ui.programme_screen import ProgrammeScreen

    services = window.services
    screen = ProgrammeScreen(services.programme, services.pictures, window.events)
    screen.message.connect(window.show_message)
    return screen


def _settings(window: MainWindow) -> QWidget:
    from rugschool.ui.settings_screen import SettingsScreen

    s = window.services
    screen = SettingsScreen(
        s.settings, window.events, s.therapists, s.audit, clinic_mode=s.clinic_mode
    )
    screen.saved.connect(window.show_message)
    return screen


PAGES = (
    Page("today", lambda: _("Today"), "today", "Ctrl+1", _today),
    Page("participants", lambda: _("Participants"), "participants", "Ctrl+2", _participants),
    Page("groups", lambda: _("Groups"), "groups", "Ctrl+3", _groups),
    Page("programme", lambda: _("Programme"), "programme", "Ctrl+4", _programme),
    Page("settings", lambda: _("Settings"), "settings", "Ctrl+5", _settings),
)


class MainWindow(QMainWindow):
    def __init__(
        self, services: Services, events: Events, log_path: Path, state_file: Path | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.services, self.events, self.log_path = services, events, log_path
        self._state_file = state_file
        self.backup_actions = BackupActions(services, self)
        self.backup_actions.message.connect(self.show_message)
        self.backup_actions.restored.connect(self._after_restore)
        self.take_along_actions = TakeAlongActions(services, self)
        self.take_along_actions.message.connect(self.show_message)
        self.take_along_actions.brought_back.connect(self._after_restore)
        self.setWindowIcon(icon("rugschool"))
        self.setMinimumSize(900, 600)
        self.resize(1280, 760)
        self._restore_geometry()
        self.screens: dict[str, QWidget] = {}
        self.banner: WelcomeBanner | None = None
        self.about: AboutDialog | None = None
        # The first start's introduction (not in a group taken along); Help brings it back.
        self.intro_host = IntroHost(
            services.settings, self.show_message, first_start=not services.taken_along, parent=self
        )
        self.intro_host.closed.connect(lambda: self.navigation.setFocus())
        self._current = PAGES[0].key
        events.language_changed.connect(self._on_language_changed)
        events.settings_changed.connect(self._on_setting_changed)
        # The usual Ctrl+, for Settings too; made once, not at every rebuild of the menus.
        settings_action = self._action(_("Settings"), lambda: self.show_page("settings"), "Ctrl+,")
        self.addAction(settings_action)
        self.app_lock = AppLock(
            self._profiles,
            self._verify,
            busy=session_running,
            idle_minutes=lambda: services.settings.get(IDLE_LOCK_MINUTES),
            parent=self,
        )
        self.app_lock.unlocked.connect(self._unlocked)
        self._build()

    # -------------------------------------------------------------- building

    def _build(self) -> None:
        """(Re)build everything that carries text, in the active language."""
        self.setWindowTitle(self._title())
        self.navigation = named(QListWidget(), "navigation")
        self.navigation.setAccessibleName(_("Screens"))
        self.stack = QStackedWidget()
        self.screens = {}
        for page in PAGES:
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setToolTip(f"{page.title()} ({page.shortcut})")
            self.navigation.addItem(item)
        self._fit_navigation()
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        self.setCentralWidget(self._layout_central())
        self._build_menus()
        self._build_status_bar()
        self.show_page(self._current)

    def _layout_central(self) -> QWidget:
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.navigation)
        right = named(QWidget(), "page")
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = self._make_banner()
        if self.banner is not None:
            column.addWidget(self.banner)
        intro = self.intro_host.make()
        if intro is not None:
            column.addWidget(intro)
        column.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(right, 1)
        return central

    def _title(self) -> str:
        if self.services.taken_along:  # a group taken along: say so, it is not the practice's
            return _("{app}: group taken along ({file})").format(
                app=APP_NAME, file=Path(self.services.describe_database()).name
            )
        return APP_NAME

    def _make_banner(self) -> WelcomeBanner | None:
        if self.services.settings.get(WELCOME_DISMISSED) or not self.services.is_empty():
            return None
        banner = WelcomeBanner()
        banner.load_demo_requested.connect(self.load_demo)
        banner.start_empty_requested.connect(self.start_empty)
        return banner

    @property
    def intro(self) -> IntroPanel | None:
        return self.intro_host.panel

    def show_intro(self) -> IntroPanel:
        """Help → Introduction: the steps again, from the first."""
        column = self.stack.parentWidget()
        layout = column.layout() if column is not None else None
        assert isinstance(layout, QVBoxLayout)
        return self.intro_host.show_in(layout, self.stack)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for menu in bar.findChildren(QMenu):
            menu.deleteLater()  # clear() alone leaves the old menus behind
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        self.load_demo_action = self._action(_("Load the &demo"), self.load_demo)
        # Only into an empty database: the demo's people must never mix with real ones.
        self.load_demo_action.setEnabled(self.services.is_empty())
        file_menu.addAction(self.load_demo_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Back up now…"), self.backup_actions.back_up_now))
        file_menu.addAction(self._action(_("&Restore a backup…"), self.backup_actions.restore))
        file_menu.addSeparator()
        along = self.take_along_actions
        file_menu.addAction(self._action(_("&Take a group along…"), along.take_along))
        file_menu.addAction(self._action(_("&Open a group taken along…"), along.open_taken_along))
        file_menu.addAction(self._action(_("Bring a group &back…"), along.bring_back))
        file_menu.addSeparator()
        lock = self._action(_("&Lock"), self.app_lock.lock, "Ctrl+L")
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from every window
        file_menu.addAction(lock)
        file_menu.addAction(self._action(_("&Quit"), self.close, "Ctrl+Q"))
        go_menu = bar.addMenu(_("&Go"))
        for page in PAGES:
            go_menu.addAction(
                self._action(
                    page.title(), lambda _c=False, k=page.key: self.show_page(k), page.shortcut
                )
            )
        help_menu = bar.addMenu(_("&Help"))
        self.keys_action = self._action(_("&Keyboard shortcuts"), self.show_shortcuts, "F1")
        help_menu.addAction(self.keys_action)
        help_menu.addAction(self._action(_("&Introduction"), self.show_intro))
        help_menu.addSeparator()
        help_menu.addAction(self._action(_("Show the &log folder"), self.open_log_folder))
        help_menu.addAction(self._action(_("&About Rugschool"), self.show_about))

    def _action(self, text: str, slot: Callable[..., object], shortcut: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for child in bar.findChildren(QLabel, "databaseLabel"):
            bar.removeWidget(child)
            child.deleteLater()
        where = named(QLabel(), "databaseLabel")
        where.setText(_("Database: {where}").format(where=self.services.describe_database()))
        bar.addPermanentWidget(where)
        for child in bar.findChildren(QLabel, "profileLabel"):
            bar.removeWidget(child)
            child.deleteLater()
        self.profile_label = named(QLabel(), "profileLabel")
        bar.addPermanentWidget(self.profile_label)
        self._show_profile()

    # -------------------------------------------------------------- profiles and the lock

    def _profiles(self) -> list[tuple[int, str]]:
        """The lock screen's choice: the practice's profiles, or the app itself while there
        are none (then nothing protects it, and it opens as it is)."""
        return self.services.therapists.profiles() or [(0, _("Rugschool (no profiles yet)"))]

    def _verify(self, profile_id: int, secret: str) -> bool:
        if profile_id == 0:
            return not self.services.therapists.profiles()
        return self.services.therapists.verify(profile_id, secret)

    def _unlocked(self, profile_id: int) -> None:
        self.services.actor.therapist_id = profile_id or None
        self._show_profile()

    def _show_profile(self) -> None:
        therapist = self.services.actor.therapist_id
        name = next((n for i, n in self.services.therapists.profiles() if i == therapist), "")
        self.profile_label.setText(_("Profile: {name}").format(name=name) if name else "")

    # -------------------------------------------------------------- actions

    def show_page(self, key: str) -> None:
        keys = [page.key for page in PAGES]
        self.navigation.setCurrentRow(keys.index(key))

    def current_page(self) -> str:
        return PAGES[self.navigation.currentRow()].key

    def page_widget(self, key: str) -> QWidget:
        """The screen for a page, made the first time it is shown (start-up builds only one)."""
        if key not in self.screens:
            page = next(p for p in PAGES if p.key == key)
            screen = page.make(self)
            screen.setObjectName(f"screen_{key}")
            self.screens[key] = screen
            self.stack.addWidget(screen)
        return self.screens[key]

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._current = PAGES[row].key
        self.stack.setCurrentWidget(self.page_widget(self._current))

    def _after_restore(self) -> None:
        """Every screen shows the restored data."""
        for signal in (
            self.events.participants_changed,
            self.events.groups_changed,
            self.events.programme_changed,
        ):
            signal.emit()
        self._build_menus()

    def show_message(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        """A short message in the status bar; timeout 0 keeps it until the next one."""
        self.statusBar().showMessage(text, timeout_ms)

    def load_demo(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a few seconds' work
        self.show_message(_("Loading the demo…"), timeout_ms=0)
        QApplication.processEvents()
        try:
            result = self.services.load_demo()
        except RugschoolError as error:
            show_user_error(self, error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.load_demo_action.setEnabled(False)
        self._hide_banner()
        if not result.created:
            self.show_message(_("The demo is already there; nothing was added."))
            return
        self.events.participants_changed.emit()
        self.events.groups_changed.emit()
        self.events.programme_changed.emit()
        self.events.settings_changed.emit("")
        self.show_message(
            ngettext(
                "Demo loaded: {n} participant.",
                "Demo loaded: {n} participants.",
                result.participants,
            ).format(n=result.participants)
        )

    def import_participants(self, path: str) -> None:
        try:
            dialog = ImportDialog(self.services.importer, self._group_choices(), Path(path), self)
        except RugschoolError as error:
            show_user_error(self, error)
            return
        if dialog.exec():
            self.events.participants_changed.emit()
            self.events.groups_changed.emit()
            self.show_message(_("The participants are imported."))

    def _group_choices(self) -> list[tuple[int, str]]:
        return [(g.id, g.name) for g in self.services.groups.rows() if not g.archived]

    def start_empty(self) -> None:
        self.services.settings.set(WELCOME_DISMISSED, True)
        self._hide_banner()
        self.show_message(_("Starting empty. You can load the demo later from the File menu."))

    def _hide_banner(self) -> None:
        if self.banner is not None:
            self.banner.hide()
            self.banner.deleteLater()
            self.banner = None

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))

    def show_about(self) -> AboutDialog:
        if self.about is None:
            self.about = AboutDialog(self.services, self.log_path, self)
        if self.about.isVisible():
            self.about.raise_()  # already open: to the front
            self.about.activateWindow()
        self.about.show()
        return self.about

    def show_shortcuts(self) -> HelpPanel:
        """The help panel with every key; every screen is made first, so that the keys of
        those not yet visited are listed too."""
        for page in PAGES:
            self.page_widget(page.key)
        return show_help(self)

    # -------------------------------------------------------------- the look

    def _on_setting_changed(self, name: str) -> None:
        if name in STYLE_SETTINGS:
            apply_stored_style(self.services)  # live: every window follows at once
            self._fit_navigation()

    def _fit_navigation(self) -> None:
        """Icons and width of the navigation in the theme's colours and at the text's scale."""
        self.navigation.setIconSize(QSize(px(22), px(22)))
        self.navigation.setFixedWidth(px(190))
        for row, page in enumerate(PAGES):
            item = self.navigation.item(row)
            if item is not None:
                item.setIcon(nav_icon(page.icon))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "navigation"):
            self._fit_navigation()  # the system switched between light and dark

    # -------------------------------------------------------------- window state
    # Where the window stood belongs to this laptop, not to the database: a small INI file
    # in the data dir.

    def _window_state(self) -> QSettings | None:
        if self._state_file is None:
            return None
        return QSettings(str(self._state_file), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        state = self._window_state()
        geometry = state.value("main_window/geometry") if state else None
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        state = self._window_state()
        if state is not None:
            state.setValue("main_window/geometry", self.saveGeometry())
            state.sync()
        super().closeEvent(event)

    def _on_language_changed(self, code: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and code != current_language():
            activate_language(app, code)
        # Rebuild after the signal has returned: the settings screen that sent it goes too.
        QTimer.singleShot(0, self._build)
