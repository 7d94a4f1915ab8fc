"""Editing the practice's programme: texts, doses, equipment and pictures of every item;
adding and removing exercises and levels; putting an item back to its default text.

The practice's programme in a language is its newest version. An edit lands there, unless
recordings already point at that version: then the first edit makes a copy of it (with the
change) and the groups that have no recordings yet move to the copy. Recordings keep
pointing at the rows of the old version, so what was done stays what it was; a running group
stays on its version until the therapist moves it (`move_groups`).

Every operation is one transaction and returns an `Outcome` (with the values before, for
undo). Items are named by keys (`ItemRef`), never by row ids, since a copy has new rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rugschool.errors import ValidationError
from rugschool.i18n import _
from rugschool.models import (
    Database,
    ExerciseLevel,
    ExerciseResult,
    Group,
    ProgrammeExercise,
    ProgrammeVersion,
)
from rugschool.services.audit import Actor
from rugschool.services.programme_file import MAX_LEVELS
from rugschool.services.programme_install import snapshot, write_version
from rugschool.services.programme_items import (
    ItemRef,
    ItemState,
    checked,
    exercise_row,
    find,
    is_warmup,
    state,
    values_of,
)
from rugschool.services.programme_versions import (
    GroupOnVersion,
    groups_behind,
    move_groups,
    move_unstarted_groups,
    recorded,
    refuse_on_a_taken_along_group,
)


@dataclass(frozen=True)
class Outcome:
    version_id: int  # the version the change is in (the practice's programme now)
    copied: bool = False  # a new version was made: recordings point at the old one
    moved: int = 0  # groups without recordings that moved to the new version with it
    before: dict[str, Any] = field(default_factory=dict)  # the values before, for undo
    key: str = ""  # an added exercise's key
    changed: bool = True  # False: the values given were the values stored


class ChangedMeanwhile(ValidationError):
    """The screen showed a version that is no longer the newest (another therapist, or
    another window, changed the programme): it reloads, and the change is made again."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The programme was changed meanwhile. The screen now shows what is stored; "
                "make your change again."
            )
        )


