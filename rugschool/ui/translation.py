"""Switching language in a running app: our gettext catalogue and Qt's own (for the texts
of Qt's standard dialogs and buttons)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from rugschool.i18n import set_language
from rugschool.paths import resource_path

_log = logging.getLogger(__name__)
_qt_translator: QTranslator | None = None


def _qt_catalogue_dirs() -> list[str]:
    # A bundle carries Qt's catalogues in resources/; a development install has Qt's own.
    return [
        str(resource_path("qt_translations")),
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ]


def activate_language(app: QApplication, code: str) -> str:
    """Make `code` the language of the app; returns the language now active."""
    global _qt_translator
    active = set_language(code)
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    QLocale.setDefault(
        QLocale(QLocale.Language.Dutch if active == "nl" else QLocale.Language.English)
    )
    if active == "en":
        return active
    translator = QTranslator(app)
    for directory in _qt_catalogue_dirs():
        if translator.load(f"qtbase_{active}", directory):
            app.installTranslator(translator)
            _qt_translator = translator
            break
    else:
        _log.warning("Qt's %s catalogue was not found; Qt's dialogs stay English", active)
    return active
