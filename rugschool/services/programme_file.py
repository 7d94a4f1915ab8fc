"""Reading a programme content file (TOML) into a content tree, checking every field.

A broken file is refused with a message that names the file and the field, for example
"default.nl.toml: exercises[3].levels[2].sets: must be a whole number from 1 to 10".
The format is described in docs/PROGRAMME_FORMAT.md.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.paths import resource_path
from rugschool.services.content_tree import Node

EQUIPMENT = ("mat", "chair", "step", "ball", "band", "weights", "wall")
LANGUAGES = ("nl", "en")
# The most levels an exercise, core messages and education sessions a programme may have.
MAX_LEVELS = 20
MAX_MESSAGES = 50
MAX_SESSIONS = 20


class ContentError(RugschoolError):
    """A programme content file that cannot be used as it is."""

    exit_code = 6

    def __init__(self, file: str, where: str, problem: str) -> None:
        super().__init__(f"{file}: {where}: {problem}" if where else f"{file}: {problem}")
        self.file, self.where, self.problem = file, where, problem


def tidy(text: str) -> str:
    """Whitespace folded within paragraphs; a blank line separates paragraphs."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def default_programme_file(language: str) -> Path:
    return resource_path("programme", f"default.{language}.toml")


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Reader:
    """Takes typed values out of one table of the file, naming the field on every error."""

    def __init__(self, file: str, table: Any, where: str) -> None:
        self.file, self.where = file, where
        if not isinstance(table, dict):
            self.fail("", _("must be a table"))
        self.table: dict[str, Any] = table

    def fail(self, name: str, problem: str) -> NoReturn:
        where = f"{self.where}.{name}" if self.where and name else self.where or name
        raise ContentError(self.file, where, problem)

    def _get(self, name: str, optional: bool = False) -> Any:
        if name not in self.table and not optional:
            self.fail(name, _("is missing"))
        return self.table.get(name)

    def text(self, name: str, optional: bool = False) -> str:
        value = self._get(name, optional)
        if value is None and optional:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(name, _("must be a text that is not empty"))
        return tidy(value)

    def number(self, name: str, low: int, high: int, optional: bool = False) -> int | None:
        value = self._get(name, optional)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                name, _("must be a whole number from {low} to {high}").format(low=low, high=high)
            )
        return int(value)

    def flag(self, name: str) -> bool:
        value = self._get(name, optional=True)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(name, _("must be true or false"))
        return bool(value)

    def texts(self, name: str, minimum: int = 0) -> list[str]:
        value = self._get(name, optional=minimum == 0) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(name, _("must be a list of texts"))
        if len(value) < minimum:
            self.fail(name, _("needs at least {n} entries").format(n=minimum))
        return [" ".join(v.split()) for v in value]

    def tables(self, name: str, minimum: int = 1) -> list[_Reader]:
        value = self._get(name)
        if not isinstance(value, list) or len(value) < minimum:
            self.fail(name, _("needs at least {n} entries").format(n=minimum))
        prefix = f"{self.where}.{name}" if self.where else name
        return [_Reader(self.file, item, f"{prefix}[{i}]") for i, item in enumerate(value, 1)]

    def equipment(self) -> list[str]:
        items = self.texts("equipment")
        unknown = [item for item in items if item not in EQUIPMENT]
        if unknown:
            self.fail(
                "equipment",
                _("unknown equipment {items}; known: {known}").format(
                    items=", ".join(unknown), known=", ".join(EQUIPMENT)
                ),
            )
        return items

    def picture(self) -> str:
        name = self.text("picture")
        if not resource_path("pictures", f"{name}.svg").exists():
            self.fail("picture", _("no picture {name}.svg in resources/pictures").format(name=name))
        return name


def _node(
    kind: str,
    key: str,
    values: dict[str, Any],
    children: list[Node] | None = None,
    links: tuple[str, ...] = (),
) -> Node:
    return Node(kind, key, values, dict(values), children or [], links)


# ------------------------------------------------------------------ one item's values
# Each takes the table of one item and gives its values as stored, checked and tidied. The
# editor checks a therapist's changes with the same functions (check_values), so whatever
# the editor stores, an exported file carries and an import accepts.


def _version_values(reader: _Reader) -> dict[str, Any]:
    return {"name": reader.text("name"), "description": reader.text("description", optional=True)}


def _exercise_values(reader: _Reader, kind: str = "exercise") -> dict[str, Any]:
    return {"kind": kind, "name": reader.text("name"), "purpose": reader.text("purpose")}


def _level_values(reader: _Reader) -> dict[str, Any]:
    reps = reader.number("repetitions", 1, 100, optional=True)
    hold = reader.number("hold_seconds", 1, 300, optional=True)
    if (reps is None) == (hold is None):
        reader.fail("repetitions", _("give either repetitions or hold_seconds, not both"))
    return {
        "instruction": reader.text("instruction"),
        "sets": reader.number("sets", 1, 10),
        "repetitions": reps,
        "hold_seconds": hold,
        "minutes": None,
        "per_side": reader.flag("per_side"),
        "equipment": reader.equipment(),
        "picture": reader.picture(),
    }


def _warmup_level_values(reader: _Reader) -> dict[str, Any]:
    return {
        "instruction": reader.text("instruction"),
        "sets": None,
        "repetitions": None,
        "hold_seconds": None,
        "minutes": reader.number("minutes", 1, 120),
        "per_side": False,
        "equipment": reader.equipment(),
        "picture": reader.picture(),
    }


