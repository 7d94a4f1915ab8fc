"""Starting the GUI: logging, crash handler, language, the database, the main window."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rugschool import APP_NAME, __version__
from rugschool.config import Location, shared_folder_kind
from rugschool.errors import DatabaseDamaged, RugschoolError
from rugschool.i18n import _
from rugschool.logs import LOG_FILE
from rugschool.models.migrate import open_database
from rugschool.paths import backup_dir, log_dir
from rugschool.services.bundle import Services
from rugschool.settings import BACKUP_EVERY_DAYS, BACKUP_FOLDER, LANGUAGE
from rugschool.ui.crash import CrashHandler
from rugschool.ui.events import Events
from rugschool.ui.main_window import MainWindow, apply_stored_style
from rugschool.ui.style import apply_style
from rugschool.ui.translation import activate_language

_log = logging.getLogger(__name__)
PAINT_TIMEOUT_MS = 30_000
WINDOW_STATE_FILE = "window.ini"


class _QuitWhenPainted(QObject):
    """For --quit-after-startup: quit once the window has been painted for the first time."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(window)
        self._app, self.painted = app, False
        window.installEventFilter(self)
        QTimer.singleShot(PAINT_TIMEOUT_MS, self._give_up)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._app.quit)
        return False

    def _give_up(self) -> None:
        if not self.painted:
            print("rugschool: the main window was not painted in time", file=sys.stderr)
            self._app.exit(1)


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    apply_style(app)
    return app


def _install_programmes(services: Services) -> str | None:
    """The default programme on first start, and rolling groups planned ahead; a broken
    content file is reported, not fatal. A group taken along is left as it was taken: its
    schedule is the practice's to plan, or it would come back as changes nobody made."""
    try:
        services.install_programmes()
        if not services.taken_along:
            services.schedule.extend_all_rolling(dt.date.today())
    except RugschoolError as error:
        _log.error("cannot install the default programme: %s", error)
        return str(error)
    return None


# One app per data folder: a second one would write the same database from two windows.
LOCK_FILE = "rugschool.lock"
LOCK_WAIT_MS = 500
EXIT_IN_USE = 12


def offer_recovery(damaged: DatabaseDamaged, location: Location, *, quiet: bool) -> bool:
    """A damaged database: offer the newest good backup. On yes the damaged file is moved
    aside (never deleted) and the backup put in its place; on no, or without a good
    backup, nothing is touched and the app does not start."""
    from rugschool.models.migrate import sqlite_path
    from rugschool.services.backups import newest_good_backup, recover_from_backup

    path = sqlite_path(location.database_url)
    backup = newest_good_backup(backup_dir(location.data_dir)) if path else None
    if path is None or backup is None or quiet:
        return False
    made = dt.datetime.fromtimestamp(backup.stat().st_mtime)
    answer = QMessageBox.question(
        None,
        _("The database is damaged"),
        _(
            "{problem}\n\nRestore the newest good backup, of {when}? The damaged file is "
            "kept beside it, not deleted. What was entered after that backup is not in it."
        ).format(problem=damaged, when=made.strftime("%d-%m-%Y %H:%M")),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    aside = recover_from_backup(path, backup)
    QMessageBox.information(
        None,
        APP_NAME,
        _("The backup is back in place. The damaged database is kept as {path}.").format(
            path=aside
        ),
    )
    return True


def _in_use(lock: QLockFile, location: Location, quiet: bool) -> int:
    """Says that the data is already open elsewhere (with which process, when known)."""
    info = lock.getLockInfo()  # (pid, host, application) in PySide6
    pid = info[0] if isinstance(info, tuple) and info else None
    text = _("Rugschool is already open with this data ({path}). Use that window.").format(
        path=location.data_dir
    )
    if pid:
        text += " " + _("(process {pid})").format(pid=pid)
    _log.warning("data in use: %s", text)
    if quiet:
        print(f"rugschool: {text}", file=sys.stderr)
    else:
        QMessageBox.information(None, APP_NAME, text)
    return EXIT_IN_USE


# The automatic backup waits until the window is shown and the therapist can start.
CHECK_POLL_MS = 250
BACKUP_DELAY_MS = 3000


def _automatic_backups(
    services: Services, location: Location, window: MainWindow
) -> Callable[..., None]:
    """A backup at start when the newest is older than the practice's interval (a day by
    default), and one at close; each also copied to a second folder when one is set. A
    backup that fails says so in the status bar; it never stops the app."""

    def back_up(*, force: bool = False) -> None:
        if not services.db.is_sqlite:
            return  # clinic mode: the server's backups
        from rugschool.services.backups import BackupService

        every, second = (
            services.settings.get(BACKUP_EVERY_DAYS),
            services.settings.get(BACKUP_FOLDER),
        )
        try:
            made = BackupService(services.db, backup_dir(location.data_dir)).automatic(
                force=force, every_days=every, copy_to=Path(second) if second else None
            )
        except RugschoolError as error:
            _log.warning("automatic backup failed: %s", error)
            if not force:
                window.show_message(str(error), timeout_ms=0)
            return
        if made is not None:
            _log.info("automatic backup %s", made.name)  # the backup checked the data
        elif not force:
            _check_in_background(services, window)

    return back_up


def _check_in_background(services: Services, window: MainWindow) -> Future[list[str]]:
    """The full integrity check, away from the screen: on a large database it takes a
    while, and the therapist can work meanwhile. A problem is shown and stays shown."""
    from rugschool.services.backups import problems

    path = services.backups().path
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="integrity")
    future = pool.submit(problems, path)
    pool.shutdown(wait=False)

    def report() -> None:
        if not future.done():
            QTimer.singleShot(CHECK_POLL_MS, report)
            return
        found = future.result()
        if found:
            _log.error("integrity check: %s", found)
            window.show_message(
                _(
                    "The database check found a problem ({problem}). Make a backup now and "
                    "contact your administrator; the log has the details."
                ).format(problem=found[0]),
                timeout_ms=0,
            )

    QTimer.singleShot(CHECK_POLL_MS, report)
    return future