class ProgrammeEditService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db, self._actor = db, actor

    # -------------------------------------------------------------- reading

    def item(self, version_id: int, ref: ItemRef) -> ItemState:
        with self._db.transaction() as s:
            return state(self._newest(s, version_id), ref)

    def recordings(self, ref: ItemRef) -> int:
        """How many exercise results, in any version, were done in this exercise (or at
        this level of it): what removing it would take from the programme ahead."""
        key = ref.parent if ref.kind == "level" else ref.key
        query = (
            select(func.count(ExerciseResult.id))
            .join(ProgrammeExercise, ExerciseResult.exercise_id == ProgrammeExercise.id)
            .where(ProgrammeExercise.key == key)
        )
        if ref.kind == "level":
            query = query.join(ExerciseLevel, ExerciseResult.level_id == ExerciseLevel.id).where(
                ExerciseLevel.number == int(ref.key)
            )
        with self._db.transaction() as s:
            return s.scalar(query) or 0

    def groups_behind(self, version_id: int) -> list[GroupOnVersion]:
        """The groups that follow an earlier version of this programme."""
        with self._db.transaction() as s:
            version = s.get(ProgrammeVersion, version_id)
            return groups_behind(s, version) if version is not None else []

    # -------------------------------------------------------------- changing texts

    def update(self, version_id: int, ref: ItemRef, values: Mapping[str, Any]) -> Outcome:
        """Stores changed fields of one item (the others stay as they are)."""
        with self._db.transaction() as s:
            return self._update(s, self._newest(s, version_id), ref, values)

    def reset(self, version_id: int, ref: ItemRef, fields: Iterable[str] | None = None) -> Outcome:
        """Puts the item's fields (all, or those named) back to their default values."""
        with self._db.transaction() as s:
            version = self._newest(s, version_id)
            current = state(version, ref)
            if not current.defaults:
                raise ValidationError(_("This is your own item: it has no default text."))
            names = current.defaults.keys() if fields is None else fields
            defaults = {name: current.defaults[name] for name in names if name in current.defaults}
            return self._update(s, version, ref, defaults)

    def _update(
        self, s: Session, version: ProgrammeVersion, ref: ItemRef, values: Mapping[str, Any]
    ) -> Outcome:
        before = values_of(find(version, ref), ref.kind)
        wanted = checked(ref, {**before, **values}, is_warmup(version, ref))
        if wanted == before:
            return Outcome(version.id, before=before, changed=False)
        version, copied, moved = self._working(s, version)
        row = find(version, ref)
        for name, value in wanted.items():
            setattr(row, name, value)
        return Outcome(version.id, copied, moved, before)

    # -------------------------------------------------------------- exercises and levels

    def add_exercise(
        self, version_id: int, values: Mapping[str, Any], level: Mapping[str, Any]
    ) -> Outcome:
        """A new exercise of the practice's own at the end, with its first level."""
        exercise_values = checked(ItemRef("exercise"), dict(values), warmup=False)
        level_values = checked(ItemRef("level"), dict(level), warmup=False)
        with self._db.transaction() as s:
            version, copied, moved = self._working(s, self._newest(s, version_id))
            keys = {exercise.key for exercise in version.exercises}
            exercise = ProgrammeExercise(
                key=_new_key(exercise_values["name"], keys),
                kind="exercise",
                position=max(e.position for e in version.exercises) + 1,
                shipped={},
                **exercise_values,
            )
            exercise.levels = [ExerciseLevel(number=1, shipped={}, **level_values)]
            version.exercises.append(exercise)
            s.flush()
            return Outcome(version.id, copied, moved, key=exercise.key)

    def remove_exercise(self, version_id: int, key: str) -> Outcome:
        """Takes an exercise out of the programme ahead. Recordings of it stay, with the
        version they point at."""
        with self._db.transaction() as s:
            version = self._newest(s, version_id)
            if exercise_row(version, key).kind == "warmup":
                raise ValidationError(_("The warm-up cannot be removed; you can change it."))
            if sum(e.kind == "exercise" for e in version.exercises) == 1:
                raise ValidationError(_("A programme needs at least one exercise."))
            version, copied, moved = self._working(s, version)
            exercise = exercise_row(version, key)
            if exercise.shipped:
                version.removed = sorted({*version.removed, f"exercise:{key}"})
            version.exercises.remove(exercise)
            s.flush()
            for position, row in enumerate(version.exercises):
                row.position = position
            return Outcome(version.id, copied, moved)

    def add_level(
        self, version_id: int, exercise_key: str, values: Mapping[str, Any] | None = None
    ) -> Outcome:
        """A level of the practice's own after the last one: `values`, or a copy of the
        last level to start from."""
        with self._db.transaction() as s:
            version = self._newest(s, version_id)
            exercise = exercise_row(version, exercise_key)
            if exercise.kind == "warmup":
                raise ValidationError(_("The warm-up has one level."))
            if len(exercise.levels) >= MAX_LEVELS:
                raise ValidationError(_("An exercise has at most {n} levels.").format(n=MAX_LEVELS))
            last = values_of(exercise.levels[-1], "level")
            wanted = checked(ItemRef("level"), {**last, **(values or {})}, warmup=False)
            version, copied, moved = self._working(s, version)
            exercise = exercise_row(version, exercise_key)
            number = len(exercise.levels) + 1
            exercise.levels.append(ExerciseLevel(number=number, shipped={}, **wanted))
            s.flush()
            return Outcome(version.id, copied, moved)

    def remove_level(self, version_id: int, exercise_key: str, number: int) -> Outcome:
        """Takes a level out; the levels after it move up one number (levels carry over
        by number, so someone at the old level 4 does the new level 4 next)."""
        with self._db.transaction() as s:
            version = self._newest(s, version_id)
            if len(exercise_row(version, exercise_key).levels) == 1:
                raise ValidationError(_("An exercise needs at least one level."))
            find(version, ItemRef.level(exercise_key, number))  # NotFound before any copy
            version, copied, moved = self._working(s, version)
            exercise = exercise_row(version, exercise_key)
            level = find(version, ItemRef.level(exercise_key, number))
            if level.default_number is not None:
                path = f"exercise:{exercise_key}/level:{level.default_number}"
                version.removed = sorted({*version.removed, path})
            exercise.levels.remove(level)
            s.flush()
            for row in exercise.levels:  # in order, so no two levels share a number
                if row.number > number:
                    row.number -= 1
                    s.flush()
            return Outcome(version.id, copied, moved)

    # -------------------------------------------------------------- groups

    def move_groups(self, version_id: int, group_ids: Iterable[int]) -> int:
        """Moves groups (running ones too) to this version, the practice's newest."""
        with self._db.transaction() as s:
            version = self._newest(s, version_id)
            groups = s.scalars(select(Group).where(Group.id.in_(list(group_ids)))).all()
            move_groups(groups, version.id, self._actor)
            return len(groups)

    # -------------------------------------------------------------- versions

    def _newest(self, s: Session, version_id: int) -> ProgrammeVersion:
        """The version, which must still be the newest in its language: a screen that shows
        an older one reloads rather than change what it no longer shows."""
        self._refuse_on_a_taken_along_group()
        version = s.get(ProgrammeVersion, version_id)
        newest = (
            s.scalar(
                select(func.max(ProgrammeVersion.id)).where(
                    ProgrammeVersion.language == version.language
                )
            )
            if version is not None
            else None
        )
        if version is None or newest != version.id:
            raise ChangedMeanwhile()
        return version

    def _working(self, s: Session, version: ProgrammeVersion) -> tuple[ProgrammeVersion, bool, int]:
        """Where an edit lands: the version itself, or, when recordings point at it, a
        copy that the groups without recordings move to."""
        if not recorded(s, version.id):
            return version, False, 0
        copy = write_version(
            s,
            snapshot(version),
            version.language,
            version.source_digest,
            based_on=version.id,
            removed=version.removed,
        )
        copy.source_file = version.source_file
        moved = move_unstarted_groups(s, version.id, copy.id, self._actor)
        return copy, True, moved

    def _refuse_on_a_taken_along_group(self) -> None:
        refuse_on_a_taken_along_group(self._db)


def _new_key(name: str, taken: set[str]) -> str:
    """A key for a new exercise from its name: lowercase-with-dashes, unused in the version."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = "-".join(re.findall(r"[a-z0-9]+", plain))[:40].strip("-") or "exercise"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key