def _message_values(reader: _Reader) -> dict[str, Any]:
    return {
        "title": reader.text("title"),
        "theme": reader.text("theme"),
        "gain": reader.text("gain"),
        "explanation": reader.text("explanation"),
        "talking_points": reader.texts("talking_points", minimum=3),
    }


def _session_values(reader: _Reader) -> dict[str, Any]:
    return {
        "title": reader.text("title"),
        "minutes": reader.number("minutes", 10, 240),
        "description": reader.text("description", optional=True),
    }


def _theme_values(reader: _Reader) -> dict[str, Any]:
    return {"title": reader.text("title"), "summary": reader.text("summary", optional=True)}


def _hint_values(reader: _Reader) -> dict[str, Any]:
    return {"title": reader.text("title"), "text": reader.text("text")}


_VALUES: dict[str, Callable[[_Reader], dict[str, Any]]] = {
    "version": _version_values,
    "exercise": _exercise_values,
    "warmup": lambda reader: _exercise_values(reader, "warmup"),
    "level": _level_values,
    "warmup_level": _warmup_level_values,
    "message": _message_values,
    "session": _session_values,
    "theme": _theme_values,
    "hint": _hint_values,
}


def check_values(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """One item's values (kind: version, exercise, warmup, level, warmup_level, message,
    session, theme or hint) checked by the rules of a content file, texts tidied; a
    ContentError names the field (`where`) and the problem."""
    return _VALUES[kind](_Reader("", dict(values), ""))


def default_pictures() -> list[str]:
    """The names of the default drawings a level may show."""
    return sorted(path.stem for path in resource_path("pictures").glob("*.svg"))


# ------------------------------------------------------------------ the whole file


def _level(reader: _Reader, number: int) -> Node:
    if reader.number("number", 1, MAX_LEVELS) != number:
        reader.fail("number", _("levels must be numbered 1, 2, 3, … in order"))
    return _node("level", str(number), _level_values(reader))


def _warmup(reader: _Reader) -> Node:
    level = _node("level", "1", _warmup_level_values(reader))
    return _node("exercise", reader.text("key"), _exercise_values(reader, "warmup"), [level])


def _exercise(reader: _Reader) -> Node:
    levels = [_level(r, n) for n, r in enumerate(reader.tables("levels"), 1)]
    return _node("exercise", reader.text("key"), _exercise_values(reader), levels)


def _message(reader: _Reader, number: int) -> Node:
    if reader.number("number", 1, MAX_MESSAGES) != number:
        reader.fail("number", _("core messages must be numbered 1, 2, 3, … in order"))
    return _node("message", reader.text("key"), _message_values(reader))


def _session(reader: _Reader, number: int, messages: set[str]) -> Node:
    if reader.number("number", 1, MAX_SESSIONS) != number:
        reader.fail("number", _("education sessions must be numbered 1, 2, 3, … in order"))
    themes = []
    for theme in reader.tables("themes"):
        links = tuple(theme.texts("core_messages"))
        unknown = [key for key in links if key not in messages]
        if unknown:
            theme.fail(
                "core_messages", _("unknown core message {keys}").format(keys=", ".join(unknown))
            )
        themes.append(_node("theme", theme.text("key"), _theme_values(theme), links=links))
    return _node("session", reader.text("key"), _session_values(reader), themes)


def read_programme(path: Path, language: str) -> Node:
    """The content file at `path` as a tree, or a ContentError naming file and field."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(path.name, "", _("the file is missing")) from error
    except UnicodeDecodeError as error:
        raise ContentError(
            path.name, "", _("not valid TOML: {reason}").format(reason=error)
        ) from error
    return parse_programme(text, path.name, language)


def parse_programme(text: str, name: str, language: str | None = None) -> Node:
    """A content file's text as a tree; `name` is the file named in errors. `language`:
    the language the file must be in (None: either)."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(name, "", _("not valid TOML: {reason}").format(reason=error)) from error
    root = _Reader(name, document, "")
    head = _Reader(name, document.get("programme"), "programme")
    found = head.text("language")
    if language is not None and found != language:
        head.fail(
            "language", _("must be {language}, as in the file name").format(language=language)
        )
    if found not in LANGUAGES:
        head.fail("language", _("must be one of {known}").format(known=", ".join(LANGUAGES)))
    messages = [_message(r, n) for n, r in enumerate(root.tables("core_messages"), 1)]
    keys = {m.key for m in messages}
    children = [_warmup(_Reader(name, document.get("warmup"), "warmup"))]
    children += [_exercise(r) for r in root.tables("exercises")]
    children += messages
    children += [_session(r, n, keys) for n, r in enumerate(root.tables("education_sessions"), 1)]
    children += [_node("hint", r.text("key"), _hint_values(r)) for r in root.tables("hints")]
    _check_unique_keys(name, children)
    return _node("version", found, _version_values(head), children)


def _check_unique_keys(file: str, children: list[Node]) -> None:
    seen: set[tuple[str, str]] = set()
    for child in children:
        if child.identity() in seen:
            raise ContentError(
                file, child.kind, _("the key {key} is used twice").format(key=child.key)
            )
        seen.add(child.identity())
