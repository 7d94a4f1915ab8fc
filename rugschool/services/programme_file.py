"""Reading a programme content file (TOML) into a content tree, checking every field.

A broken file is refused with a message that names the file and the field, for example
"default.nl.toml: exercises[3].levels[2].sets: must be a whole number from 1 to 10".
The format is described in docs/PROGRAMME_FORMAT.md.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any, NoReturn

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.paths import resource_path
from rugschool.services.content_tree import Node

EQUIPMENT = ("mat", "chair", "step", "ball", "band", "weights", "wall")
LANGUAGES = ("nl", "en")


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


def _level(reader: _Reader, number: int) -> Node:
    if reader.number("number", 1, 20) != number:
        reader.fail("number", _("levels must be numbered 1, 2, 3, … in order"))
    reps = reader.number("repetitions", 1, 100, optional=True)
    hold = reader.number("hold_seconds", 1, 300, optional=True)
    if (reps is None) == (hold is None):
        reader.fail("repetitions", _("give either repetitions or hold_seconds, not both"))
    return _node(
        "level",
        str(number),
        {
            "instruction": reader.text("instruction"),
            "sets": reader.number("sets", 1, 10),
            "repetitions": reps,
            "hold_seconds": hold,
            "minutes": None,
            "per_side": reader.flag("per_side"),
            "equipment": reader.equipment(),
            "picture": reader.picture(),
        },
    )


def _warmup(reader: _Reader) -> Node:
    level = _node(
        "level",
        "1",
        {
            "instruction": reader.text("instruction"),
            "sets": None,
            "repetitions": None,
            "hold_seconds": None,
            "minutes": reader.number("minutes", 1, 120),
            "per_side": False,
            "equipment": reader.equipment(),
            "picture": reader.picture(),
        },
    )
    values = {"kind": "warmup", "name": reader.text("name"), "purpose": reader.text("purpose")}
    return _node("exercise", reader.text("key"), values, [level])


def _exercise(reader: _Reader) -> Node:
    levels = [_level(r, n) for n, r in enumerate(reader.tables("levels"), 1)]
    values = {"kind": "exercise", "name": reader.text("name"), "purpose": reader.text("purpose")}
    return _node("exercise", reader.text("key"), values, levels)


def _message(reader: _Reader, number: int) -> Node:
    if reader.number("number", 1, 50) != number:
        reader.fail("number", _("core messages must be numbered 1, 2, 3, … in order"))
    return _node(
        "message",
        reader.text("key"),
        {
            "title": reader.text("title"),
            "theme": reader.text("theme"),
            "gain": reader.text("gain"),
            "explanation": reader.text("explanation"),
            "talking_points": reader.texts("talking_points", minimum=3),
        },
    )


def _session(reader: _Reader, number: int, messages: set[str]) -> Node:
    if reader.number("number", 1, 20) != number:
        reader.fail("number", _("education sessions must be numbered 1, 2, 3, … in order"))
    themes = []
    for theme in reader.tables("themes"):
        links = tuple(theme.texts("core_messages"))
        unknown = [key for key in links if key not in messages]
        if unknown:
            theme.fail(
                "core_messages", _("unknown core message {keys}").format(keys=", ".join(unknown))
            )
        values = {"title": theme.text("title"), "summary": theme.text("summary", optional=True)}
        themes.append(_node("theme", theme.text("key"), values, links=links))
    return _node(
        "session",
        reader.text("key"),
        {
            "title": reader.text("title"),
            "minutes": reader.number("minutes", 10, 240),
            "description": reader.text("description", optional=True),
        },
        themes,
    )


def read_programme(path: Path, language: str) -> Node:
    """The content file at `path` as a tree, or a ContentError naming file and field."""
    name = path.name
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ContentError(name, "", _("the file is missing")) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ContentError(name, "", _("not valid TOML: {reason}").format(reason=error)) from error
    root = _Reader(name, document, "")
    head = _Reader(name, document.get("programme"), "programme")
    if head.text("language") != language:
        head.fail(
            "language", _("must be {language}, as in the file name").format(language=language)
        )
    messages = [_message(r, n) for n, r in enumerate(root.tables("core_messages"), 1)]
    keys = {m.key for m in messages}
    children = [_warmup(_Reader(name, document.get("warmup"), "warmup"))]
    children += [_exercise(r) for r in root.tables("exercises")]
    children += messages
    children += [_session(r, n, keys) for n, r in enumerate(root.tables("education_sessions"), 1)]
    children += [
        _node("hint", r.text("key"), {"title": r.text("title"), "text": r.text("text")})
        for r in root.tables("hints")
    ]
    _check_unique_keys(name, children)
    values = {"name": head.text("name"), "description": head.text("description", optional=True)}
    return _node("version", language, values, children)


def _check_unique_keys(file: str, children: list[Node]) -> None:
    seen: set[tuple[str, str]] = set()
    for child in children:
        if child.identity() in seen:
            raise ContentError(
                file, child.kind, _("the key {key} is used twice").format(key=child.key)
            )
        seen.add(child.identity())
