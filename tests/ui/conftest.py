from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from rugschool.app import make_application
from rugschool.services.bundle import Services
from rugschool.ui.events import Events
from rugschool.ui.main_window import MainWindow


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def make_window(qtbot: QtBot, services: Services, events: Events, tmp_path: Path):  # type: ignore[no-untyped-def]
    make_application()  # the real style and icon, on pytest-qt's QApplication

    def make() -> MainWindow:
        window = MainWindow(
            services, events, tmp_path / "logs" / "rugschool.log", tmp_path / "window.ini"
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
