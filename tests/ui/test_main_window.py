"""The main window: every screen visited, the welcome offer, shortcuts, language switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from rugschool.i18n import current_language
from rugschool.services.bundle import Services
from rugschool.settings import LANGUAGE, WELCOME_DISMISSED
from rugschool.ui.groups_screen import GroupsScreen
from rugschool.ui.list_screen import ListScreen
from rugschool.ui.main_window import PAGES, MainWindow
from rugschool.ui.settings_screen import SettingsScreen
from rugschool.ui.translation import activate_language
from rugschool.ui.welcome_banner import WelcomeBanner


def test_every_screen_can_be_visited(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window()
    nav = window.findChild(QListWidget, "navigation")
    assert nav is not None
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Vandaag",
        "Deelnemers",
        "Groepen",
        "Programma",
        "Instellingen",
    ]
    for row, page in enumerate(PAGES):
        rect = nav.visualItemRect(nav.item(row))
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_page() == page.key
        assert window.stack.currentWidget() is window.page_widget(page.key)
        assert window.page_widget(page.key).isVisible()


def test_keyboard_shortcuts_switch_screens(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    for number, page in enumerate(PAGES, 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() == page.key
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "settings"


def test_an_empty_database_offers_the_demo_and_loads_it(  # type: ignore[no-untyped-def]
    make_window, services: Services, qtbot: QtBot
) -> None:
    window: MainWindow = make_window()
    banner = window.banner
    assert banner is not None and banner.isVisible()
    participants = window.page_widget("participants")
    assert isinstance(participants, ListScreen)
    assert participants.body.currentWidget() is participants.empty_label

    qtbot.mouseClick(banner.demo_button, Qt.MouseButton.LeftButton)

    assert services.participants.count() == 10  # stored, not only shown
    assert window.banner is None
    assert participants.model.rowCount() == 10
    assert participants.body.currentWidget() is participants.table
    assert not window.load_demo_action.isEnabled()
    groups = window.page_widget("groups")
    assert isinstance(groups, GroupsScreen) and groups.model.rowCount() == 1
    assert "10 deelnemers" in window.statusBar().currentMessage()


def test_start_empty_is_remembered(make_window, services: Services, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window()
    assert window.banner is not None
    qtbot.mouseClick(window.banner.empty_button, Qt.MouseButton.LeftButton)
    assert services.settings.get(WELCOME_DISMISSED) is True
    assert services.participants.count() == 0
    assert make_window().banner is None


def test_a_database_with_data_shows_no_offer(make_window, services: Services) -> None:  # type: ignore[no-untyped-def]
    services.load_demo()
    window: MainWindow = make_window()
    assert window.banner is None
    assert not window.findChildren(WelcomeBanner)


def test_search_filters_the_participants(make_window, services: Services, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    services.load_demo()
    screen = make_window().page_widget("participants")
    assert isinstance(screen, ListScreen)
    qtbot.keyClicks(screen.search, "pieter")
    names = [screen.proxy.index(r, 0).data() for r in range(screen.proxy.rowCount())]
    assert names == ["Peeters, Pieter"]


def test_switching_to_english_rebuilds_the_window(  # type: ignore[no-untyped-def]
    make_window, services: Services, qtbot: QtBot
) -> None:
    window: MainWindow = make_window()
    window.show_page("settings")
    settings = window.page_widget("settings")
    assert isinstance(settings, SettingsScreen)
    settings.language_combo.setCurrentIndex(settings.language_combo.findData("en"))

    assert services.settings.get(LANGUAGE) == "en"
    nav = window.navigation
    qtbot.waitUntil(lambda: window.navigation is not nav)
    texts = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert texts == ["Today", "Participants", "Groups", "Programme", "Settings"]
    assert current_language() == "en"
    assert window.current_page() == "settings"  # the user stays where they were
    assert QApplication.translate("QDialogButtonBox", "Cancel") == "Cancel"


def test_the_window_comes_back_where_it_was_left(make_window) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window()
    window.resize(900, 650)  # within the offscreen screen, which restoreGeometry clamps to
    window.close()
    again: MainWindow = make_window()
    assert (again.width(), again.height()) == (900, 650)  # not the default 1280 x 760


def test_qt_dialogs_speak_the_chosen_language(qapp: QApplication) -> None:
    assert activate_language(qapp, "nl") == "nl"
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    assert activate_language(qapp, "en") == "en"
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
