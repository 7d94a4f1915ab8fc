"""The editable items of a programme version: what identifies one across versions (keys,
never row ids), its fields, finding its row, and checking a therapist's values by the rules
of a content file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import N_, _
from rugschool.models import ProgrammeExercise, ProgrammeVersion
from rugschool.services.programme_file import ContentError, check_values
from rugschool.services.programme_install import LEVEL_FIELDS, MESSAGE_FIELDS

ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "version": ("name", "description"),
    "exercise": ("name", "purpose"),
    "level": LEVEL_FIELDS,
    "message": MESSAGE_FIELDS,
    "session": ("title", "minutes", "description"),
    "theme": ("title", "summary"),
    "hint": ("title", "text"),
}

FIELD_LABELS = {
    "name": N_("Name"),
    "description": N_("Description"),
    "purpose": N_("Purpose"),
    "instruction": N_("Instruction"),
    "sets": N_("Sets"),
    "repetitions": N_("Repetitions"),
    "hold_seconds": N_("Hold (seconds)"),
    "minutes": N_("Minutes"),
    "per_side": N_("Each side"),
    "equipment": N_("Equipment"),
    "picture": N_("Picture"),
    "title": N_("Title"),
    "theme": N_("Theme"),
    "gain": N_("What it gives the participant"),
    "explanation": N_("Explanation for participants"),
    "talking_points": N_("Talking points"),
    "summary": N_("Summary"),
    "text": N_("Text"),
}


def field_label(name: str) -> str:
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


@dataclass(frozen=True)
class ItemRef:
    """One item of the programme, by keys that stay the same in every version: `key` is
    the item's own key (a level's number, as text), `parent` its exercise's or session's."""

    kind: str
    key: str = ""
    parent: str = ""

    @classmethod
    def level(cls, exercise: str, number: int) -> ItemRef:
        return cls("level", str(number), exercise)

    @classmethod
    def theme(cls, session: str, key: str) -> ItemRef:
        return cls("theme", key, session)


@dataclass(frozen=True)
class ItemState:
    """An item as stored: its values and the default values it came with ({} for the
    practice's own item: there is nothing to reset it to)."""

    ref: ItemRef
    values: dict[str, Any]
    defaults: dict[str, Any] = field(default_factory=dict)
    warmup: bool = False  # the warm-up or its level: minutes instead of a dose

    def edited(self) -> tuple[str, ...]:
        """The fields that differ from their default."""
        return tuple(
            name
            for name in ITEM_FIELDS[self.ref.kind]
            if name in self.defaults and self.values.get(name) != self.defaults[name]
        )


def _named(rows: list[Any], key: str) -> Any:
    found = next((row for row in rows if row.key == key), None)
    if found is None:
        raise NotFound(_("The programme has no item {key}.").format(key=key))
    return found


def exercise_row(version: ProgrammeVersion, key: str) -> ProgrammeExercise:
    found: ProgrammeExercise = _named(version.exercises, key)
    return found


def find(version: ProgrammeVersion, ref: ItemRef) -> Any:
    """The row of `ref` in `version`; NotFound when the version has no such item."""
    if ref.kind == "version":
        return version
    if ref.kind == "exercise":
        return exercise_row(version, ref.key)
    if ref.kind == "level":
        levels = exercise_row(version, ref.parent).levels
        found = next((lv for lv in levels if str(lv.number) == ref.key), None)
        if found is None:
            raise NotFound(_("This exercise has no level {n}.").format(n=ref.key))
        return found
    if ref.kind == "message":
        return _named(version.core_messages, ref.key)
    if ref.kind == "session":
        return _named(version.education_sessions, ref.key)
    if ref.kind == "theme":
        return _named(_named(version.education_sessions, ref.parent).themes, ref.key)
    if ref.kind == "hint":
        return _named(version.hints, ref.key)
    raise NotFound(_("The programme has no item {key}.").format(key=ref.kind))


def is_warmup(version: ProgrammeVersion, ref: ItemRef) -> bool:
    name = ref.parent if ref.kind == "level" else ref.key
    if ref.kind not in ("exercise", "level"):
        return False
    return exercise_row(version, name).kind == "warmup"


def values_of(row: Any, kind: str) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in ITEM_FIELDS[kind]}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, (list, tuple)) else value


def state(version: ProgrammeVersion, ref: ItemRef) -> ItemState:
    row = find(version, ref)
    defaults = {k: v for k, v in dict(row.shipped).items() if k in ITEM_FIELDS[ref.kind]}
    return ItemState(ref, values_of(row, ref.kind), defaults, is_warmup(version, ref))


def checked(ref: ItemRef, values: dict[str, Any], warmup: bool) -> dict[str, Any]:
    """`values` (every field of the item) checked and tidied by the rules of a content
    file, so whatever is stored can be exported and imported again."""
    kind = ref.kind
    if warmup:
        kind = "warmup_level" if kind == "level" else "warmup"
    try:
        clean = check_values(kind, values)
    except ContentError as error:
        raise ValidationError(
            _("{field}: {problem}").format(field=field_label(error.where), problem=error.problem)
        ) from error
    return {name: clean[name] for name in ITEM_FIELDS[ref.kind]}
