"""`rugschool --self-test`: does this installation work?

Offscreen and in a temporary folder, so it touches no practice data and needs no display:
the resources are there, a new database is made, the migration scripts run from nothing,
the demo loads, a handout PDF is written and its text read back, the main window is built
and a chart drawn. One line per step; exit 0, or 1 with the reason. `.ci/run` runs it in
the PyInstaller bundle, so a file the bundle lacks shows up there and not at a practice.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rugschool import APP_NAME, __version__, paths
from rugschool.errors import RugschoolError
from rugschool.i18n import _, language, ngettext

if TYPE_CHECKING:
    from rugschool.models import Database
    from rugschool.services.bundle import Services

EXIT_FAILED = 1

# What a working installation cannot do without, relative to the resources folder.
REQUIRED_RESOURCES = (
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "icons/rugschool.svg",
    "locale/nl/LC_MESSAGES/rugschool.mo",
    "programme",
    "pictures",
)


class SelfTestFailed(Exception):
    """A step found something wrong; the message says what, in the user's language."""


@dataclass
class _Run:
    """What the steps hand on to each other."""

    folder: Path
    db: Database | None = None
    services: Services | None = None
    group_id: int = 0
    participant_id: int = 0
    closers: list[Callable[[], object]] = field(default_factory=list)

    def need_services(self) -> Services:
        if self.services is None:
            raise SelfTestFailed(_("There is no database to work with."))
        return self.services


# ------------------------------------------------------------------ the steps


def _check_resources(_run: _Run) -> str:
    folder = paths.resources_dir()
    if not folder.is_dir():
        raise SelfTestFailed(_("The resources folder {path} is missing.").format(path=folder))
    missing = [name for name in REQUIRED_RESOURCES if not (folder / name).exists()]
    if missing:
        raise SelfTestFailed(
            _("Missing in {path}: {names}.").format(path=folder, names=", ".join(missing))
        )
    return str(folder)


def _check_translations(_run: _Run) -> str:
    with language("nl") as active:
        if active != "nl":
            raise SelfTestFailed(_("The Dutch catalogue cannot be read."))
    from PySide6.QtCore import QLibraryInfo, QTranslator

    # The same places the app looks (rugschool.ui.translation): the bundle's, then Qt's own.
    folders = [
        str(paths.resource_path("qt_translations")),
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ]
    if not any(QTranslator().load("qtbase_nl", folder) for folder in folders):
        raise SelfTestFailed(_("Qt's Dutch catalogue (qtbase_nl) is missing."))
    return _("Dutch, and Qt's Dutch")


def _create_database(run: _Run) -> str:
    from rugschool.config import sqlite_url
    from rugschool.models.migrate import HEAD_REVISION, open_database, read_revision
    from rugschool.services.bundle import Services

    url = sqlite_url(run.folder / "rugschool.sqlite3")
    opened = open_database(url, run.folder / "backups")
    run.db = opened.database
    run.services = Services(opened.database, run.folder)
    run.closers.append(run.services.close)
    revision = read_revision(url)
    if not opened.created or revision != HEAD_REVISION:
        raise SelfTestFailed(
            _("The new database is at {revision}, not at {head}.").format(
                revision=revision, head=HEAD_REVISION
            )
        )
    return HEAD_REVISION


def _run_migrations(run: _Run) -> str:
    """Every migration script from an empty file: proves the scripts are in the bundle."""
    from rugschool.config import sqlite_url
    from rugschool.models.migrate import HEAD_REVISION, known_revisions, read_revision, upgrade

    url = sqlite_url(run.folder / "migrated.sqlite3")
    upgrade(url)
    revision = read_revision(url)
    if revision != HEAD_REVISION:
        raise SelfTestFailed(
            _("The migrations ended at {revision}, not at {head}.").format(
                revision=revision, head=HEAD_REVISION
            )
        )
    scripts = len(known_revisions())
    return ngettext("{n} script, up to {head}", "{n} scripts, up to {head}", scripts).format(
        n=scripts, head=HEAD_REVISION
    )