def run_gui(location: Location, *, quit_after_startup: bool = False) -> int:
    app = make_application()
    log_path = log_dir(location.data_dir) / LOG_FILE
    CrashHandler(log_path).install()
    _log.info("Rugschool %s starting on %s", __version__, location.data_dir)
    lock = QLockFile(str(location.data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)  # never stale by age; a lock whose process is gone is stale
    if not lock.tryLock(LOCK_WAIT_MS):
        return _in_use(lock, location, quit_after_startup)
    try:
        try:
            opened = open_database(location.database_url, backup_dir(location.data_dir))
        except DatabaseDamaged as damaged:
            if not offer_recovery(damaged, location, quiet=quit_after_startup):
                raise
            opened = open_database(location.database_url, backup_dir(location.data_dir))
    except RugschoolError as error:
        _log.warning("cannot open the database: %s", error)
        if not quit_after_startup:
            QMessageBox.critical(None, _("Rugschool cannot start"), str(error))
        else:
            print(f"rugschool: {error}", file=sys.stderr)
        return error.exit_code
    services = Services(opened.database, location.data_dir)
    activate_language(app, services.settings.get(LANGUAGE))
    apply_stored_style(services)  # large text and high contrast, as the practice chose
    problem = _install_programmes(services)
    window = MainWindow(services, Events(), log_path, location.data_dir / WINDOW_STATE_FILE)
    if problem:
        window.show_message(problem, timeout_ms=0)
    if opened.upgraded_from:
        window.show_message(
            _("The database was upgraded; a copy of the old one is in {path}.").format(
                path=Path(opened.backup or "").parent
            )
        )
    shared = shared_folder_kind(location.data_dir) if services.db.is_sqlite else None
    if shared is not None:
        window.show_message(
            _(
                "The data folder {path} is in a synced or network folder. SQLite is not safe "
                "there: move it to this computer's own disk, or share through clinic mode."
            ).format(path=location.data_dir),
            timeout_ms=0,
        )
    watcher = _QuitWhenPainted(app, window) if quit_after_startup else None
    if not quit_after_startup:
        backups = _automatic_backups(services, location, window)
        app.aboutToQuit.connect(lambda: backups(force=True))
        QTimer.singleShot(BACKUP_DELAY_MS, backups)  # after the window is up: start stays quick
    window.show()
    if any(row.has_secret for row in services.therapists.rows(active_only=True)):
        window.app_lock.lock()  # profiles with a password: who works here says so first
    # Everything made so far (modules, the mapped classes, the window) lives as long as the
    # app. Freezing it keeps it out of every later garbage collection: shorter GC pauses
    # while recording, and a quicker exit.
    gc.freeze()
    try:
        code = app.exec()
    finally:
        services.close()
    if watcher is not None and not watcher.painted:
        return 1
    return code
