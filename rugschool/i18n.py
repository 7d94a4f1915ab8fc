"""One translation mechanism for the whole app: gettext catalogues, kept with Babel.

Source strings are English. Dutch is the default and complete (a test checks every string).
`_()` looks up the language that is active at the moment it is called, so a service or a PDF
made after a language switch speaks the new language. Qt's own dialogs get Qt's shipped
catalogue, installed by the UI.

Mark a string that must be translated later (a constant, a table of labels) with `N_()` and
translate it with `_()` where it is shown.
"""

from __future__ import annotations

import contextlib
import gettext
import logging
from collections.abc import Iterator

from rugschool.paths import resource_path

DOMAIN = "rugschool"
DEFAULT_LANGUAGE = "nl"
LANGUAGES: dict[str, str] = {"nl": "Nederlands", "en": "English"}

_log = logging.getLogger(__name__)
_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> str:
    return str(resource_path("locale"))


def set_language(code: str) -> str:
    """Activate a language; returns the one now active (English when a catalogue is missing)."""
    global _translations, _language
    if code not in LANGUAGES:
        _log.warning("unknown language %r; using %s", code, DEFAULT_LANGUAGE)
        code = DEFAULT_LANGUAGE
    if code == "en":
        _translations, _language = gettext.NullTranslations(), "en"
        return _language
    try:
        _translations = gettext.translation(DOMAIN, localedir=locale_dir(), languages=[code])
        _language = code
    except FileNotFoundError:
        # A packaging fault, not a user error: the compiled catalogue is missing.
        _log.error("no compiled %s catalogue in %s; falling back to English", code, locale_dir())
        _translations, _language = gettext.NullTranslations(), "en"
    return _language


def current_language() -> str:
    return _language


@contextlib.contextmanager
def language(code: str) -> Iterator[str]:
    """Speak `code` for a while (a participant's handout in their own language), then
    return to the language that was active. Not for use across threads."""
    before = _language
    active = set_language(code)
    try:
        yield active
    finally:
        if _language != before:
            set_language(before)


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


set_language(DEFAULT_LANGUAGE)
