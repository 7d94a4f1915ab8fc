"""Reading the programme for the screens and the handouts: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from rugschool.errors import NotFound
from rugschool.i18n import N_, _, ngettext
from rugschool.models import (
    CoreMessage as CoreMessageRow,
)
from rugschool.models import (
    Database,
    ExerciseLevel,
    Group,
    ProgrammeExercise,
    ProgrammeVersion,
)
from rugschool.services.audit import Actor
from rugschool.services.programme_file import LANGUAGES
from rugschool.services.programme_install import WHOLE_VERSION, latest_version

if TYPE_CHECKING:
    from rugschool.services.pictures import PictureService
    from rugschool.services.programme_edit import ProgrammeEditService
    from rugschool.services.programme_export import ProgrammeTransfer

EQUIPMENT_LABELS = {
    "mat": N_("mat"),
    "chair": N_("chair"),
    "step": N_("step"),
    "ball": N_("ball"),
    "band": N_("elastic band"),
    "weights": N_("hand weights"),
    "wall": N_("wall"),
}


def equipment_label(key: str) -> str:
    return _(EQUIPMENT_LABELS[key]) if key in EQUIPMENT_LABELS else key


@dataclass(frozen=True)
class Dose:
    sets: int | None
    repetitions: int | None
    hold_seconds: int | None
    minutes: int | None
    per_side: bool

    def text(self) -> str:
        """ "3 × 10 times, each side", "2 × hold 20 seconds", "8 minutes"."""
        if self.minutes is not None:
            return ngettext("{n} minute", "{n} minutes", self.minutes).format(n=self.minutes)
        if self.repetitions is not None:
            amount = ngettext("{n} time", "{n} times", self.repetitions).format(n=self.repetitions)
        else:
            amount = _("hold {n} s").format(n=self.hold_seconds)
        text = f"{self.sets} × {amount}" if self.sets else amount
        return _("{dose}, each side").format(dose=text) if self.per_side else text


@dataclass(frozen=True)
class Level:
    id: int
    number: int
    instruction: str
    dose: Dose
    equipment: tuple[str, ...]
    picture: str

    def equipment_text(self) -> str:
        return ", ".join(equipment_label(key) for key in self.equipment) or _("none")


@dataclass(frozen=True)
class Exercise:
    id: int
    key: str
    position: int
    name: str
    purpose: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class CoreMessage:
    id: int
    key: str
    number: int
    title: str
    theme: str
    gain: str
    explanation: str
    talking_points: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    summary: str
    messages: tuple[CoreMessage, ...]


@dataclass(frozen=True)
class EducationSession:
    id: int
    key: str
    number: int
    title: str
    minutes: int
    description: str
    themes: tuple[Theme, ...]


@dataclass(frozen=True)
class Hint:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class Programme:
    version_id: int
    language: str
    name: str
    description: str
    warmup: Exercise | None
    exercises: tuple[Exercise, ...]
    core_messages: tuple[CoreMessage, ...]
    sessions: tuple[EducationSession, ...]
    hints: tuple[Hint, ...]
    source_file: str = ""  # the programme file it was imported from, if it was

    def exercise(self, key: str) -> Exercise:
        for exercise in (self.warmup, *self.exercises):
            if exercise is not None and exercise.key == key:
                return exercise
        raise KeyError(key)


def _level(row: ExerciseLevel) -> Level:
    dose = Dose(row.sets, row.repetitions, row.hold_seconds, row.minutes, row.per_side)
    return Level(row.id, row.number, row.instruction, dose, tuple(row.equipment), row.picture)


def _exercise(row: ProgrammeExercise) -> Exercise:
    levels = tuple(_level(level) for level in row.levels)
    return Exercise(row.id, row.key, row.position, row.name, row.purpose, levels)


def _message(row: CoreMessageRow) -> CoreMessage:
    return CoreMessage(
        row.id,
        row.key,
        row.number,
        row.title,
        row.theme,
        row.gain,
        row.explanation,
        tuple(row.talking_points),
    )


def _programme(version: ProgrammeVersion) -> Programme:
    warmups = [_exercise(e) for e in version.exercises if e.kind == "warmup"]
    sessions = tuple(
        EducationSession(
            s.id,
            s.key,
            s.number,
            s.title,
            s.minutes,
            s.description,
            tuple(
                Theme(t.key, t.title, t.summary, tuple(_message(m) for m in t.messages))
                for t in s.themes
            ),
        )
        for s in version.education_sessions
    )
    return Programme(
        version_id=version.id,
        language=version.language,
        name=version.name,
        description=version.description,
        warmup=warmups[0] if warmups else None,
        exercises=tuple(_exercise(e) for e in version.exercises if e.kind == "exercise"),
        core_messages=tuple(_message(m) for m in version.core_messages),
        sessions=sessions,
        hints=tuple(Hint(h.key, h.title, h.text) for h in version.hints),
        source_file=version.source_file,
    )


class ProgrammeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def version(self, version_id: int) -> Programme:
        """One stored version (the one a group runs), as it is now."""
        with self._db.transaction() as s:
            version = s.get(ProgrammeVersion, version_id, options=WHOLE_VERSION)
            if version is None:
                raise NotFound(_("That programme version no longer exists."))
            return _programme(version)

    def of_group(self, group_id: int, language: str) -> Programme:
        """The programme a group follows (see for_group): what its sessions show and what
        their recordings point at."""
        with self._db.transaction() as s:
            version_id = s.scalar(select(Group.programme_version_id).where(Group.id == group_id))
        return self.for_group(version_id, language)

    def recorded_level(self, level_id: int) -> Level:
        """A level as it was when it was done: the row a recording points at, which no edit
        changes."""
        with self._db.transaction() as s:
            row = s.get(ExerciseLevel, level_id)
            if row is None:
                raise NotFound(_("That level no longer exists."))
            return _level(row)

    def editor(self, actor: Actor | None = None) -> ProgrammeEditService:
        """Editing the practice's programme (made when first used)."""
        from rugschool.services.programme_edit import ProgrammeEditService

        return ProgrammeEditService(self._db, actor)

    def transfer(self, pictures: PictureService) -> ProgrammeTransfer:
        """Exporting and importing a whole programme as one file."""
        from rugschool.services.programme_export import ProgrammeTransfer

        return ProgrammeTransfer(self._db, pictures)

    def for_group(self, version_id: int | None, language: str) -> Programme:
        """The programme a group runs, in `language`: its own version when that is in this
        language, else the newest programme in `language` (same exercise keys)."""
        if version_id is not None:
            own = self.version(version_id)
            if own.language == language:
                return own
        return self.current(language)

    def current(self, language: str) -> Programme:
        """The newest programme in `language`, or in the other language if there is none."""
        others = [code for code in LANGUAGES if code != language]
        with self._db.transaction() as s:
            for code in (language, *others):
                version = latest_version(s, code)
                if version is not None:
                    return _programme(version)
        raise NotFound(_("There is no programme yet. Load the demo, or restart Rugschool."))
