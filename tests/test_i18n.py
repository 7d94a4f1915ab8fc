"""One translation mechanism; Dutch complete and the default, English selectable."""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import rugschool
from rugschool.i18n import DEFAULT_LANGUAGE, _, current_language, ngettext, set_language
from rugschool.paths import resource_path

PACKAGE = Path(rugschool.__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _source_messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), keywords=KEYWORDS
    ):
        key = message[0] if isinstance(message, tuple) else message
        found[key] = f"{filename}:{lineno}"
    return found


def _dutch_catalogue():  # type: ignore[no-untyped-def]
    with resource_path("locale", "nl", "LC_MESSAGES", "rugschool.po").open("rb") as f:
        return read_po(f, locale="nl")


def test_every_user_visible_string_has_a_dutch_translation() -> None:
    catalogue = _dutch_catalogue()
    missing = []
    for message, where in _source_messages().items():
        entry = catalogue.get(message)
        strings = entry.string if entry else None
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(f"{where}: {message!r}")
    assert not missing, "No Dutch translation for:\n" + "\n".join(missing)


def test_translations_keep_every_placeholder() -> None:
    for entry in _dutch_catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, entry.id


def test_dutch_is_the_default_and_english_selectable() -> None:
    assert DEFAULT_LANGUAGE == "nl"
    assert current_language() == "nl"
    assert _("Participants") == "Deelnemers"
    assert ngettext("{n} group", "{n} groups", 2).format(n=2) == "2 groepen"
    assert set_language("en") == "en"
    assert _("Participants") == "Participants"
    assert set_language("nl") == "nl"


def test_no_translation_call_hides_inside_an_f_string() -> None:
    """Babel's extractor does not look inside f-strings (on Python 3.11 an f-string is one
    token): `f"{_('Done')}"` would never reach the catalogue and stay English."""
    hidden = []
    for path in Path(rugschool.__file__).parent.rglob("*.py"):
        with path.open("rb") as source:
            for token in tokenize.tokenize(source.readline):
                prefix = re.match(r"[a-zA-Z]*", token.string)
                is_f = token.type == tokenize.STRING and "f" in prefix.group().lower()  # type: ignore[union-attr]
                if is_f and re.search(r"(?<![\w.])(_|ngettext)\(\s*['\"]", token.string):
                    hidden.append(f"{path.name}:{token.start[0]}")
    assert hidden == []


def test_no_message_reads_as_a_printf_placeholder() -> None:
    """ "Score as % of" looks like a printf placeholder to gettext tools: the catalogue then
    refuses to compile. Write "percent" or use a {placeholder}."""
    with (Path(resource_path("locale")) / "nl" / "LC_MESSAGES" / "rugschool.po").open("rb") as f:
        catalogue = read_po(f)
    flagged = [str(m.id) for m in catalogue if m.id and "python-format" in m.flags]
    assert flagged == []