def _load_demo(run: _Run) -> str:
    services = run.need_services()
    result = services.load_demo()
    groups = services.groups.rows()
    if not result.created or not groups:
        raise SelfTestFailed(_("The demo did not load."))
    run.group_id = groups[0].id
    people = [e for e in services.groups.enrollments(run.group_id) if e.status == "active"]
    if not people:
        raise SelfTestFailed(_("The demo group has no active participants."))
    run.participant_id = people[0].participant_id
    return ngettext("{n} participant", "{n} participants", result.participants).format(
        n=result.participants
    )


def _export_handout(run: _Run) -> str:
    from pypdf import PdfReader

    from rugschool.export.documents import Documents

    services = run.need_services()
    path = run.folder / "handout.pdf"
    Documents(services).handout(run.participant_id, run.group_id).write(path)
    name = services.participants.get(run.participant_id).data.last_name
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    if name not in text:
        raise SelfTestFailed(_("The handout PDF does not show the name {name}.").format(name=name))
    pages = len(reader.pages)
    return ngettext("{n} page, {size} KB", "{n} pages, {size} KB", pages).format(
        n=pages, size=round(path.stat().st_size / 1024)
    )


def _delete_now() -> None:
    """Carries out pending deleteLater() calls now (processEvents() alone does not)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _build_main_window(run: _Run) -> str:
    from rugschool.app import make_application
    from rugschool.logs import LOG_FILE
    from rugschool.ui.events import Events
    from rugschool.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(run.need_services(), Events(), run.folder / "logs" / LOG_FILE)
    window.show()
    app.processEvents()
    shown = window.isVisible()
    window.close()
    window.deleteLater()
    _delete_now()  # its timers (the idle lock) must not outlive the temporary folder
    if not shown:
        raise SelfTestFailed(_("The main window was not shown."))
    return app.platformName()


def _draw_chart(run: _Run) -> str:
    from rugschool.ui import charts  # numpy and pyqtgraph: only loaded for the charts

    services = run.need_services()
    progress = services.participant_progress(run.participant_id, run.group_id)
    chart = charts.level_chart(progress.levels)
    chart.resize(400, 300)
    chart.grab()
    chart.deleteLater()
    _delete_now()
    drawn = len(progress.levels)  # a line per exercise
    return ngettext("{n} exercise drawn", "{n} exercises drawn", drawn).format(n=drawn)


def _steps() -> list[tuple[str, Callable[[_Run], str]]]:
    return [
        (_("resources"), _check_resources),
        (_("translations"), _check_translations),
        (_("new database"), _create_database),
        (_("migrations"), _run_migrations),
        (_("demo"), _load_demo),
        (_("handout PDF"), _export_handout),
        (_("main window"), _build_main_window),
        (_("chart"), _draw_chart),
    ]


# ------------------------------------------------------------------ running


@contextmanager
def _workspace() -> Iterator[_Run]:
    with tempfile.TemporaryDirectory(prefix="rugschool-self-test-") as folder:
        run = _Run(Path(folder))
        try:
            yield run
        finally:
            for close in reversed(run.closers):
                close()


def run_self_test(out: Callable[[str], object] = print) -> int:
    """Run every step; 0 when all pass, EXIT_FAILED at the first that does not."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything loads Qt
    out(_("{app} {version}: self-test").format(app=APP_NAME, version=__version__))
    started = time.perf_counter()
    with _workspace() as run:
        for name, step in _steps():
            begun = time.perf_counter()
            try:
                detail = step(run)
            except (SelfTestFailed, RugschoolError) as error:
                return _failed(out, name, str(error))
            except Exception as error:  # a bug, or a file the bundle lacks: say which
                traceback.print_exc(file=sys.stderr)
                return _failed(out, name, f"{type(error).__name__}: {error}")
            out(f"ok      {name}: {detail} ({time.perf_counter() - begun:.1f} s)")
    out(_("Self-test passed in {seconds:.1f} s.").format(seconds=time.perf_counter() - started))
    return 0


def _failed(out: Callable[[str], object], name: str, reason: str) -> int:
    out(f"FAILED  {name}: {reason}")
    out(_("Self-test failed."))
    return EXIT_FAILED
