"""Starting the app as a user does, and what happens when something goes wrong."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from rugschool.errors import ValidationError
from rugschool.logs import setup_logging
from rugschool.services.bundle import Services
from rugschool.ui import crash


def test_quit_after_startup_shows_the_window_and_exits_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "rugschool", "--data-dir", str(tmp_path), "--quit-after-startup"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rugschool.sqlite3").exists()
    assert "starting" in (tmp_path / "logs" / "rugschool.log").read_text(encoding="utf-8")


def test_an_unexpected_error_is_logged_and_names_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_path = setup_logging(tmp_path)
    shown: list[tuple[str, Path]] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda _p, d, p: shown.append((d, p)))
    handler = crash.CrashHandler(log_path)
    try:
        raise RuntimeError("a bug")
    except RuntimeError as error:
        handler(type(error), error, error.__traceback__)
    logging.shutdown()
    assert shown and shown[0][1] == log_path and "RuntimeError: a bug" in shown[0][0]
    assert "RuntimeError: a bug" in log_path.read_text(encoding="utf-8")


def test_a_user_error_is_a_message_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(crash, "show_user_error", lambda _p, e: messages.append(str(e)))
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *a: pytest.fail("not a crash"))
    error = ValidationError("Vul een naam in.")
    crash.CrashHandler(tmp_path / "x.log")(type(error), error, None)
    assert messages == ["Vul een naam in."]


def test_the_app_backs_up_at_start_when_due_and_at_close(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from rugschool.app import _automatic_backups
    from rugschool.config import Location
    from rugschool.ui.events import Events
    from rugschool.ui.main_window import MainWindow

    services.load_demo()
    window = MainWindow(services, Events(), tmp_path / "log.txt", tmp_path / "window.ini")
    qtbot.addWidget(window)
    location = Location(data_dir=tmp_path, database_url=services.db.url)
    back_up = _automatic_backups(services, location, window)
    back_up()
    back_up()  # not due again the same day
    folder = tmp_path / "backups"
    assert len(list(folder.glob("rugschool-*.sqlite3"))) == 1
    back_up(force=True)  # at close, always
    assert len(list(folder.glob("rugschool-*.sqlite3"))) >= 1


def _start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "rugschool", "--data-dir", str(data_dir)]
    return subprocess.run(
        [*command, "--quit-after-startup"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_a_second_app_on_the_same_data_is_told_it_is_in_use(tmp_path: Path) -> None:
    from PySide6.QtCore import QLockFile

    held = QLockFile(str(tmp_path / "rugschool.lock"))
    assert held.tryLock(100)  # this process is "the first app"
    try:
        result = _start(tmp_path)
    finally:
        held.unlock()
    assert result.returncode == 12
    assert "al open" in result.stderr and str(os.getpid()) in result.stderr


def test_a_lock_left_by_a_killed_app_is_recovered(tmp_path: Path) -> None:
    import socket

    # What a killed app leaves behind: a lock file naming a process that is gone.
    gone = 2**22 + 12345
    (tmp_path / "rugschool.lock").write_text(f"{gone}\nrugschool\n{socket.gethostname()}\n")
    result = _start(tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_app_offers_the_newest_good_backup_for_a_damaged_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from rugschool.app import offer_recovery
    from rugschool.config import Location, sqlite_url
    from rugschool.errors import DatabaseDamaged
    from rugschool.models.migrate import open_database
    from rugschool.services.backups import BackupService

    path = tmp_path / "rugschool.sqlite3"
    database = open_database(sqlite_url(path), tmp_path / "backups").database
    Services(database, tmp_path).load_demo()
    BackupService(database, tmp_path / "backups").automatic()
    database.close()
    path.write_bytes(b"\x00" * 4096)
    location = Location(data_dir=tmp_path, database_url=sqlite_url(path))
    damaged = DatabaseDamaged("kapot")
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: next(answers))
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: QMessageBox.StandardButton.Ok)
    assert not offer_recovery(damaged, location, quiet=False)  # no: nothing touched
    assert path.read_bytes() == b"\x00" * 4096
    assert offer_recovery(damaged, location, quiet=False)  # yes: the backup is back
    reopened = open_database(sqlite_url(path), tmp_path / "backups").database
    try:
        assert Services(reopened, tmp_path).participants.count() == 10
    finally:
        reopened.close()
    assert list(tmp_path.glob("rugschool.sqlite3.damaged-*"))


def test_the_integrity_check_runs_in_the_background_and_reports_a_problem(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rugschool.app import _check_in_background
    from rugschool.services import backups
    from rugschool.ui.events import Events
    from rugschool.ui.main_window import MainWindow

    services.load_demo()
    window = MainWindow(services, Events(), tmp_path / "log.txt", tmp_path / "window.ini")
    qtbot.addWidget(window)
    sound = _check_in_background(services, window)
    assert sound.result(timeout=30) == []
    monkeypatch.setattr(backups, "problems", lambda _path: ["page 7: bad"])
    _check_in_background(services, window)
    qtbot.waitUntil(lambda: "page 7" in window.statusBar().currentMessage(), timeout=5000)
